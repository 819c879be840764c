import type { AgentChat } from "../agentClient";
import { channelName } from "@webchat/shared";

/** The agent's chats, with unread counts and the ones routed to me not yet opened; one is selected. */
export function ChatList({
  chats,
  selectedId,
  onSelect,
}: {
  chats: AgentChat[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  return (
    <section className="panel chats" aria-labelledby="chats-title">
      <h2 id="chats-title">
        My chats <span className="count">{chats.filter((c) => !c.closed).length}</span>
      </h2>
      {chats.length === 0 ? (
        <p className="muted empty">Chats assigned to you, or accepted from the queue, appear here.</p>
      ) : (
        <ul className="chat-list">
          {chats.map((c) => (
            <li key={c.session.id}>
              <button
                type="button"
                className={`chat-tab${c.session.id === selectedId ? " selected" : ""}${c.closed ? " closed" : ""}${c.isNew ? " new" : ""}`}
                aria-current={c.session.id === selectedId ? "true" : undefined}
                onClick={() => onSelect(c.session.id)}
              >
                <span className="chat-tab-name">
                  {c.isNew && <span className="new-tag">New</span>}
                  {c.session.userDisplayName}
                </span>
                <span className="chat-tab-meta">
                  {c.closed ? "Closed" : channelName(c.session.channel)}
                  {c.endRequested && " · wants to end"}
                </span>
                {c.unread > 0 && <span className="unread">{c.unread} unread</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
