// The API docs page's entry: Swagger UI from our own bundle, over the
// server's OpenAPI document. See options.ts for how it is set up.
import SwaggerUI from "swagger-ui-dist/swagger-ui-es-bundle.js";
import "swagger-ui-dist/swagger-ui.css";
import "./docs.css";
import { docsOptions } from "./options";

SwaggerUI(docsOptions(document.getElementById("swagger-ui")!));
