import { useState, type FormEvent } from "react";
import type { Attachment, AttachmentLimits, Uploader } from "@webchat/shared";
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
import { ENTRY } from "../focus";
import { useI18n } from "../i18n/context";

export interface ComposerProps {
  onSend: (text: string, attachments?: Attachment[]) => void;
  onTyping?: (isTyping: boolean) => void;
  disabled?: boolean;
  /** Uploads to the open session; null while offline (a file then waits with Retry). Absent: no files. */
  uploader?: Uploader | null;
  limits?: AttachmentLimits;
}

/**
 * Text box, files and Send; Enter sends, Shift+Enter breaks the line. Files
 * come from "Attach file", a drop onto the composer or a pasted screenshot,
 * and upload at once with a progress bar; Send waits for them. Near the
 * server's limit a count shows; over it, Send (and Enter) does nothing.
 */
export function Composer({ onSend, onTyping, disabled, uploader, limits = {} }: ComposerProps) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const typing = useTypingSignal(onTyping);
  const limit = messageLimit(text);
  const files = uploader !== undefined;
  const uploads = useUploads(uploader ?? null, limits);
  const drop = useFileDrop((f) => uploads.queue.add(f), files && !disabled);
  const ready = uploads.queue.attachments();
  const waiting = uploads.queue.busy ? t("composer.waitUploads") : uploads.queue.blocked ? t("composer.fixUploads") : "";
  const canSend = !disabled && (!!text.trim() || ready.length > 0) && !limit.over && !waiting;

  function change(value: string) {
    setText(value);
    typing.update(value);
  }

  function submit(e?: FormEvent) {
    e?.preventDefault();
    if (!canSend) return;
    if (ready.length) onSend(text.trim(), ready);
    else onSend(text.trim());
    setText("");
    uploads.queue.clear();
    typing.stop();
  }

  return (
    <form className="composer drop-target" onSubmit={submit} {...drop.props}>
      <DropHint visible={drop.dragging} />
      <label htmlFor="composer-text" className="visually-hidden">
        {t("composer.label")}
      </label>
      <textarea
        id="composer-text"
        rows={1}
        value={text}
        aria-describedby={waiting ? "composer-count composer-hint" : "composer-count"}
        placeholder={t("composer.placeholder")}
        disabled={disabled}
        onChange={(e) => change(e.target.value)}
        onKeyDown={enterSends(submit)}
        onBlur={typing.stop}
        {...ENTRY}
      />
      {files && <AttachButton id="composer-file" limits={limits} disabled={disabled} onFiles={(f) => uploads.queue.add(f)} />}
      <button type="submit" className="primary" disabled={!canSend}>
        {t("composer.send")}
      </button>
      {files && (
        <PendingUploads
          items={uploads.items}
          announcement={uploads.announcement}
          onCancel={(id) => uploads.queue.cancel(id)}
          onRetry={(id) => uploads.queue.retry(id)}
          onRemove={(id) => uploads.queue.remove(id)}
        />
      )}
      <p id="composer-hint" className="composer-hint">
        {waiting}
      </p>
      <CharCount id="composer-count" limit={limit} />
    </form>
  );
}
