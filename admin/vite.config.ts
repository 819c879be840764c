import { defineConfig } from "vitest/config";
import { appConfig } from "../web-shared/vite.app";

// The server serves dist/ at /admin/ (with an SPA fallback for the console's pages).
export default defineConfig(appConfig(import.meta.url, { base: "/admin/" }));
