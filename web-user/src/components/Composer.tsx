import { useState, type FormEvent } from "react";
import { CharCount, enterSends, messageLimit, useTypingSignal } from "@webchat/shared/ui";

export interface ComposerProps {
  onSend: (text: string) => void;
  onTyping?: (isTyping: boolean) => void;
  disabled?: boolean;
}

/**
 * Text box and Send button; Enter sends, Shift+Enter breaks the line. Near the
 * server's limit a count shows; over it, Send (and Enter) does nothing.
 */
export function Composer({ onSend, onTyping, disabled }: ComposerProps) {
  const [text, setText] = useState("");
  const typing = useTypingSignal(onTyping);
  const limit = messageLimit(text);

  function change(value: string) {
    setText(value);
    typing.update(value);
  }

  function submit(e?: FormEvent) {
    e?.preventDefault();
    const body = text.trim();
    if (!body || disabled || limit.over) return;
    onSend(body);
    setText("");
    typing.stop();
  }

  return (
    <form className="composer" onSubmit={submit}>
      <label htmlFor="composer-text" className="visually-hidden">
        Message
      </label>
      <textarea
        id="composer-text"
        rows={1}
        value={text}
        aria-describedby="composer-count"
        placeholder="Type a message…"
        disabled={disabled}
        onChange={(e) => change(e.target.value)}
        onKeyDown={enterSends(submit)}
        onBlur={typing.stop}
      />
      <button type="submit" className="primary" disabled={disabled || !text.trim() || limit.over > 0}>
        Send
      </button>
      <CharCount id="composer-count" limit={limit} />
    </form>
  );
}
