import { roleText } from "../people/labels";
import { dateTime } from "../transcript/format";
import type { Invitation } from "./api";
import { STATUS_TEXT, statusAt } from "./words";

/** When, as a `<time>`. */
function When({ iso }: { iso: string | null }) {
  return iso ? <time dateTime={iso}>{dateTime(iso)}</time> : <>–</>;
}

/**
 * The invitations, newest first: who, which role, who sent it, when, until
 * when, and its status. A pending one can be sent again or withdrawn, an
 * expired one sent again; an accepted one is only shown.
 */
export function InvitationsTable({
  invitations,
  now,
  busyId,
  onResend,
  onWithdraw,
}: {
  invitations: Invitation[];
  now: number;
  /** The invitation whose new link is on its way. */
  busyId: string | null;
  onResend: (inv: Invitation) => void;
  onWithdraw: (inv: Invitation) => void;
}) {
  return (
    <div className="table-wrap">
      <table aria-labelledby="invitations-heading">
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Invited by</th>
            <th scope="col">Sent</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((inv) => {
            const status = statusAt(inv, now);
            return (
              <tr key={inv.id} className={status === "pending" ? undefined : "person-inactive"}>
                <th scope="row" className="person-name">
                  {inv.email}
                </th>
                <td>{roleText(inv.role)}</td>
                <td>{inv.invitedByName ?? "–"}</td>
                <td>
                  <When iso={inv.createdAt} />
                </td>
                <td>
                  <When iso={status === "accepted" ? null : inv.expiresAt} />
                </td>
                <td>
                  <span className={`account invitation-${status}`}>{STATUS_TEXT[status]}</span>
                  {status === "accepted" && inv.acceptedAt && (
                    <span className="hint">
                      {" "}
                      <When iso={inv.acceptedAt} />
                    </span>
                  )}
                </td>
                <td>
                  {status !== "accepted" && (
                    <div className="row-actions">
                      <button type="button" onClick={() => onResend(inv)} disabled={busyId === inv.id}>
                        {busyId === inv.id ? "Sending…" : "Resend"}
                        <span className="visually-hidden"> the invitation to {inv.email}</span>
                      </button>
                      {status === "pending" && (
                        <button type="button" onClick={() => onWithdraw(inv)}>
                          Withdraw<span className="visually-hidden"> the invitation to {inv.email}</span>
                        </button>
                      )}
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
