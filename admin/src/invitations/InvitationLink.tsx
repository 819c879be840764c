import { CopyField } from "../console/CopyField";
import type { SentInvitation } from "./api";
import { sentText } from "./words";

/**
 * An invitation just sent (or sent again): whether it was mailed and how
 * long the link works, and the link itself to copy, shown this once. When
 * the server has no email the warning says so and the admin passes it on.
 */
export function InvitationLink({ sent, now, onDone }: { sent: SentInvitation; now: number; onDone: () => void }) {
  const { invitation, link, mailed } = sent;
  return (
    <section className={`card invitation-link${mailed ? "" : " invitation-unmailed"}`} aria-labelledby="invitation-link-heading">
      <h2 id="invitation-link-heading">Invitation for {invitation.email}</h2>
      <p id="invitation-link-note" className={mailed ? "invitation-mailed-note" : "form-warning new-token-note"}>
        {sentText(sent, now)}
      </p>
      <CopyField id="invitation-link-value" label="Invitation link" value={link} what="the link" describedBy="invitation-link-note" focus />
      <p className="hint">
        {mailed ? "You can also send the link yourself. " : ""}It is shown only now: if it gets lost, send a new one with Resend.
      </p>
      <button type="button" onClick={onDone}>
        Done
      </button>
    </section>
  );
}
