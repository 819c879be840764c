import type { ReactNode } from "react";
import { age, channelName, STATUS_TEXT, type AdminSession } from "@webchat/shared";

/** The sessions the filters (`children`, above the table) let through, newest first; the visitor's name opens the transcript. */
export function SessionsTable({
  sessions,
  total,
  selectedId,
  now,
  onSelect,
  children,
}: {
  sessions: AdminSession[];
  /** How many sessions there are before filtering. */
  total: number;
  selectedId: string | null;
  now: number;
  onSelect: (id: string) => void;
  children: ReactNode;
}) {
  return (
    <section className="card sessions" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions</h2>
      {children}
      <div className="table-wrap">
        <table aria-labelledby="sessions-title">
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Channel</th>
              <th scope="col">User</th>
              <th scope="col">Agent</th>
              <th scope="col">Messages</th>
              <th scope="col">Age</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id} className={s.id === selectedId ? "selected" : undefined} aria-selected={s.id === selectedId}>
                <td>
                  <span className={`status status-${s.status}`}>{STATUS_TEXT[s.status] ?? s.status}</span>
                </td>
                <td>{channelName(s.channel)}</td>
                <td>
                  <button type="button" className="link" onClick={() => onSelect(s.id)}>
                    {s.userDisplayName || "(no name)"}
                  </button>
                </td>
                <td>{s.agentDisplayName || "—"}</td>
                <td className="num">{s.messageCount ?? 0}</td>
                <td>{age(s.createdAt, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {sessions.length === 0 && <p className="muted empty">{total ? "No conversations match these filters." : "No sessions yet."}</p>}
      </div>
    </section>
  );
}
