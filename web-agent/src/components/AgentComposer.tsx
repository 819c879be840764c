// The agent's composer: text with the canned-response completion (`/` at the
// start or after a space opens it; ARIA combobox on the textarea), files
// (button, drop, paste) uploaded with progress, and Send. A canned response
// sent unchanged goes as `{ cannedId, text: "" }` so the server fills it.
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import type { AttachmentLimits, CannedResponse, PendingExtras, Uploader } from "@webchat/shared";
import {
  AttachButton,
  CharCount,
  DropHint,
  PendingUploads,
  enterSends,
  messageLimit,
  useFileDrop,
  useTypingSignal,
  useUploads,
} from "@webchat/shared/ui";
import { fillCanned, matchCanned, slashAt, type CannedVars } from "../canned";
import { CannedMenu, optionId } from "./CannedMenu";

export interface Draft {
  text: string;
  /** The canned response put in, and the text it filled; unchanged, it is sent by id. */
  canned?: { id: string; text: string } | null;
}

export interface AgentComposerProps {
  sessionId: string;
  visitorName: string;
  draft: Draft;
  onDraft: (d: Draft) => void;
  canned: CannedResponse[];
  cannedError: string | null;
  vars: CannedVars;
  limits: AttachmentLimits;
  uploader: Uploader | null;
  onSend: (text: string, extras: PendingExtras) => void;
  onTyping: (isTyping: boolean) => void;
}

export function AgentComposer(props: AgentComposerProps) {
  const { sessionId: id, draft, onDraft, canned, vars } = props;
  const listId = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  const [menu, setMenu] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const typing = useTypingSignal(props.onTyping, id);
  const uploads = useUploads(props.uploader, props.limits);
  const drop = useFileDrop((files) => uploads.queue.add(files));
  const limit = messageLimit(draft.text);
  const items = menu ? matchCanned(canned, menu.query) : [];
  const open = !!menu;
  const files = uploads.queue.attachments();
  const waiting = uploads.queue.busy ? "Wait until the files are uploaded." : uploads.queue.blocked ? "Retry or remove the files that failed." : "";
  const canSend = (!!draft.text.trim() || files.length > 0) && !limit.over && !waiting;

  function change(text: string, caret: number) {
    const keep = draft.canned && text.trim() === draft.canned.text.trim() ? draft.canned : null;
    onDraft({ text, canned: keep });
    typing.update(text);
    const slash = slashAt(text, caret);
    setMenu(slash);
    if (slash?.query !== menu?.query) setActive(0);
  }

  function pick(r: CannedResponse) {
    const filled = fillCanned(r.text, vars);
    const caret = box.current?.selectionStart ?? draft.text.length;
    const text =
      menu && menu.start >= 0
        ? draft.text.slice(0, menu.start) + filled + draft.text.slice(caret)
        : draft.text.trim()
          ? `${draft.text.replace(/\s+$/, "")} ${filled}`
          : filled;
    onDraft({ text, canned: text.trim() === filled.trim() ? { id: r.id, text: filled } : null });
    setMenu(null);
    box.current?.focus();
  }

  function submit(e?: FormEvent) {
    e?.preventDefault();
    if (!canSend) return;
    const unchanged = draft.canned && draft.text.trim() === draft.canned.text.trim();
    props.onSend(draft.text, { attachments: files, ...(unchanged ? { cannedId: draft.canned!.id } : {}) });
    onDraft({ text: "", canned: null });
    uploads.queue.clear();
    typing.stop();
  }

  const sendKey = enterSends(submit);
  function keyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (open) {
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        setMenu(null);
        return;
      }
      if (items.length && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
        e.preventDefault();
        setActive((a) => (a + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length);
        return;
      }
      if (items.length && (e.key === "Tab" || (e.key === "Enter" && !e.shiftKey))) {
        e.preventDefault();
        pick(items[Math.min(active, items.length - 1)]);
        return;
      }
    }
    sendKey(e);
  }

  return (
    <form className="composer agent-composer drop-target" onSubmit={submit} {...drop.props}>
      <DropHint visible={drop.dragging} />
      {open && (
        <CannedMenu id={listId} items={items} active={active} query={menu.query} error={props.cannedError} onPick={pick} onHover={setActive} />
      )}
      <label htmlFor={`reply-${id}`} className="visually-hidden">
        Message
      </label>
      <textarea
        id={`reply-${id}`}
        ref={box}
        rows={2}
        value={draft.text}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && items[active] ? optionId(listId, items[active]) : undefined}
        aria-describedby={`reply-${id}-count reply-${id}-hint`}
        placeholder={`Reply to ${props.visitorName}… (type / for canned responses)`}
        onChange={(e) => change(e.target.value, e.target.selectionStart ?? e.target.value.length)}
        onKeyDown={keyDown}
        onBlur={() => {
          typing.stop();
          setMenu(null);
        }}
      />
      <button type="submit" className="primary" disabled={!canSend}>
        Send
      </button>
      <div className="composer-tools">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={listId}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            setMenu(open ? null : { start: -1, query: "" });
            setActive(0);
            box.current?.focus();
          }}
        >
          Canned responses
        </button>
        <AttachButton id={`attach-${id}`} limits={props.limits} onFiles={(f) => uploads.queue.add(f)} />
      </div>
      <PendingUploads
        items={uploads.items}
        announcement={uploads.announcement}
        onCancel={(x) => uploads.queue.cancel(x)}
        onRetry={(x) => uploads.queue.retry(x)}
        onRemove={(x) => uploads.queue.remove(x)}
      />
      <p id={`reply-${id}-hint`} className="composer-hint muted">
        {waiting}
      </p>
      <CharCount id={`reply-${id}-count`} limit={limit} />
    </form>
  );
}
