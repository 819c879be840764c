// What the invitation page checks before sending (the server checks again:
// a name of 1 to 80 characters, a password of 8 to 256, typed twice alike)
// and the words it shows: the role, the expiry, the server's sentences.
import type { StaffRole } from "@webchat/shared";

export const NAME_MAX = 80;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/** Characters as a reader counts them (code points, not UTF-16 units). */
const count = (s: string) => Array.from(s).length;

export function nameProblem(name: string): string | null {
  const n = count(name.trim());
  if (n === 0) return "Please enter your name.";
  if (n > NAME_MAX) return `The name must be at most ${NAME_MAX} characters (it has ${n}).`;
  return null;
}

export function passwordProblem(password: string): string | null {
  const n = count(password);
  if (n === 0) return `Please choose a password of at least ${PASSWORD_MIN} characters.`;
  if (n < PASSWORD_MIN) return `The password must be at least ${PASSWORD_MIN} characters (it has ${n}).`;
  if (n > PASSWORD_MAX) return `The password must be at most ${PASSWORD_MAX} characters (it has ${n}).`;
  return null;
}

export function confirmProblem(password: string, confirm: string): string | null {
  if (confirm === password) return null;
  return confirm ? "The two passwords differ." : "Please type the password again.";
}

const ROLE_WORDS: Record<StaffRole, string> = { agent: "an agent", supervisor: "a supervisor", admin: "an admin" };

/** "You're invited as a supervisor." */
export function invitedAs(role: StaffRole): string {
  return `You're invited as ${ROLE_WORDS[role] ?? role}.`;
}

/** "This invitation expires on 8 December 2026 at 14:00." in the reader's locale; "" for a bad time. */
export function expiryText(iso: string, locale?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return `This invitation expires on ${d.toLocaleString(locale ?? [], { dateStyle: "long", timeStyle: "short" })}.`;
}

/** The server's message as a sentence: "this invitation expired…" becomes "This invitation expired…". */
export function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
