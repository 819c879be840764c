import { useEffect, useRef, type RefObject } from "react";
import { dateTime } from "../transcript/format";
import type { WebhookDelivery } from "./api";
import { answerText, deliveryStateText, shortId } from "./words";

function When({ iso }: { iso: string | null }) {
  return iso ? <time dateTime={iso}>{dateTime(iso)}</time> : <>—</>;
}

/**
 * A webhook's deliveries: the event (type and short id), where it stands,
 * how many attempts, the receiver's last answer and error, when it was
 * made and delivered; each can be sent again. `focusNext` names a row to
 * move the focus to once it is shown.
 */
export function DeliveriesTable({
  deliveries,
  focusNext,
  onRetry,
}: {
  deliveries: WebhookDelivery[];
  focusNext: RefObject<string | null>;
  onRetry: (d: WebhookDelivery) => void;
}) {
  const cells = useRef(new Map<string, HTMLTableCellElement>()).current;
  useEffect(() => {
    if (!focusNext.current) return;
    cells.get(focusNext.current)?.focus();
    focusNext.current = null;
  });

  return (
    <div className="table-wrap">
      <table aria-labelledby="delivery-log-heading">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">State</th>
            <th scope="col" className="num">
              Attempts
            </th>
            <th scope="col">Last answer</th>
            <th scope="col">Created</th>
            <th scope="col">Delivered</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.id}>
              <th
                scope="row"
                className="person-name"
                tabIndex={-1}
                ref={(el) => {
                  if (el) cells.set(d.id, el);
                  else cells.delete(d.id);
                }}
              >
                <code>{d.eventType}</code> <span className="muted" title={d.eventId}>{shortId(d.eventId)}</span>
              </th>
              <td className={`cell-wrap${d.state === "failed" ? " webhook-failed" : ""}`}>{deliveryStateText(d)}</td>
              <td className="num">{d.attempts}</td>
              <td className="cell-wrap delivery-answer">
                {answerText(d)}
                {d.lastError && (
                  <>
                    {" "}
                    <span className="delivery-error">{d.lastError}</span>
                  </>
                )}
              </td>
              <td>
                <When iso={d.createdAt} />
              </td>
              <td>
                <When iso={d.deliveredAt} />
              </td>
              <td>
                <div className="row-actions">
                  <button type="button" onClick={() => onRetry(d)}>
                    Send again<span className="visually-hidden"> {d.eventType} {shortId(d.eventId)}</span>
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
