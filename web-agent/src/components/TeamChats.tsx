import { channelName, waited, type Session, type SessionDetails } from "@webchat/shared";
import { OfflineBadge } from "./SessionBadges";

/**
 * Supervisors' view of every open chat: who waits or talks with whom, for
 * how long, whether they wrote offline, and Monitor, Take over, Transfer…
 * on each.
 */
export function TeamChats({
  sessions,
  now,
  meId,
  error,
  onRefresh,
  onMonitor,
  onTakeOver,
  onTransfer,
}: {
  sessions: Session[];
  now: number;
  meId: string | null;
  error: string | null;
  onRefresh: () => void;
  onMonitor: (sessionId: string) => void;
  onTakeOver: (sessionId: string) => void;
  onTransfer: (session: Session) => void;
}) {
  return (
    <section className="team-chats" aria-labelledby="team-title">
      <header className="team-head">
        <h2 id="team-title">
          Team chats <span className="count">{sessions.length}</span>
        </h2>
        <button type="button" onClick={onRefresh}>
          Refresh
        </button>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {sessions.length === 0 ? (
        <p className="muted empty">No open chats.</p>
      ) : (
        <table className="team-table">
          <thead>
            <tr>
              <th scope="col">Visitor</th>
              <th scope="col">Agent</th>
              <th scope="col">Time</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => {
              const queued = s.status === "queued_for_agent";
              const mine = !!meId && s.agentId === meId;
              const since = queued ? (s.queuedAt ?? s.createdAt) : (s.assignedAt ?? s.createdAt);
              return (
                <tr key={s.id} className={queued ? "team-queued" : undefined}>
                  <th scope="row">
                    {s.userDisplayName} <span className={`badge badge-${s.channel}`}>{channelName(s.channel)}</span>
                    {(s as Session & Partial<SessionDetails>).offline && (
                      <>
                        {" "}
                        <OfflineBadge />
                      </>
                    )}
                  </th>
                  <td>{queued ? <em>In the queue</em> : (s.agentDisplayName ?? "An agent")}</td>
                  <td>{queued ? `Waiting ${waited(since, now)}` : `Active ${waited(since, now)}`}</td>
                  <td className="team-actions">
                    <button type="button" onClick={() => onMonitor(s.id)}>
                      Monitor
                    </button>
                    {!mine && (
                      <button type="button" onClick={() => onTakeOver(s.id)}>
                        Take over
                      </button>
                    )}
                    <button type="button" onClick={() => onTransfer(s)}>
                      Transfer…
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
