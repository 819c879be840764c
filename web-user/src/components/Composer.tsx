import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";

export interface ComposerProps {
  onSend: (text: string) => void;
  onTyping?: (isTyping: boolean) => void;
  disabled?: boolean;
  maxLength?: number;
}

const IDLE_MS = 2500;

/** Text box and Send button; Enter sends, Shift+Enter breaks the line. */
export function Composer({ onSend, onTyping, disabled, maxLength = 4000 }: ComposerProps) {
  const [text, setText] = useState("");
  const typing = useRef(false);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => void (idle.current && clearTimeout(idle.current)), []);

  function stopTyping() {
    if (idle.current) clearTimeout(idle.current);
    if (typing.current) {
      typing.current = false;
      onTyping?.(false);
    }
  }

  function change(value: string) {
    setText(value);
    if (!onTyping) return;
    if (!value.trim()) return stopTyping();
    if (!typing.current) {
      typing.current = true;
      onTyping(true);
    }
    if (idle.current) clearTimeout(idle.current);
    idle.current = setTimeout(stopTyping, IDLE_MS);
  }

  function submit(e?: FormEvent) {
    e?.preventDefault();
    const body = text.trim();
    if (!body || disabled) return;
    onSend(body);
    setText("");
    stopTyping();
  }

  function keyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
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
        onKeyDown={keyDown}
        onBlur={stopTyping}
      />
      <button type="submit" className="primary" disabled={disabled || !text.trim()}>
        Send
      </button>
    </form>
  );
}
