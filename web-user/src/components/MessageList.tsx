import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from "react";
import type { Message, PendingMessage } from "@webchat/shared";
import { MessageItem, PendingItem, useScrollToEnd } from "@webchat/shared/ui";
import type { Draft } from "../chatState";
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

/**
 * A bot answer and its draft share a key (its clientMsgId is the draft's
 * streamId), so the stored message takes over the draft's item in place.
 */
function itemKey(m: Message): string {
  return m.senderType === "bot" && m.clientMsgId ? `stream:${m.clientMsgId}` : m.id;
}

/** A draft as the message it will become, for MessageItem. */
function draftMessage(d: Draft): Message {
  return { id: `stream:${d.streamId}`, sessionId: "", seq: 0, senderType: "bot", text: d.text, createdAt: d.startedAt, clientMsgId: d.streamId };
}

/** Within this many pixels of the end, the list counts as scrolled to its end. */
const AT_END_PX = 24;

/**
 * While the list is scrolled to its end, it stays there as its content
 * grows without a new item (a draft growing, then its message taking its
 * place with its sources), before the change is painted; scrolled up, it
 * stays where the visitor put it.
 */
function useStayAtEnd(list: RefObject<HTMLOListElement | null>, content: string) {
  const atEnd = useRef(true);
  useEffect(() => {
    const el = list.current;
    if (!el) return;
    const scrolled = () => {
      atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight <= AT_END_PX;
    };
    el.addEventListener("scroll", scrolled, { passive: true });
    return () => el.removeEventListener("scroll", scrolled);
  }, [list]);
  useLayoutEffect(() => {
    const el = list.current;
    if (el && atEnd.current && el.scrollHeight > el.clientHeight) el.scrollTop = el.scrollHeight;
  }, [list, content]);
}

export interface MessageListProps {
  messages: Message[];
  pending: PendingMessage[];
  /** Bot answers being written: shown after the stored messages, busy, never read out. */
  drafts?: Draft[];
  onDiscard?: (clientMsgId: string) => void;
}

export function MessageList({ messages, pending, drafts = [], onDiscard }: MessageListProps) {
  const { t } = useI18n();
  const list = useRef<HTMLOListElement>(null);
  // a draft's message replacing it is no new item: no jump for a visitor scrolled up
  const end = useScrollToEnd(messages.length + drafts.length + pending.length);
  useStayAtEnd(list, `${messages.at(-1)?.id ?? ""}|${drafts.map((d) => d.text.length).join(",")}`);
  const announcement = useAnnouncement(messages);
  return (
    <>
      {/* focusable: a scrolling region the keyboard can scroll (WCAG 2.1.1) */}
      <ol className="messages" aria-label={t("messages.label")} tabIndex={0} ref={list}>
        {/* one array, so a draft and the message replacing it are the same item */}
        {[
          ...messages.map((m) => <MessageItem key={itemKey(m)} message={m} sender={senderLabel(t, m)} />),
          ...drafts.map((d) => <MessageItem key={`stream:${d.streamId}`} message={draftMessage(d)} sender={t("sender.bot")} streaming />),
        ]}
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
