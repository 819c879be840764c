// A new password for a staff account: how long it may be, what is wrong
// with one typed in, and a strong one made up on request.
import { PASSWORD_MAX, PASSWORD_MIN } from "./labels";

/** Letters and digits without the look-alikes (l, 1, I, O, 0), and a few symbols that need no escaping anywhere. */
const ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_.!?#%+=";

export const GENERATED_LENGTH = 16;

/** `length` characters drawn uniformly from the alphabet with the browser's cryptographic random numbers. */
export function generatePassword(length = GENERATED_LENGTH, random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  // Bytes at or above the largest multiple of the alphabet's size are drawn again, so no character is likelier than another.
  const limit = 256 - (256 % ALPHABET.length);
  let out = "";
  while (out.length < length) {
    for (const byte of random(new Uint8Array(length))) {
      if (byte < limit && out.length < length) out += ALPHABET[byte % ALPHABET.length];
    }
  }
  return out;
}

/** What is wrong with a new password, or null; the server checks the same bounds. */
export function passwordProblem(password: string): string | null {
  const n = [...password].length;
  if (n < PASSWORD_MIN) return `The password must be at least ${PASSWORD_MIN} characters (it has ${n}).`;
  if (n > PASSWORD_MAX) return `The password must be at most ${PASSWORD_MAX} characters (it has ${n}).`;
  return null;
}
