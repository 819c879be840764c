// How the API docs page (api-docs.html, served at /api/docs) sets up
// Swagger UI: the server's OpenAPI document, links to each operation in the
// address (#/tag/operation), the token given under Authorize kept across
// reloads, "Try it out" open at once, and nothing fetched from another
// origin (no validator badge, no ?url= or ?config= from the address).
// Its <main> and <h1> are made to fit the page's own (landmarks.ts).
import { pageLandmarks } from "./landmarks";

export const OPENAPI_URL = "/api/openapi.json";

export interface DocsOptions {
  domNode: HTMLElement;
  url: string;
  deepLinking: boolean;
  persistAuthorization: boolean;
  tryItOutEnabled: boolean;
  validatorUrl: null;
  queryConfigEnabled: boolean;
  displayRequestDuration: boolean;
  requestSnippetsEnabled: boolean;
  plugins: (typeof pageLandmarks)[];
}

export function docsOptions(domNode: HTMLElement): DocsOptions {
  return {
    domNode,
    url: OPENAPI_URL,
    deepLinking: true,
    persistAuthorization: true,
    tryItOutEnabled: true,
    validatorUrl: null,
    queryConfigEnabled: false,
    displayRequestDuration: true,
    requestSnippetsEnabled: true,
    plugins: [pageLandmarks],
  };
}
