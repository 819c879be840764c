import { useState, type FormEvent } from "react";
import { MAX_MESSAGE_CHARS } from "@webchat/shared";
import { enterSends, useTypingSignal } from "@webchat/shared/ui";

export interface ComposerProps {
  onSend: (text: string) => void;
  onTyping?: (isTyping: boolean) => void;
  disabled?: boolean;
  maxLength?: number;
}

/** Text box and Send button; Enter sends, Shift+Enter breaks the line. */
export function Composer({ onSend, onTyping, disabled, maxLength = MAX_MESSAGE_CHARS }: ComposerProps) {
  const [text, setText] = useState("");
  const typing = useTypingSignal(onTyping);

  function change(value: string) {
    setText(value);
    typing.update(value);
  }

  function submit(e?: FormEvent) {
    e?.preventDefault();
    const body = text.trim();
    if (!body || disabled) return;
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
        maxLength={maxLength}
        placeholder="Type a message…"
        disabled={disabled}
        onChange={(e) => change(e.target.value)}
        onKeyDown={enterSends(submit)}
        onBlur={typing.stop}
      />
      <button type="submit" className="primary" disabled={disabled || !text.trim()}>
        Send
      </button>
    </form>
  );
}
