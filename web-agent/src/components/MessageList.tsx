import type { DeliveryStatus, Message, PendingMessage } from "@webchat/shared";
import { MessageItem, PendingItem, useScrollToEnd } from "@webchat/shared/ui";

/** Known statuses in words; any other status Twilio reports shows as it is. */
const STATUS_TEXT: Record<string, string | undefined> = {
  queued: "Queued",
  sent: "Sent",
  delivered: "Delivered",
  read: "Read",
  failed: "Failed",
  undelivered: "Undelivered",
} satisfies Record<DeliveryStatus, string>;

function sender(m: Message): string {
  if (m.senderType === "user") return m.senderName || "Visitor";
  if (m.senderType === "bot") return m.senderName || "Bot";
  return m.senderName || "Agent";
}

export function Delivery({ message }: { message: Message }) {
  if (!message.deliveryStatus) return null;
  const bad = message.deliveryStatus === "failed" || message.deliveryStatus === "undelivered";
  return (
    <span className={`delivery${bad ? " delivery-bad" : ""}`} title={message.deliveryError ?? undefined}>
      {STATUS_TEXT[message.deliveryStatus] ?? message.deliveryStatus}
      {bad && message.deliveryError ? `: ${message.deliveryError}` : ""}
    </span>
  );
}

export function MessageList({
  messages,
  pending,
  visitorName,
  onDiscard,
  highlightSeq,
  scroll = true,
}: {
  messages: Message[];
  pending: PendingMessage[];
  visitorName: string;
  onDiscard?: (clientMsgId: string) => void;
  /** A message to mark (a search match). */
  highlightSeq?: number;
  /** Keep the newest message in view (off for a transcript opened at a match). */
  scroll?: boolean;
}) {
  const end = useScrollToEnd(scroll ? messages.length + pending.length : 0);
  return (
    <ol className="messages" aria-label="Messages">
      {messages.map((m) => (
        <MessageItem
          key={m.id}
          message={m}
          sender={m.senderType === "user" ? visitorName : sender(m)}
          status={m.senderType === "agent" && <Delivery message={m} />}
          highlight={m.seq === highlightSeq}
        />
      ))}
      {pending.map((p) => (
        <PendingItem key={p.clientMsgId} pending={p} side="agent" onDiscard={onDiscard} />
      ))}
      <li ref={end} aria-hidden="true" className="messages-end" />
    </ol>
  );
}
