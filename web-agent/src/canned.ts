// Canned responses in the composer: finding the `/word` being typed (at the
// start or after whitespace), matching responses by shortcut or title, and
// showing the variables filled from what the app knows. The server fills
// them itself when the response is sent unchanged (`cannedId`, text "").
import type { CannedResponse } from "@webchat/shared";

export interface CannedVars {
  visitorName?: string | null;
  visitorEmail?: string | null;
  agentName?: string | null;
}

/** The text with the variables the app knows filled; unknown ones stay as they are. */
export function fillCanned(text: string, vars: CannedVars): string {
  const values: Record<string, string | null | undefined> = {
    "visitor.name": vars.visitorName,
    "visitor.email": vars.visitorEmail,
    "agent.name": vars.agentName,
  };
  return text.replace(/\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/g, (whole, key: string) => values[key] || whole);
}

/** The `/query` just before the caret: its start in the text and the query without the slash. */
export function slashAt(text: string, caret: number): { start: number; query: string } | null {
  const m = /(^|\s)\/([^\s/]*)$/.exec(text.slice(0, caret));
  if (!m) return null;
  return { start: caret - m[2].length - 1, query: m[2] };
}

/** Shortcut prefix matches first, then any match in shortcut or title. */
export function matchCanned(all: CannedResponse[], query: string): CannedResponse[] {
  const q = query.toLowerCase().replace(/^\//, "");
  if (!q) return all;
  const short = (r: CannedResponse) => r.shortcut.toLowerCase().replace(/^\//, "");
  const starts = all.filter((r) => short(r).startsWith(q));
  const rest = all.filter((r) => !starts.includes(r) && (short(r).includes(q) || r.title.toLowerCase().includes(q)));
  return [...starts, ...rest];
}
