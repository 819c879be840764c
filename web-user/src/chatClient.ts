// The visitor's chat state: identity, the open session, messages in seq order,
// the outbox of unsent messages, and resuming after reloads and reconnects.
// The same client runs the full page (`/`) and the widget's frame
// (`/widget.html`), which keeps its own identity and one session per site.
// It is built in layers: chatState.ts (the state's shape and start),
// chatTranscript.ts (the session and its messages as state and storage),
// chatSession.ts (identity and the connection); here, what the visitor does
// (send, upload, ask for a human, leave an email when no one is there, end
// the chat, rate it, have its transcript mailed) and what the server sends
// (including the pieces of a bot answer being written, kept as a draft).
// React reads it through `subscribe`/`getState` (useStore).
import {
  errorText,
  opensGap,
  pendingMessage,
  request,
  RequestError,
  resume,
  uploadAttachment,
  type Attachment,
  type AttachmentLimits,
  type ChatSocket,
  type PendingMessage,
  type Uploader,
} from "@webchat/shared";
import { ChatSession } from "./chatSession";
import type { Typing } from "./chatState";

export type { PendingMessage };
export type { ChatClientDeps, ChatState, Draft, EndRequest, Notice, OfflineAsk, Typing } from "./chatState";

const TYPING_CLEAR_MS = 6000;

export class ChatClient extends ChatSession {
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private syncing = false;

  /** Uploads files to the open session; null while there is none or the connection is down. */
  uploader(limits: AttachmentLimits = {}): Uploader | null {
    const s = this.state.session;
    const token = this.token;
    if (!s || s.status === "closed" || !token || !this.conn.socket) return null;
    return (file, onProgress, signal) => uploadAttachment({ file, sessionId: s.id, token, onProgress, signal, limits });
  }

  // ---- public actions -------------------------------------------------

  /** Text, uploaded files, or both. */
  send(text: string, attachments: Attachment[] = []): void {
    const session = this.state.session;
    if (!session || session.status === "closed" || (!text.trim() && !attachments.length)) return;
    const p = pendingMessage(session.id, text, { attachments });
    this.set({ pending: [...this.state.pending, p] });
    this.saveOutbox();
    this.setTyping(false);
    void this.outbox.send(p);
  }

  discard(clientMsgId: string): void {
    this.set({ pending: this.state.pending.filter((p) => p.clientMsgId !== clientMsgId) });
    this.saveOutbox();
  }

  async requestHuman(): Promise<void> {
    const s = this.state.session;
    const socket = this.conn.raw;
    if (!s || !socket) return;
    try {
      const { session, offline, nextOpenAt } = await request(socket, "handoff:request", { sessionId: s.id });
      this.applySession(session);
      if (offline && session.status === "queued_for_agent") {
        this.set({ offline: { nextOpenAt: nextOpenAt ?? this.state.availability?.nextOpenAt ?? null, emailedTo: null } });
      }
    } catch (e) {
      this.set({ error: errorText(e) });
    }
  }

  /** "End chat": asks the agent when one is assigned, else closes at once. */
  async endChat(): Promise<void> {
    const s = this.state.session;
    const socket = this.conn.raw;
    if (!s || !socket || s.status === "closed") return;
    try {
      if (s.status === "active_with_agent") {
        await request(socket, "session:end:request", { sessionId: s.id });
        this.set({ endRequest: "pending", error: null });
      } else {
        const { session } = await request(socket, "session:close", { sessionId: s.id });
        this.applySession(session);
      }
    } catch (e) {
      this.set({ error: errorText(e) });
    }
  }

  /** The offline form: where the team's answer should go. Rejects with the server's RequestError (`invalid`: a bad address). */
  async leaveEmail(email: string): Promise<void> {
    const s = this.state.session;
    if (!s) return;
    const { contact } = await request(this.connected(), "contact:update", { sessionId: s.id, email });
    const to = contact.email || email;
    this.rememberEmail(to);
    if (this.state.offline && this.state.session?.id === s.id) this.set({ offline: { ...this.state.offline, emailedTo: to } });
  }

  /** After the chat: 1 to 5 and an optional comment. Rejects with `conflict` when it was rated already. */
  async rate(rating: number, comment: string): Promise<void> {
    const s = this.state.session;
    if (!s) return;
    const text = comment.trim();
    const { session } = await request(this.connected(), "csat:submit", { sessionId: s.id, rating, ...(text ? { comment: text } : {}) });
    this.applySession(session);
  }

  /** After the chat: the transcript by email. Rejects with `rate_limited` after a few. */
  async emailTranscript(email: string): Promise<void> {
    const s = this.state.session;
    if (!s) return;
    await request(this.connected(), "transcript:email", { sessionId: s.id, email });
    this.rememberEmail(email);
  }

  /** After a chat closed: back to the start form, keeping the name. */
  newChat(): void {
    this.forgetSession();
    this.set({ view: "form", notice: null, error: null });
  }

  setTyping(isTyping: boolean): void {
    const s = this.state.session;
    const socket = this.conn.raw;
    if (!s || !socket?.connected || s.status === "closed") return;
    socket.emit("typing", { sessionId: s.id, isTyping });
  }

  /** The socket, when it is up; else the request fails at once rather than after a timeout. */
  private connected(): ChatSocket {
    const socket = this.conn.socket;
    if (!socket) throw new RequestError({ code: "network", message: "Not connected." });
    return socket;
  }

  // ---- server events --------------------------------------------------

  protected listen(socket: ChatSocket): void {
    const mine = (sessionId: string) => sessionId === this.state.session?.id;
    socket.on("message:history", ({ sessionId, messages }) => {
      if (!mine(sessionId)) return;
      // a history reload: any draft's stream is no longer followed from its start
      this.dropDrafts();
      this.mergeMessages(messages);
    });
    socket.on("message:delta", (d) => {
      // the bot writes only in bot_pending; the stored message (message:new) replaces the draft
      if (!d || !mine(d.sessionId) || this.state.session?.status !== "bot_pending") return;
      if (typeof d.streamId !== "string" || !d.streamId || typeof d.delta !== "string") return;
      this.appendDelta(d.streamId, d.delta);
    });
    socket.on("message:new", (m) => {
      if (!mine(m.sessionId)) return;
      const gap = opensGap(this.state.messages, m);
      this.mergeMessages([m]);
      if (m.senderType !== "user") this.set({ typing: null });
      if (gap) void this.resync(socket);
    });
    socket.on("session:update", (s) => {
      if (mine(s.id)) this.applySession(s);
    });
    socket.on("handoff:accepted", ({ sessionId, agent }) => {
      const s = this.state.session;
      if (!s || !mine(sessionId)) return;
      this.applySession({ ...s, status: "active_with_agent", agentId: agent.id, agentDisplayName: agent.displayName });
    });
    socket.on("queue:position", ({ sessionId, position, estimatedWaitSecs }) => {
      if (mine(sessionId) && this.state.session?.status === "queued_for_agent") {
        this.set({ queuePosition: { position, estimatedWaitSecs: estimatedWaitSecs ?? null } });
      }
    });
    socket.on("session:end:declined", ({ sessionId }) => {
      if (mine(sessionId)) this.set({ endRequest: "declined" });
    });
    socket.on("session:closed", ({ sessionId }) => {
      const s = this.state.session;
      if (s && mine(sessionId)) this.applySession({ ...s, status: "closed" });
    });
    socket.on("availability", (availability) => this.set({ availability }));
    socket.on("typing", ({ sessionId, senderType, isTyping }) => {
      if (!mine(sessionId) || senderType === "user" || senderType === "system") return;
      const who: Typing = senderType === "agent" ? { senderType, name: this.state.session?.agentDisplayName ?? null } : { senderType: "bot" };
      this.set({ typing: isTyping ? who : null });
      if (this.typingTimer) clearTimeout(this.typingTimer);
      if (isTyping) this.typingTimer = setTimeout(() => this.set({ typing: null }), TYPING_CLEAR_MS);
    });
  }

  /** Fills a gap in seq by rejoining from the last contiguous message. */
  private async resync(socket: ChatSocket): Promise<void> {
    const s = this.state.session;
    if (!s || this.syncing) return;
    this.syncing = true;
    try {
      const { messages } = await resume(socket, s.id, this.state.messages, true);
      this.mergeMessages(messages);
    } catch {
      // the next reconnect resumes anyway
    } finally {
      this.syncing = false;
    }
  }
}
