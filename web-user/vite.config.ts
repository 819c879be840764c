import { defineConfig } from "vitest/config";
import { appConfig } from "../web-shared/vite.app";

// The server embeds dist/ at "/" (with an SPA fallback, so /chat works), and
// dist/widget.html at /widget.html (the chat the embeddable widget frames).
const config = appConfig(import.meta.url, { base: "/", pages: { widget: "widget.html" } });
// the tests run ../widget/widget.js, the one-line embed, as text (`?raw`)
config.server.fs.allow.push(decodeURIComponent(new URL("../widget", import.meta.url).pathname));

export default defineConfig(config);
