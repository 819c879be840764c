import { time, type Message, type PendingMessage } from "@webchat/shared";
import { Citations, PendingItem, useScrollToEnd } from "@webchat/shared/ui";

function senderLabel(m: Message): string {
  switch (m.senderType) {
    case "user":
      return "You";
    case "agent":
      return m.senderName || "Agent";
    case "bot":
      return m.senderName || "Assistant";
    default:
      return "";
  }
}

export function MessageItem({ message }: { message: Message }) {
  if (message.senderType === "system") {
    return (
      <li className="msg msg-system" data-sender="system" data-seq={message.seq}>
        <span className="msg-text">{message.text}</span>
      </li>
    );
  }
  return (
    <li className={`msg msg-${message.senderType}`} data-sender={message.senderType} data-seq={message.seq}>
      <div className="msg-meta">
        <span className="msg-sender">{senderLabel(message)}</span>
        <time dateTime={message.createdAt}>{time(message.createdAt)}</time>
      </div>
      <div className="msg-bubble">
        <p className="msg-text">{message.text}</p>
        {message.citations && message.citations.length > 0 && <Citations items={message.citations} />}
      </div>
    </li>
  );
}

export interface MessageListProps {
  messages: Message[];
  pending: PendingMessage[];
  onDiscard?: (clientMsgId: string) => void;
}

export function MessageList({ messages, pending, onDiscard }: MessageListProps) {
  const end = useScrollToEnd(messages.length + pending.length);
  return (
    <ol className="messages" aria-label="Messages" aria-live="polite">
      {messages.map((m) => (
        <MessageItem key={m.id} message={m} />
      ))}
      {pending.map((p) => (
        <PendingItem key={p.clientMsgId} pending={p} side="user" onDiscard={onDiscard} />
      ))}
      <li ref={end} className="messages-end" aria-hidden="true" />
    </ol>
  );
}
