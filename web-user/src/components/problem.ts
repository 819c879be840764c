import { errorText, RequestError } from "@webchat/shared";
import type { Translate } from "../i18n";

/** What went wrong, for the visitor: the server's own message, or that the chat has no connection. */
export function problemText(t: Translate, e: unknown): string {
  if (e instanceof RequestError && (e.code === "network" || e.code === "timeout")) return t("error.connection");
  return errorText(e);
}
