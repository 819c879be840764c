import type { Agent, AgentStatus } from "@webchat/shared";
import { PRESENCE_TEXT as LABEL } from "../people/labels";
const ORDER: Record<AgentStatus, number> = { online: 0, away: 1, offline: 2 };

/** Who is online, away or offline, and how many chats each has of its capacity. */
export function TeamPanel({ agents, error }: { agents: Agent[]; error: string | null }) {
  const sorted = [...agents].sort(
    (a, b) => ORDER[a.status] - ORDER[b.status] || a.displayName.localeCompare(b.displayName),
  );
  const online = agents.filter((a) => a.status === "online").length;
  return (
    <section className="card team" aria-labelledby="team-heading">
      <h2 id="team-heading">
        Team <span className="muted">{online} online</span>
      </h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {sorted.length === 0 && !error ? (
        <p className="muted">No agents yet.</p>
      ) : (
        <ul className="team-list" aria-label="Agents">
          {sorted.map((a) => (
            <li key={a.id} className={`team-member presence-${a.status}`}>
              <span className="presence-dot" aria-hidden="true" />
              <span className="team-name">{a.displayName}</span>
              <span className="presence-label">{LABEL[a.status]}</span>
              <span className="muted team-load">
                {a.activeChats} of {a.capacity} chats
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
