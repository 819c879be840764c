import { useEffect, useRef, useState } from "react";
import type { Message, PendingMessage } from "@webchat/shared";
import { MessageItem, PendingItem, useScrollToEnd } from "@webchat/shared/ui";
import type { Translate } from "../i18n";
import { useI18n } from "../i18n/context";

function senderLabel(t: Translate, m: Message): string {
  switch (m.senderType) {
    case "user":
      return t("ui.you");
    case "agent":
      return m.senderName || t("sender.agent");
    case "bot":
      return m.senderName || t("sender.bot");
    default:
      return "";
  }
}

/** At most this many of the messages that came at once are read out (a resumed chat's backlog is not). */
const ANNOUNCED_AT_ONCE = 3;

/**
 * What a screen reader says politely: the messages from the other side
 * (agent, bot, system) that arrived since the list was shown, never my
 * own, and nothing for a re-render that brought nothing new.
 */
function useAnnouncement(messages: Message[]): string {
  const { t } = useI18n();
  const seen = useRef(messages.at(-1)?.seq ?? 0);
  const [text, setText] = useState("");
  useEffect(() => {
    const fresh = messages.filter((m) => m.seq > seen.current && m.senderType !== "user");
    seen.current = Math.max(seen.current, messages.at(-1)?.seq ?? 0);
    if (!fresh.length) return;
    const say = (m: Message) => {
      if (m.senderType === "system") return m.text;
      const sender = senderLabel(t, m);
      return m.text ? t("messages.announce", { sender, text: m.text }) : t("messages.announceFile", { sender });
    };
    setText(fresh.slice(-ANNOUNCED_AT_ONCE).map(say).join("\n"));
  }, [messages, t]);
  return text;
}

export interface MessageListProps {
  messages: Message[];
  pending: PendingMessage[];
  onDiscard?: (clientMsgId: string) => void;
}

export function MessageList({ messages, pending, onDiscard }: MessageListProps) {
  const { t } = useI18n();
  const end = useScrollToEnd(messages.length + pending.length);
  const announcement = useAnnouncement(messages);
  return (
    <>
      {/* focusable: a scrolling region the keyboard can scroll (WCAG 2.1.1) */}
      <ol className="messages" aria-label={t("messages.label")} tabIndex={0}>
        {messages.map((m) => (
          <MessageItem key={m.id} message={m} sender={senderLabel(t, m)} />
        ))}
        {pending.map((p) => (
          <PendingItem key={p.clientMsgId} pending={p} side="user" onDiscard={onDiscard} />
        ))}
        <li ref={end} className="messages-end" aria-hidden="true" />
      </ol>
      <div className="visually-hidden announcer" aria-live="polite">
        {announcement}
      </div>
    </>
  );
}
