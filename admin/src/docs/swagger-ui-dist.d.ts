// The one file of swagger-ui-dist the docs page imports: Swagger UI with
// everything it needs bundled in (no CDN), typed as far as it is used.
declare module "swagger-ui-dist/swagger-ui-es-bundle.js" {
  import type { DocsOptions } from "./options";
  const SwaggerUI: (options: DocsOptions) => unknown;
  export default SwaggerUI;
}
