// What the visitor's page tells the chat about the visitor: the page they
// are on (`visitor:page`) and, when the host site signs its users in, who
// they are (`hello { identity }`, see widget/IDENTITY.md). The full page
// reads its own location; the widget's frame reads what widget.js put in
// its URL fragment (never sent to any server) and later page changes it
// posts.
import type { VisitorPage } from "@webchat/shared";

export interface VisitorIdentity {
  externalId: string;
  email?: string;
  name?: string;
  /** hex HMAC-SHA256(IDENTITY_SECRET, externalId), computed by the host's backend. */
  hash: string;
}

/** A well-formed identity, or null (with nothing said: the host may simply not sign users in). */
export function parseIdentity(raw: unknown): VisitorIdentity | null {
  if (!raw || typeof raw !== "object") return null;
  const r = raw as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
  const externalId = str(r.externalId);
  const hash = str(r.hash);
  if (!externalId || !hash) return null;
  const email = str(r.email);
  const name = str(r.name);
  return { externalId, hash, ...(email ? { email } : {}), ...(name ? { name } : {}) };
}

/** This page, for the full visitor app. */
export function ownPage(): VisitorPage {
  return { url: window.location.href, title: document.title || undefined, referrer: document.referrer || undefined };
}

/** What widget.js passed in the frame's fragment: `#page=…&title=…&referrer=…&identity=<json>`. */
export function readHostContext(hash: string): { page: VisitorPage | null; identity: VisitorIdentity | null } {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const url = params.get("page");
  let identity: VisitorIdentity | null = null;
  try {
    identity = parseIdentity(JSON.parse(params.get("identity") ?? "null"));
  } catch {
    identity = null;
  }
  return {
    page: url ? { url, title: params.get("title") || undefined, referrer: params.get("referrer") || undefined } : null,
    identity,
  };
}

/** A page change posted by widget.js (a single-page host navigated), or null for any other message. */
export function hostPageMessage(data: unknown): VisitorPage | null {
  const d = data as { type?: unknown; url?: unknown; title?: unknown; referrer?: unknown } | null;
  if (!d || d.type !== "webchat:page" || typeof d.url !== "string") return null;
  return {
    url: d.url,
    title: typeof d.title === "string" && d.title ? d.title : undefined,
    referrer: typeof d.referrer === "string" && d.referrer ? d.referrer : undefined,
  };
}
