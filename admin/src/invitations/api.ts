// The admins' calls on invitations (`/api/invitations`, admins only): the
// list, sending one (the link comes back once, and whether the server mails
// it), sending a new link, and withdrawing one. The invited person's own
// calls (lookup, accept) are the agent app's.
import type { Invitation, RestClient, StaffRole } from "@webchat/shared";

export type { Invitation, InvitationStatus } from "@webchat/shared";

/** `POST /api/invitations`: only the email is required. */
export interface NewInvitation {
  email: string;
  role?: StaffRole;
  displayName?: string;
  capacity?: number;
}

/** The answer to sending or re-sending: `link` is shown this once; `mailed` is false when the server has no SMTP. */
export interface SentInvitation {
  invitation: Invitation;
  link: string;
  mailed: boolean;
}

const path = (id: string) => `/api/invitations/${encodeURIComponent(id)}`;

/** Newest first. */
export async function listInvitations(api: RestClient): Promise<Invitation[]> {
  const data = await api.get<{ invitations?: Invitation[] } | null>("/api/invitations");
  return data?.invitations ?? [];
}

/** A pending invitation for the same email is replaced (its old link stops working). */
export function sendInvitation(api: RestClient, body: NewInvitation): Promise<SentInvitation> {
  return api.post("/api/invitations", body);
}

/** A new link with a new expiry; the old link stops working. */
export function resendInvitation(api: RestClient, id: string): Promise<SentInvitation> {
  return api.post(`${path(id)}/resend`);
}

/** The link stops working. */
export function withdrawInvitation(api: RestClient, id: string): Promise<unknown> {
  return api.delete(path(id));
}
