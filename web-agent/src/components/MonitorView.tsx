import { channelName, STATUS_TEXT, type Session, type SessionDetails } from "@webchat/shared";
import type { AgentChat } from "../agentClient";
import { MessageList } from "./MessageList";
import { NotesPanel } from "./NotesPanel";
import { OfflineBadge } from "./SessionBadges";

/**
 * A chat a supervisor monitors: live and read-only (no composer, only
 * private notes), under a banner that says the visitor does not see them.
 */
export function MonitorView({
  chat,
  error,
  canTakeOver,
  onTakeOver,
  onTransfer,
  onStop,
  onAddNote,
}: {
  chat: AgentChat;
  /** A refused take-over or transfer. */
  error: string | null;
  canTakeOver: boolean;
  onTakeOver: () => void;
  onTransfer: () => void;
  onStop: () => void;
  onAddNote: (text: string) => Promise<boolean>;
}) {
  const s = chat.session as Session & Partial<SessionDetails>;
  const name = s.userDisplayName;
  const closed = !!chat.closed;
  return (
    <section className="chat-view monitor-view" aria-label={`Monitoring the chat with ${name}`}>
      <div className="banner banner-monitor" role="status">
        <strong>Monitoring</strong> — the visitor does not see you.
      </div>
      <header className="chat-view-head">
        <div>
          <h2>{name}</h2>
          <p className="muted">
            <span className={`badge badge-${s.channel}`}>{channelName(s.channel)}</span> {STATUS_TEXT[s.status]}
            {s.agentDisplayName && s.status === "active_with_agent" ? ` · with ${s.agentDisplayName}` : ""}
          </p>
          {s.offline && !closed && <OfflineBadge />}
        </div>
        <div className="chat-view-actions">
          {!closed && canTakeOver && (
            <button type="button" className="primary" onClick={onTakeOver}>
              Take over
            </button>
          )}
          {!closed && (
            <button type="button" onClick={onTransfer}>
              Transfer…
            </button>
          )}
          <button type="button" onClick={onStop}>
            Stop monitoring
          </button>
        </div>
      </header>
      {(error ?? chat.error) && (
        <p className="form-error" role="alert">
          {error ?? chat.error}
        </p>
      )}
      <MessageList messages={chat.messages} pending={[]} visitorName={name} onDiscard={() => undefined} />
      <NotesPanel sessionId={s.id} notes={chat.notes} error={chat.noteError} canWrite={!closed} onAdd={onAddNote} />
      {chat.typing && !closed && (
        <p className="typing" role="status">
          {name} is typing…
        </p>
      )}
      {closed && (
        <div className="closed-note" role="status">
          <p>
            <strong>This chat is closed.</strong>
          </p>
        </div>
      )}
    </section>
  );
}
