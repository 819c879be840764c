import { useEffect, useRef, useState } from "react";
import { errorText } from "@webchat/shared";
import { ConfirmDialog } from "@webchat/shared/ui";
import { LoadState } from "../console/LoadState";
import type { Invitation } from "./api";
import { InvitationsTable } from "./InvitationsTable";
import type { Invitations } from "./useInvitations";

/**
 * "Pending invitations": the table with Refresh (the list and the team, to
 * see who accepted), a row's refusal to send a new link, and "Withdraw the
 * invitation to …?" asked first.
 */
export function PendingInvitations({ state, now, onRefresh }: { state: Invitations; now: number; onRefresh: () => void }) {
  const [withdrawing, setWithdrawing] = useState<Invitation | null>(null);
  const [focusHeading, setFocusHeading] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const { invitations, loadError, rowError } = state;

  useEffect(() => {
    // the withdrawn row's button is gone: the focus goes to the table's heading
    if (!focusHeading) return;
    heading.current?.focus();
    setFocusHeading(false);
  }, [focusHeading]);

  return (
    <section className="card" aria-labelledby="invitations-heading">
      <div className="section-head">
        <h2 id="invitations-heading" ref={heading} tabIndex={-1}>
          Pending invitations
        </h2>
        <button type="button" onClick={onRefresh}>
          Refresh
        </button>
      </div>
      <LoadState error={loadError} loaded={!!invitations} onRetry={() => void state.load()} />
      {rowError && (
        <p className="form-error" role="alert">
          {rowError}
        </p>
      )}
      {invitations && invitations.length === 0 && <p className="muted empty">No invitations yet.</p>}
      {invitations && invitations.length > 0 && (
        <InvitationsTable invitations={invitations} now={now} busyId={state.busyId} onResend={(inv) => void state.resend(inv)} onWithdraw={setWithdrawing} />
      )}
      {withdrawing && (
        <ConfirmDialog
          id="withdraw"
          title={`Withdraw the invitation to ${withdrawing.email}?`}
          action="Withdraw invitation"
          onConfirm={async () => {
            await state.withdraw(withdrawing);
            setWithdrawing(null);
            setFocusHeading(true);
          }}
          failed={(e) => `Could not withdraw the invitation to ${withdrawing.email}: ${errorText(e)}`}
          onClose={() => setWithdrawing(null)}
        >
          Its link stops working at once. You can invite them again later.
        </ConfirmDialog>
      )}
    </section>
  );
}
