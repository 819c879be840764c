import { defineConfig } from "vitest/config";
import { appConfig } from "../web-shared/vite.app";

// The server serves dist/ at /admin/ (with an SPA fallback for the console's
// pages), and dist/api-docs.html at /api/docs (Swagger UI over
// /api/openapi.json; its assets under /admin/assets/ like the console's).
const config = appConfig(import.meta.url, { base: "/admin/", pages: { "api-docs": "api-docs.html" } });
// Swagger UI is one chunk of about 1.5 MB, loaded by the docs page only (never by the console)
Object.assign(config.build, { chunkSizeWarningLimit: 1600 });

export default defineConfig(config);
