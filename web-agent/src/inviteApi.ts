// The two public calls the invitation page makes, without a login (the
// invitation's own token is the proof): what the invitation is, and
// accepting it, whose answer is a login's { token, user }.
import { RestClient, type StaffRole, type User } from "@webchat/shared";

/** What the page may know of an invitation before it is accepted. */
export interface InvitationPreview {
  email: string;
  role: StaffRole;
  displayName: string | null;
  expiresAt: string;
}

export interface Acceptance {
  token: string;
  password: string;
  displayName: string;
}

export interface InviteApi {
  /** Rejects with an HttpError 404 (and the server's reason) when the link cannot be used. */
  lookup(token: string): Promise<InvitationPreview>;
  /** Creates the account and signs it in. */
  accept(body: Acceptance): Promise<{ token: string; user: User }>;
}

/** The server's calls; never with a login's bearer token, even when this browser has one. */
export function restInviteApi(fetch?: typeof globalThis.fetch): InviteApi {
  const rest = new RestClient(fetch ? { fetch } : {});
  return {
    lookup: async (token) => (await rest.post<{ invitation: InvitationPreview }>("/api/invitations/lookup", { token })).invitation,
    accept: (body) => rest.post("/api/invitations/accept", body),
  };
}
