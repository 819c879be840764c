// Links in message text: http(s) and mailto: become links that open in a new
// tab; every other scheme (javascript:, data:, vbscript:, …) stays plain text.
// The text is split into React nodes; nothing is ever parsed as HTML.
import type { ReactNode } from "react";

export type TextPart = { text: string; href?: string };

/** A scheme we link, at a word start, up to whitespace or a character a URL does not hold. */
const CANDIDATE = /(?<![\p{L}\p{N}_])(?:https?:\/\/|mailto:)[^\s<>"`]+/giu;
const TRAILING = /[.,;:!?'*_~]/;
const PAIRS: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/** Drops trailing punctuation, and closing brackets the link does not open (keeps "wiki/A_(b)"). */
function trimTrailing(url: string): string {
  let end = url.length;
  for (;;) {
    const c = url[end - 1];
    if (c === undefined) break;
    if (TRAILING.test(c)) {
      end -= 1;
      continue;
    }
    const open = PAIRS[c];
    if (open) {
      const body = url.slice(0, end);
      if (body.split(c).length > body.split(open).length) {
        end -= 1;
        continue;
      }
    }
    break;
  }
  return url.slice(0, end);
}

/** The href for a link we allow: http(s) with a host, or mailto with an address; else null. */
export function safeHref(candidate: string): string | null {
  let u: URL;
  try {
    u = new URL(candidate);
  } catch {
    return null;
  }
  if (u.protocol === "http:" || u.protocol === "https:") return u.hostname ? u.href : null;
  if (u.protocol === "mailto:") return /^[^@\s]+@[^@\s]+$/.test(decodeURIComponent(u.pathname)) ? u.href : null;
  return null;
}

/** Splits text into plain parts and link parts, in order; the parts' texts join back to `text`. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(CANDIDATE)) {
    const url = trimTrailing(m[0]);
    const href = safeHref(url);
    if (!href) continue;
    const start = m.index;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: url, href });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** Message text with its safe links clickable. */
export function LinkedText({ text }: { text: string }): ReactNode {
  return linkify(text).map((p, i) =>
    p.href ? (
      <a key={i} href={p.href} target="_blank" rel="noopener noreferrer nofollow">
        {p.text}
      </a>
    ) : (
      p.text
    ),
  );
}
