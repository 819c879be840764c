// Messages written but not yet acked. Each keeps its clientMsgId, so sending
// it again after a timeout or a reconnect stores it once; a refusal the
// server means (not a timeout) marks it for the user to discard.
import { newId } from "../id";
import type { Attachment, Message } from "../protocol";
import { request, RequestError, type ChatSocket } from "./request";

/** The server's limit, in characters (Unicode code points) of the trimmed text. */
export const MAX_MESSAGE_CHARS = 4000;
const RETRY_MS = 3000;

/** A message's length as the server counts it: code points of the trimmed text (an emoji is one). */
export function messageChars(text: string): number {
  return Array.from(text.trim()).length;
}

export interface PendingMessage {
  clientMsgId: string;
  sessionId: string;
  text: string;
  createdAt: string;
  /** Uploaded files that go with it (`attachmentIds`); text may then be empty. */
  attachments?: Attachment[];
  /** A canned response sent unchanged: the wire text is "" and the server fills it; `text` is its preview. */
  cannedId?: string;
  /** Set when the server refused the message for good. */
  error?: string;
}

export interface PendingExtras {
  attachments?: Attachment[];
  cannedId?: string;
}

/** A message to send, trimmed but never cut: the composer keeps over-long text from being sent. */
export function pendingMessage(sessionId: string, text: string, extras: PendingExtras = {}): PendingMessage {
  return {
    clientMsgId: newId(),
    sessionId,
    text: text.trim(),
    createdAt: new Date().toISOString(),
    ...(extras.attachments?.length ? { attachments: extras.attachments } : {}),
    ...(extras.cannedId ? { cannedId: extras.cannedId } : {}),
  };
}

/** Worth sending: some text, or some files. */
export function hasContent(text: string, attachments: readonly unknown[] = []): boolean {
  return text.trim().length > 0 || attachments.length > 0;
}

/** `message:send`'s payload for a pending message. */
export function sendPayload(p: PendingMessage) {
  return {
    sessionId: p.sessionId,
    text: p.cannedId ? "" : p.text,
    clientMsgId: p.clientMsgId,
    ...(p.attachments?.length ? { attachmentIds: p.attachments.map((a) => a.id) } : {}),
    ...(p.cannedId ? { cannedId: p.cannedId } : {}),
  };
}

export interface OutboxHooks {
  /** The socket to send on, or null when not connected and ready. */
  socket: () => ChatSocket | null;
  /** Everything still waiting, for a retry. */
  waiting: () => PendingMessage[];
  sent: (p: PendingMessage, message: Message) => void;
  refused: (p: PendingMessage, error: string) => void;
}

export class Outbox {
  private inFlight = new Set<string>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private hooks: OutboxHooks) {}

  /** Sends every waiting message that is not refused or already on its way. */
  flush(): void {
    for (const p of this.hooks.waiting()) if (!p.error) void this.send(p);
  }

  async send(p: PendingMessage): Promise<void> {
    const socket = this.hooks.socket();
    if (!socket || this.inFlight.has(p.clientMsgId)) return;
    this.inFlight.add(p.clientMsgId);
    try {
      const { message } = await request(socket, "message:send", sendPayload(p));
      this.hooks.sent(p, { ...message, clientMsgId: message.clientMsgId ?? p.clientMsgId });
    } catch (e) {
      if (e instanceof RequestError && !e.retriable) this.hooks.refused(p, e.message || "Not sent.");
      else this.retryLater();
    } finally {
      this.inFlight.delete(p.clientMsgId);
    }
  }

  dispose(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private retryLater(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.flush();
    }, RETRY_MS);
  }
}
