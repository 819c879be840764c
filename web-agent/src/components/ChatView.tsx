import { useRef, useState, type FormEvent } from "react";
import { channelName } from "@webchat/shared";
import { CharCount, enterSends, messageLimit, useTypingSignal } from "@webchat/shared/ui";
import type { AgentChat } from "../agentClient";
import { MessageList } from "./MessageList";
import { NotesPanel } from "./NotesPanel";
import { QuickReplies } from "./QuickReplies";

export interface ChatViewActions {
  send: (sessionId: string, text: string) => void;
  discard: (sessionId: string, clientMsgId: string) => void;
  setTyping: (sessionId: string, isTyping: boolean) => void;
  acceptEnd: (sessionId: string) => void;
  declineEnd: (sessionId: string) => void;
  closeChat: (sessionId: string) => void;
  dismiss: (sessionId: string) => void;
  saveQuickReplies: (replies: string[]) => void;
  addNote: (sessionId: string, text: string) => Promise<boolean>;
  /** Opens the transfer dialog for the chat. */
  openTransfer: (sessionId: string) => void;
}

/** How the chat came to me: "Transferred from Bob" and Bob's note, styled as a private note. */
export function TransferNote({ transfer }: { transfer: NonNullable<AgentChat["transfer"]> }) {
  const { from, note } = transfer;
  return (
    <aside className="transfer-note" aria-label="Transfer note">
      {from && <p className="transfer-from">Transferred from {from.displayName}</p>}
      {note && (
        <p className="transfer-note-text">
          <strong>Note from {note.authorName}:</strong> {note.text}
        </p>
      )}
    </aside>
  );
}

/** One chat: history, end request, composer with quick replies. */
export function ChatView({ chat, quickReplies, actions }: { chat: AgentChat; quickReplies: string[]; actions: ChatViewActions }) {
  const id = chat.session.id;
  const name = chat.session.userDisplayName;
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const draft = drafts[id] ?? "";
  const box = useRef<HTMLTextAreaElement>(null);
  const typing = useTypingSignal((isTyping) => actions.setTyping(id, isTyping), id);
  const limit = messageLimit(draft);

  function change(value: string) {
    setDrafts((d) => ({ ...d, [id]: value }));
    typing.update(value);
  }

  function submit(e?: FormEvent) {
    e?.preventDefault();
    if (!draft.trim() || limit.over) return;
    actions.send(id, draft);
    setDrafts((d) => ({ ...d, [id]: "" }));
    typing.stop();
  }

  return (
    <section className="chat-view" aria-label={`Chat with ${name}`}>
      <header className="chat-view-head">
        <div>
          <h2>{name}</h2>
          <p className="muted">
            <span className={`badge badge-${chat.session.channel}`}>{channelName(chat.session.channel)}</span>{" "}
            {chat.closed ? "Closed" : "Active"}
          </p>
        </div>
        {chat.closed ? (
          <button type="button" onClick={() => actions.dismiss(id)}>
            Dismiss
          </button>
        ) : (
          <div className="chat-view-actions">
            <button type="button" onClick={() => actions.openTransfer(id)}>
              Transfer
            </button>
            <button type="button" className="danger" onClick={() => actions.closeChat(id)}>
              End chat
            </button>
          </div>
        )}
      </header>
      {chat.endRequested && !chat.closed && (
        <div className="end-request" role="alert" aria-label="End request">
          <span>{name} asks to end the chat.</span>
          <button type="button" className="primary" onClick={() => actions.acceptEnd(id)}>
            Accept
          </button>
          <button type="button" onClick={() => actions.declineEnd(id)}>
            Decline
          </button>
        </div>
      )}
      {chat.error && (
        <p className="form-error" role="alert">
          {chat.error}
        </p>
      )}
      {chat.transfer && <TransferNote transfer={chat.transfer} />}
      <MessageList
        messages={chat.messages}
        pending={chat.pending}
        visitorName={name}
        onDiscard={(c) => actions.discard(id, c)}
      />
      <NotesPanel
        sessionId={id}
        notes={chat.notes}
        error={chat.noteError}
        canWrite
        onAdd={(text) => actions.addNote(id, text)}
      />
      {chat.typing && !chat.closed && (
        <p className="typing" role="status">
          {name} is typing…
        </p>
      )}
      {chat.closed ? (
        <div className="closed-note" role="status">
          <p>
            <strong>This chat is closed</strong>
            {chat.closed.endedBy && chat.closed.endedBy !== "unknown" ? ` (ended by ${chat.closed.endedBy}).` : "."}
          </p>
          {chat.closed.summary && (
            <div className="summary">
              <h3>Summary</h3>
              <p>{chat.closed.summary.summary}</p>
              {chat.closed.summary.topics?.length > 0 && <p className="muted">Topics: {chat.closed.summary.topics.join(", ")}</p>}
            </div>
          )}
        </div>
      ) : (
        <div className="compose-area">
          <QuickReplies
            replies={quickReplies}
            onSave={actions.saveQuickReplies}
            onPick={(text) => {
              change(draft ? `${draft} ${text}` : text);
              box.current?.focus();
            }}
          />
          <form className="composer" onSubmit={submit}>
            <label htmlFor={`reply-${id}`} className="visually-hidden">
              Message
            </label>
            <textarea
              id={`reply-${id}`}
              ref={box}
              rows={2}
              value={draft}
              aria-describedby={`reply-${id}-count`}
              placeholder={`Reply to ${name}…`}
              onChange={(e) => change(e.target.value)}
              onKeyDown={enterSends(submit)}
              onBlur={typing.stop}
            />
            <button type="submit" className="primary" disabled={!draft.trim() || limit.over > 0}>
              Send
            </button>
            <CharCount id={`reply-${id}-count`} limit={limit} />
          </form>
        </div>
      )}
    </section>
  );
}
