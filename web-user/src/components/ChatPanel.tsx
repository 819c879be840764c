import type { Attachment, AttachmentLimits, Uploader } from "@webchat/shared";
import type { ChatState } from "../chatClient";
import { Composer } from "./Composer";
import { ConnectionBanner } from "./ConnectionBanner";
import { MessageList } from "./MessageList";
import { QueueStatus } from "./QueueStatus";
import { StartForm } from "./StartForm";

export interface ChatActions {
  start: (name: string) => void;
  send: (text: string, attachments?: Attachment[]) => void;
  discard: (clientMsgId: string) => void;
  requestHuman: () => void;
  endChat: () => void;
  newChat: () => void;
  setTyping: (isTyping: boolean) => void;
  /** Uploads to the open session (null while offline); absent: the composer takes no files. */
  uploader?: (limits: AttachmentLimits) => Uploader | null;
}

function statusLine(state: ChatState): string {
  const s = state.session;
  if (!s) return "We usually answer right away";
  switch (s.status) {
    case "bot_pending":
      return "Chatting with our assistant";
    case "queued_for_agent":
      return "Waiting for an agent";
    case "active_with_agent":
      return `Chatting with ${s.agentDisplayName ?? "an agent"}`;
    default:
      return "Chat ended";
  }
}

/** The whole chat: start form, conversation, actions and composer. */
export function ChatPanel({
  state,
  actions,
  onClose,
  limits = {},
}: {
  state: ChatState;
  actions: ChatActions;
  onClose?: () => void;
  /** What files the server takes (`/api/config`). */
  limits?: AttachmentLimits;
}) {
  const s = state.session;
  const closed = s?.status === "closed";
  return (
    <section className="chat" aria-label="Chat">
      <header className="chat-header">
        <div>
          <h2>Webchat</h2>
          <p className="chat-status">{statusLine(state)}</p>
        </div>
        {onClose && (
          <button type="button" className="ghost on-dark" onClick={onClose}>
            Close
          </button>
        )}
      </header>
      {state.view === "chat" && (
        <ConnectionBanner connection={state.connection} browserOnline={state.browserOnline} />
      )}
      {state.notice && (
        <div className="banner banner-info" role="status">
          {state.notice}
        </div>
      )}
      {state.view === "form" ? (
        <StartForm
          initialName={state.displayName}
          signedInAs={state.identified ? state.identityName : null}
          starting={state.starting}
          onStart={actions.start}
        />
      ) : (
        <>
          {state.agentJoined && !closed && (
            <div className="banner banner-agent" role="status">
              {state.agentJoined} joined the chat
            </div>
          )}
          {s?.status === "queued_for_agent" && <QueueStatus queuePosition={state.queuePosition} />}
          {state.endRequest === "pending" && (
            <div className="banner banner-info" role="status">
              Asked the agent to end the chat. Waiting for their answer…
            </div>
          )}
          {state.endRequest === "declined" && (
            <div className="banner banner-warn" role="status">
              The agent declined to end the chat for now.
            </div>
          )}
          <MessageList messages={state.messages} pending={state.pending} onDiscard={actions.discard} />
          {state.typing && (
            <p className="typing" role="status">
              {state.typing} is typing…
            </p>
          )}
          {state.error && (
            <div className="banner banner-error" role="alert">
              {state.error}
            </div>
          )}
          {closed ? (
            <div className="chat-closed">
              <p role="status">This chat has ended. Thank you!</p>
              <button type="button" className="primary" onClick={actions.newChat}>
                Start a new chat
              </button>
            </div>
          ) : (
            <>
              <div className="chat-actions">
                {s?.status === "bot_pending" && (
                  <button type="button" onClick={actions.requestHuman}>
                    Talk to a human
                  </button>
                )}
                <button type="button" onClick={actions.endChat} disabled={!s || state.endRequest === "pending"}>
                  End chat
                </button>
              </div>
              <Composer
                onSend={actions.send}
                onTyping={actions.setTyping}
                disabled={!s}
                uploader={actions.uploader ? actions.uploader(limits) : undefined}
                limits={limits}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}
