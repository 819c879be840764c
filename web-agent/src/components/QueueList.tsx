import { channelName, waited, type Message, type QueueItem } from "@webchat/shared";
import { waitText } from "../team";
import { OfflineBadge } from "./SessionBadges";

function who(m: Message): string {
  if (m.senderType === "user") return "Visitor";
  if (m.senderType === "bot") return "Bot";
  if (m.senderType === "agent") return m.senderName || "Agent";
  return "System";
}

/** The live queue: who waits, on which channel, for how long (a long wait stands out), whether they wrote offline, and what they said last. */
export function QueueList({
  items,
  now,
  alerts = {},
  claiming,
  claimError,
  onAccept,
}: {
  items: QueueItem[];
  now: number;
  /** Chats past the alert threshold: sessionId → seconds waited. */
  alerts?: Record<string, number>;
  claiming: string | null;
  claimError: string | null;
  onAccept: (sessionId: string) => void;
}) {
  const sorted = [...items].sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  return (
    <section className="panel queue" aria-labelledby="queue-title">
      <h2 id="queue-title">
        Queue <span className="count">{items.length}</span>
      </h2>
      {claimError && (
        <p className="form-error" role="alert">
          {claimError}
        </p>
      )}
      {sorted.length === 0 ? (
        <p className="muted empty">No one is waiting.</p>
      ) : (
        <ul className="queue-list" aria-label="Waiting visitors">
          {sorted.map((q) => {
            const preview = (q.preview?.length ? q.preview : q.lastMessage ? [q.lastMessage] : []).slice(-3);
            const alert = alerts[q.sessionId];
            const long = alert !== undefined;
            const since = Math.max(alert ?? 0, (now - new Date(q.requestedAt).getTime()) / 1000);
            return (
              <li key={q.sessionId} className={`queue-item${long ? " queue-item-alert" : ""}`}>
                <div className="queue-head">
                  <strong className="queue-name">{q.userDisplayName}</strong>
                  <span className={`badge badge-${q.channel}`}>{channelName(q.channel)}</span>
                </div>
                {q.offline && <OfflineBadge />}
                {long ? (
                  <p className="queue-wait queue-wait-alert">
                    <strong className="alert-tag">Long wait</strong> Waiting {waitText(since)}
                  </p>
                ) : (
                  <p className="queue-wait">Waiting {waited(q.requestedAt, now)}</p>
                )}
                {preview.length > 0 && (
                  <ul className="queue-preview" aria-label={`Last messages from ${q.userDisplayName}`}>
                    {preview.map((m) => (
                      <li key={m.id}>
                        <span className="preview-who">{who(m)}:</span> {m.text}
                      </li>
                    ))}
                  </ul>
                )}
                <button type="button" className="primary" disabled={claiming === q.sessionId} onClick={() => onAccept(q.sessionId)}>
                  Accept
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
