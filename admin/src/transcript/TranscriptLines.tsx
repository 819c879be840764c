// A transcript's messages, read-only: who, when, the text (links live, line
// breaks kept), sources and attachments. Matched messages (a search's) are
// marked in words and colour, and the first is scrolled into view.
import { useEffect, useRef } from "react";
import type { Message } from "@webchat/shared";
import { Citations, LinkedText } from "@webchat/shared/ui";
import { Attachments, type AnyAttachment, type LoadBlob } from "./Attachments";

export function who(m: Message): string {
  if (m.senderType === "user") return "Visitor";
  if (m.senderType === "system") return "System";
  return m.senderName || (m.senderType === "bot" ? "Bot" : "Agent");
}

type Line = Message & { erased?: boolean };

export function TranscriptLines({
  messages,
  matches = [],
  load,
  label = "Transcript",
}: {
  messages: Line[];
  /** The seqs to mark (and the first to scroll to). */
  matches?: number[];
  load?: LoadBlob;
  label?: string;
}) {
  const first = useRef<HTMLLIElement>(null);
  const marked = new Set(matches);
  const target = messages.find((m) => marked.has(m.seq))?.seq;

  useEffect(() => {
    if (target !== undefined) first.current?.scrollIntoView?.({ block: "center" });
  }, [target]);

  return (
    <ol className="transcript" aria-label={label}>
      {messages.map((m) => {
        const hit = marked.has(m.seq);
        return (
          <li key={m.seq} ref={m.seq === target ? first : undefined} className={`line line-${m.senderType}${hit ? " line-match" : ""}`} data-seq={m.seq}>
            <div className="line-meta">
              <span className="line-who">{who(m)}</span>
              <time className="muted" dateTime={m.createdAt}>
                {new Date(m.createdAt).toLocaleTimeString()}
              </time>
              {m.deliveryStatus && <span className="muted">{m.deliveryStatus}</span>}
              {hit && <span className="match-badge">Matches the search</span>}
            </div>
            {m.erased ? (
              <p className="line-text muted">(erased)</p>
            ) : (
              <p className="line-text">
                <LinkedText text={m.text} />
              </p>
            )}
            {m.citations && m.citations.length > 0 && <Citations items={m.citations} />}
            {m.attachments && m.attachments.length > 0 && <Attachments items={m.attachments as AnyAttachment[]} load={load} />}
          </li>
        );
      })}
    </ol>
  );
}
