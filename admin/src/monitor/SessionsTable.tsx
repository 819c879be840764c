import { age, channelName, STATUS_TEXT, type AdminSession } from "@webchat/shared";
import type { SessionFilter } from "./monitorClient";

/** Every session, newest first, filtered; the visitor's name opens the transcript. */
export function SessionsTable({
  sessions,
  filter,
  selectedId,
  now,
  onFilter,
  onSelect,
}: {
  sessions: AdminSession[];
  filter: SessionFilter;
  selectedId: string | null;
  now: number;
  onFilter: (f: SessionFilter) => void;
  onSelect: (id: string) => void;
}) {
  return (
    <section className="card sessions" aria-labelledby="sessions-title">
      <div className="section-head">
        <h2 id="sessions-title">Sessions</h2>
        <label className="filter" htmlFor="filter">
          Show
        </label>
        <select id="filter" value={filter} onChange={(e) => onFilter(e.target.value as SessionFilter)}>
          <option value="all">All</option>
          <option value="open">Open only</option>
          <option value="closed">Closed only</option>
        </select>
      </div>
      <div className="table-wrap">
        <table>
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
        {sessions.length === 0 && <p className="muted empty">No sessions yet.</p>}
      </div>
    </section>
  );
}
