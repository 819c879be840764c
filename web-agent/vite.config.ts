import { defineConfig } from "vitest/config";
import { appConfig } from "../web-shared/vite.app";

// The server serves dist/ at /agent/.
export default defineConfig(appConfig(import.meta.url, { base: "/agent/" }));
