// The composer's length check: a count once the text nears the server's
// limit, and how many characters too long once it is over (said, not only
// coloured). Over the limit the composer must not send.
import { MAX_MESSAGE_CHARS, messageChars } from "../socket/outbox";
import { useUiStrings } from "./strings";

/** From this many characters the count shows. */
export const COUNT_FROM = 3600;

export interface MessageLimit {
  chars: number;
  /** How many characters past the limit; 0 when within it. */
  over: number;
  /** Whether the count is worth showing. */
  near: boolean;
}

export function messageLimit(text: string, max = MAX_MESSAGE_CHARS): MessageLimit {
  const chars = messageChars(text);
  return { chars, over: Math.max(0, chars - max), near: chars >= Math.min(COUNT_FROM, max) };
}

/**
 * "3,812 / 4,000", or "4,123 / 4,000 — 123 characters too long". Point the
 * textarea's aria-describedby at `id`; the "too long" part is a polite live
 * region, present from the start so it is announced when it fills.
 */
export function CharCount({ id, limit, max = MAX_MESSAGE_CHARS }: { id: string; limit: MessageLimit; max?: number }) {
  const { chars, over, near } = limit;
  const words = useUiStrings();
  const number = new Intl.NumberFormat(words.locale ?? "en");
  const cls = `char-count${near ? "" : " char-count-idle"}${over ? " char-count-over" : ""}`;
  return (
    <p id={id} className={cls}>
      {near && `${number.format(chars)} / ${number.format(max)}`}
      <span className="char-count-live" aria-live="polite">
        {over > 0 && ` — ${words.tooLong(over, number.format(over))}`}
      </span>
    </p>
  );
}
