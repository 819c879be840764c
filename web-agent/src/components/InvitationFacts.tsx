import type { InvitationPreview } from "../inviteApi";
import { expiryText, invitedAs } from "../invitation";

/** The role in words, the expiry, the email (read only, wrapped to fit a narrow screen). */
export function InvitationFacts({ invitation, signedIn }: { invitation: InvitationPreview; signedIn: boolean }) {
  return (
    <>
      <p>{invitedAs(invitation.role)}</p>
      <p className="muted">{expiryText(invitation.expiresAt)}</p>
      {signedIn && <p className="invite-replaces">Someone is signed in on this browser: creating this account signs you in instead.</p>}
      <dl className="invite-facts">
        <dt>Email</dt>
        <dd>{invitation.email}</dd>
      </dl>
      {/* for password managers, which save the new password under this email */}
      <input type="email" name="username" autoComplete="username" value={invitation.email} readOnly hidden />
    </>
  );
}
