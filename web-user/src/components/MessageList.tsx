import type { Message, PendingMessage } from "@webchat/shared";
import { MessageItem, PendingItem, useScrollToEnd } from "@webchat/shared/ui";

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
        <MessageItem key={m.id} message={m} sender={senderLabel(m)} />
      ))}
      {pending.map((p) => (
        <PendingItem key={p.clientMsgId} pending={p} side="user" onDiscard={onDiscard} />
      ))}
      <li ref={end} className="messages-end" aria-hidden="true" />
    </ol>
  );
}
