// What the server accepts in a canned response (mirrored here so the form
// says what is wrong before sending; the server still decides), the
// variables it fills in, and the preview with sample values.
import { messageChars } from "@webchat/shared";
import type { CannedResponse } from "@webchat/shared";

export const SHORTCUT_MAX = 32;
export const TITLE_MAX = 100;
export const TEXT_MAX = 4000;

export interface Variable {
  token: string;
  label: string;
  sample: string;
}

/** The variables the server fills in when an agent uses a response. */
export const VARIABLES: Variable[] = [
  { token: "{{visitor.name}}", label: "Visitor name", sample: "Alex Morgan" },
  { token: "{{visitor.email}}", label: "Visitor email", sample: "alex@example.com" },
  { token: "{{agent.name}}", label: "Agent name", sample: "Sam" },
];

export type Draft = Omit<CannedResponse, "id">;
export type Problems = Partial<Record<keyof Draft, string>>;

/** The shortcut as the server stores it: no leading "/", no surrounding spaces. */
export function cleanShortcut(value: string): string {
  return value.trim().replace(/^\/+/, "");
}

/** Every `{{…}}` in the text the server would not fill, as written. */
export function unknownVariables(text: string): string[] {
  const known = new Set(VARIABLES.map((v) => v.token));
  const found = text.match(/\{\{[^{}]*\}\}/g) ?? [];
  return [...new Set(found.filter((t) => !known.has(t)))];
}

/** The sentence that warns about unknown variables, or null. */
export function variableWarning(text: string): string | null {
  const unknown = unknownVariables(text);
  if (!unknown.length) return null;
  const list = unknown.join(", ");
  return `${list} ${unknown.length === 1 ? "is not a variable" : "are not variables"} the server fills in, so it would refuse this text. Use ${VARIABLES.map((v) => v.token).join(", ")} (no spaces inside the braces), or remove it.`;
}

/** What is wrong with each field, in words; `others` are the responses already saved (for a taken shortcut). */
export function check(draft: Draft, others: CannedResponse[]): Problems {
  const problems: Problems = {};
  const shortcut = cleanShortcut(draft.shortcut);
  const taken = others.find((c) => c.shortcut === shortcut);
  if (!shortcut) problems.shortcut = "Enter a shortcut, for example refund. Agents type it after a / in the composer.";
  else if (shortcut.length > SHORTCUT_MAX) problems.shortcut = `Use at most ${SHORTCUT_MAX} characters (now ${shortcut.length}).`;
  else if (!/^[a-z0-9_-]+$/.test(shortcut)) problems.shortcut = "Use only lower-case letters, digits, - and _ (no spaces or other signs).";
  else if (taken) problems.shortcut = `The shortcut /${shortcut} is taken by “${taken.title}”. Choose another.`;

  const title = [...draft.title.trim()].length;
  if (!title) problems.title = "Enter a title, so agents can tell the responses apart.";
  else if (title > TITLE_MAX) problems.title = `Use at most ${TITLE_MAX} characters (now ${title}).`;

  const text = messageChars(draft.text);
  const warning = variableWarning(draft.text);
  if (!text) problems.text = "Enter the text agents will send.";
  else if (text > TEXT_MAX) problems.text = `Use at most ${TEXT_MAX.toLocaleString("en")} characters (now ${text.toLocaleString("en")}).`;
  else if (warning) problems.text = warning;
  return problems;
}

/** The body to send: the shortcut and title tidied, the text as written but trimmed. */
export function tidy(draft: Draft): Draft {
  return { shortcut: cleanShortcut(draft.shortcut), title: draft.title.trim(), text: draft.text.trim() };
}

/** The text as a visitor would see it, with sample values (`agentName`: the operator's own name). */
export function preview(text: string, agentName?: string | null): string {
  let out = text;
  for (const v of VARIABLES) out = out.split(v.token).join(v.token === "{{agent.name}}" && agentName ? agentName : v.sample);
  return out;
}

/** The first line of a text, cut to `max` characters, for the table. */
export function excerpt(text: string, max = 80): string {
  const one = text.replace(/\s+/g, " ").trim();
  const chars = [...one];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : one;
}
