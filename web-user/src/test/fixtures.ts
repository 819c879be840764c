import type { Message } from "@webchat/shared";
import { msg } from "@webchat/shared/testing/fixtures";

export { session } from "@webchat/shared/testing/fixtures";

let n = 0;
/** A message with the next seq. */
export function message(over: Partial<Message> = {}): Message {
  n += 1;
  return msg(n, { text: `message ${n}`, ...over });
}
