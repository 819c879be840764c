// The Vite and Vitest settings of every Webchat app, in one place. An app's
// vite.config.ts calls appConfig(its own folder, { base }). No imports here:
// this file is bundled into each app's config, whose node_modules it uses.
//
// - `@webchat/shared/…` resolves to web-shared/src/… (sources, not a build);
// - react, react-dom and socket.io-client always come from the app's own
//   node_modules (one React, one client), so web-shared needs no install;
// - the build is the app's dist/, without source maps, so it is reproducible.

export interface AppOptions {
  /** Where the server serves the app: "/", "/agent/", "/admin/". */
  base: string;
  /** Extra HTML entries beside index.html, by name (e.g. { widget: "widget.html" }). */
  pages?: Record<string, string>;
}

const SERVER = "http://127.0.0.1:3001";

export function appConfig(appUrl: string, options: AppOptions) {
  const appDir = decodeURIComponent(new URL(".", appUrl).pathname);
  const shared = decodeURIComponent(new URL("../web-shared/src", appUrl).pathname);
  const input = options.pages
    ? { index: `${appDir}index.html`, ...Object.fromEntries(Object.entries(options.pages).map(([k, v]) => [k, appDir + v])) }
    : undefined;
  return {
    base: options.base,
    resolve: {
      alias: [{ find: /^@webchat\/shared/, replacement: shared }],
      dedupe: ["react", "react-dom", "socket.io-client"],
    },
    server: {
      fs: { allow: [appDir, shared] },
      proxy: {
        "/api": SERVER,
        "/ingest": SERVER,
        "/socket.io": { target: SERVER, ws: true },
      },
    },
    build: { outDir: "dist", sourcemap: false, ...(input ? { rolldownOptions: { input, output: { chunkFileNames: "assets/chunk-[hash].js" } } } : {}) },
    test: {
      environment: "jsdom",
      setupFiles: ["./src/test/setup.ts"],
    },
  };
}
