import { dateTime } from "../transcript/format";
import type { Webhook } from "./api";
import { eventsText, statusText } from "./words";

/** The id of a row's Deliveries button, for the focus to come back to. */
export const logButtonId = (w: Pick<Webhook, "id">) => `webhook-log-${w.id}`;

/**
 * The webhooks, newest first: where events go, which ones, whether it is
 * paused, how many deliveries wait and how many failed, and when it was
 * added. Each row opens its delivery log, pauses or resumes, and deletes.
 */
export function WebhooksTable({
  webhooks,
  busyId,
  logId,
  onLog,
  onToggle,
  onDelete,
}: {
  webhooks: Webhook[];
  busyId: string | null;
  /** The webhook whose delivery log is open. */
  logId: string | null;
  onLog: (w: Webhook) => void;
  onToggle: (w: Webhook) => void;
  onDelete: (w: Webhook) => void;
}) {
  return (
    <div className="table-wrap">
      <table aria-labelledby="webhooks-heading">
        <thead>
          <tr>
            <th scope="col">URL</th>
            <th scope="col">Events</th>
            <th scope="col">Status</th>
            <th scope="col">Waiting</th>
            <th scope="col">Failed</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {webhooks.map((w) => (
            <tr key={w.id} className={w.active ? undefined : "person-inactive"}>
              <th scope="row" className="person-name cell-wrap webhook-url">
                {w.url}
              </th>
              <td className="cell-wrap">{eventsText(w.events)}</td>
              <td>
                <span className={`account${w.active ? "" : " account-inactive"}`}>{statusText(w)}</span>
              </td>
              <td>{w.pending} waiting</td>
              <td className={w.failed > 0 ? "webhook-failed" : undefined}>{w.failed} failed</td>
              <td>
                <time dateTime={w.createdAt}>{dateTime(w.createdAt)}</time>
              </td>
              <td>
                <div className="row-actions">
                  <button type="button" id={logButtonId(w)} onClick={() => onLog(w)} aria-expanded={logId === w.id} aria-controls={logId === w.id ? "delivery-log" : undefined}>
                    Deliveries<span className="visually-hidden"> to {w.url}</span>
                  </button>
                  {/* not disabled while it works, so the focus stays on it */}
                  <button type="button" onClick={() => busyId !== w.id && onToggle(w)} aria-disabled={busyId === w.id || undefined}>
                    {w.active ? "Pause" : "Resume"}
                    <span className="visually-hidden"> the webhook to {w.url}</span>
                  </button>
                  <button type="button" onClick={() => onDelete(w)}>
                    Delete<span className="visually-hidden"> the webhook to {w.url}</span>
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
