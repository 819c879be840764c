// Pieces of a message list and composer that the visitor's and the agent's
// chats share.
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from "react";
import { time } from "../format";
import type { Message } from "../protocol";
import type { PendingMessage } from "../socket/outbox";
import { AttachmentList } from "./AttachmentView";
import { Citations } from "./Citations";
import { LinkedText } from "./linkify";
import { useUiStrings } from "./strings";

/**
 * One stored message: a system line, or sender, time, optional status, text
 * (line breaks kept, links live, its direction its own), files and sources. `highlight` marks the
 * message a search found. `streaming`: a bot answer still being written
 * (`message:delta`), shown as "Writing…" with a caret and `aria-busy`; the
 * stored message rendered in its place with the same `key` keeps the item.
 */
export function MessageItem({
  message,
  sender,
  status,
  highlight,
  streaming,
}: {
  message: Message;
  sender: string;
  status?: ReactNode;
  highlight?: boolean;
  streaming?: boolean;
}) {
  const words = useUiStrings();
  if (message.senderType === "system") {
    return (
      <li className="msg msg-system" data-sender="system" data-seq={message.seq}>
        <span className="msg-text" dir="auto">
          <LinkedText text={message.text} />
        </span>
      </li>
    );
  }
  return (
    <li
      className={`msg msg-${message.senderType}${highlight ? " msg-highlight" : ""}${streaming ? " msg-streaming" : ""}`}
      data-sender={message.senderType}
      data-seq={streaming ? undefined : message.seq}
      data-streaming={streaming ? "true" : undefined}
      aria-current={highlight ? "true" : undefined}
      aria-busy={streaming ? "true" : undefined}
    >
      <div className="msg-meta">
        <span className="msg-sender">{sender}</span>
        <time dateTime={message.createdAt}>{time(message.createdAt, words.locale)}</time>
        {streaming && <span className="msg-state">{words.writing}</span>}
        {status}
      </div>
      <div className="msg-bubble">
        {(message.text || streaming) && (
          <p className="msg-text" dir="auto">
            <LinkedText text={message.text} />
            {streaming && <span className="msg-caret" aria-hidden="true" />}
          </p>
        )}
        {message.attachments && message.attachments.length > 0 && <AttachmentList items={message.attachments} />}
        {message.citations && message.citations.length > 0 && <Citations items={message.citations} />}
      </div>
    </li>
  );
}

/** One of my messages not yet stored: "Sending…", or refused with Discard. */
export function PendingItem({
  pending,
  side,
  onDiscard,
}: {
  pending: PendingMessage;
  /** Which sender's look it takes: the visitor's ("user") or the agent's. */
  side: "user" | "agent";
  onDiscard?: (clientMsgId: string) => void;
}) {
  const words = useUiStrings();
  return (
    <li className={`msg msg-${side} msg-pending`} data-sender={side} data-pending="true">
      <div className="msg-meta">
        <span className="msg-sender">{words.you}</span>
        <span className="msg-state">{pending.error ? words.notSent : words.sending}</span>
      </div>
      <div className="msg-bubble">
        {pending.text && (
          <p className="msg-text" dir="auto">
            <LinkedText text={pending.text} />
          </p>
        )}
        {pending.attachments && pending.attachments.length > 0 && (
          <ul className="attachments" aria-label={words.attachments}>
            {pending.attachments.map((a) => (
              <li key={a.id} className="attachment-file">
                {a.name}
              </li>
            ))}
          </ul>
        )}
      </div>
      {pending.error && (
        <div className="msg-error" role="alert">
          {pending.error}{" "}
          {onDiscard && (
            <button type="button" className="link-button" onClick={() => onDiscard(pending.clientMsgId)}>
              {words.discard}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/**
 * A ref for the list's last item, scrolled into view whenever `count`
 * changes (0: a list that does not follow its end), and again when a picture in one of the last messages finishes
 * loading (it grows the message after the first scroll).
 */
export function useScrollToEnd(count: number) {
  const end = useRef<HTMLLIElement>(null);
  const following = useRef(count > 0);
  following.current = count > 0;
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: "end" });
  }, [count]);
  useEffect(() => {
    const list = end.current?.parentElement;
    if (!list) return;
    const loaded = (e: Event) => {
      if (!following.current) return;
      const item = (e.target as Element | null)?.closest?.("li[data-sender]");
      const recent = [...list.querySelectorAll("li[data-sender]")].slice(-2);
      if (item && recent.includes(item)) end.current?.scrollIntoView?.({ block: "end" });
    };
    list.addEventListener("load", loaded, true);
    return () => list.removeEventListener("load", loaded, true);
  }, []);
  return end;
}

/** A textarea's key handler: Enter sends, Shift+Enter (or an IME composing) breaks the line. */
export function enterSends(submit: () => void) {
  return (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };
}
