// What the console says about an invitation: its status now, how long its
// link works, what happened to one just sent, and why one could not be.
import { errorText, HttpError } from "@webchat/shared";
import type { Invitation, InvitationStatus, SentInvitation } from "./api";

const DAY_MS = 86_400_000;

export const STATUS_TEXT: Record<InvitationStatus, string> = { pending: "Pending", accepted: "Accepted", expired: "Expired" };

/** The status at `now`: a pending one whose link has run out is expired, though the list was loaded before. */
export function statusAt(inv: Pick<Invitation, "status" | "expiresAt">, now: number): InvitationStatus {
  if (inv.status === "pending" && Date.parse(inv.expiresAt) <= now) return "expired";
  return inv.status === "accepted" || inv.status === "expired" ? inv.status : "pending";
}

/** "7 days", "1 day", or "less than a day": how long a link works from `now`. */
export function lifeText(expiresAt: string, now: number): string {
  const days = Math.round((Date.parse(expiresAt) - now) / DAY_MS);
  if (!(days >= 1)) return "less than a day";
  return days === 1 ? "1 day" : `${days} days`;
}

/** What happened to an invitation just sent: mailed, or to be passed on by hand because the server has no email. */
export function sentText({ invitation, mailed }: SentInvitation, now: number): string {
  const life = lifeText(invitation.expiresAt, now);
  if (mailed) return `Invitation sent to ${invitation.email}. The link works for ${life}.`;
  return (
    `Email is not configured on this server (SMTP_URL is not set), so no email was sent. ` +
    `Copy the link below and send it to ${invitation.email} yourself. It works for ${life}.`
  );
}

/** Why an invitation could not be sent: the server's reason, in the console's words for a known email. */
export function inviteFailure(e: unknown): string {
  if (e instanceof HttpError && e.status === 409) return "Could not invite: someone already has an account with this email.";
  return `Could not invite: ${errorText(e)}`;
}

/** Why a new link could not be sent. */
export function resendFailure(e: unknown, email: string): string {
  if (e instanceof HttpError && e.status === 409) return `Could not send a new link to ${email}: the invitation was already accepted.`;
  return `Could not send a new link to ${email}: ${errorText(e)}`;
}
