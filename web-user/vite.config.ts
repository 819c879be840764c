import { defineConfig } from "vitest/config";
import { appConfig } from "../web-shared/vite.app";

// The server embeds dist/ at "/" (with an SPA fallback, so /chat works), and
// dist/widget.html at /widget.html (the chat the embeddable widget frames).
export default defineConfig(appConfig(import.meta.url, { base: "/", pages: { widget: "widget.html" } }));
