// What the server sends on the agent's socket: the queue, my chats' messages
// (unread counts, or read at once while the chat is open), notes, delivery
// status, session changes, end requests, closing, and the visitor typing.
import { opensGap, request, type ChatSocket, type Message } from "@webchat/shared";
import { AgentSession } from "./agentSession";

const TYPING_CLEAR_MS = 6000;

export abstract class AgentEvents extends AgentSession {
  private typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

  protected listen(socket: ChatSocket): void {
    socket.on("queue:bootstrap", ({ items }) => this.set({ queue: items ?? [] }));
    socket.on("agent:update", (agent) => {
      if (agent.id === this.state.user?.id) this.set({ status: agent.status });
    });
    socket.on("queue:new", (item) => {
      const queue = [...this.state.queue.filter((q) => q.sessionId !== item.sessionId), item];
      this.set({ queue });
      this.announce(`New chat from ${item.userDisplayName}`);
    });
    // claimed, assigned (routing) or closed: the card goes either way
    socket.on("queue:remove", ({ sessionId }) => this.dropFromQueue(sessionId));
    socket.on("message:history", ({ sessionId, messages }) => this.merge(sessionId, messages));
    socket.on("note:new", (note) => this.addNotes(note.sessionId, [note]));
    socket.on("message:new", (m) => this.onMessage(socket, m));
    socket.on("message:status", ({ sessionId, messageId, deliveryStatus, deliveryError }) => {
      this.updateChat(sessionId, (c) => ({
        ...c,
        messages: c.messages.map((m) => (m.id === messageId ? { ...m, deliveryStatus, deliveryError } : m)),
      }));
    });
    socket.on("session:update", (s) => this.applySession(s));
    socket.on("session:end:requested", ({ sessionId }) => {
      const chat = this.chat(sessionId);
      if (!chat) return;
      this.updateChat(sessionId, (c) => ({ ...c, endRequested: true }));
      this.announce(`${chat.session.userDisplayName} asks to end the chat`);
    });
    socket.on("session:end:declined", ({ sessionId }) =>
      this.updateChat(sessionId, (c) => ({ ...c, endRequested: false })),
    );
    socket.on("session:closed", ({ sessionId, endedBy, summary }) => {
      this.dropFromQueue(sessionId);
      this.updateChat(sessionId, (c) => ({
        ...c,
        session: { ...c.session, status: "closed" },
        endRequested: false,
        typing: false,
        closed: { endedBy, summary: summary ?? c.closed?.summary ?? null },
      }));
    });
    socket.on("typing", ({ sessionId, senderType, isTyping }) => {
      if (senderType === "user") this.showTyping(sessionId, isTyping);
    });
  }

  private onMessage(socket: ChatSocket, m: Message): void {
    this.updateQueuePreview(m);
    const chat = this.chat(m.sessionId);
    if (!chat) {
      if (this.state.watch?.session.id === m.sessionId) this.merge(m.sessionId, [m]);
      return;
    }
    const gap = opensGap(chat.messages, m);
    this.merge(m.sessionId, [m]);
    if (m.senderType === "user") this.updateChat(m.sessionId, (c) => ({ ...c, typing: false }));
    if (m.senderType !== "agent") {
      const visible = this.state.selectedId === m.sessionId && !this.deps.isHidden?.();
      if (visible) this.markRead(m.sessionId);
      else this.updateChat(m.sessionId, (c) => ({ ...c, unread: c.unread + 1 }));
    }
    if (gap) void this.join(socket, m.sessionId, true);
  }

  private showTyping(sessionId: string, isTyping: boolean): void {
    this.updateChat(sessionId, (c) => ({ ...c, typing: isTyping }));
    const t = this.typingTimers.get(sessionId);
    if (t) clearTimeout(t);
    if (!isTyping) return;
    const clear = () => this.updateChat(sessionId, (c) => ({ ...c, typing: false }));
    this.typingTimers.set(sessionId, setTimeout(clear, TYPING_CLEAR_MS));
  }

  protected markRead(id: string): void {
    const c = this.chat(id);
    if (!c) return;
    if (c.unread) this.updateChat(id, (x) => ({ ...x, unread: 0 }));
    const last = c.messages[c.messages.length - 1];
    if (last && this.socket?.connected) request(this.socket, "message:read", { sessionId: id, seq: last.seq }).catch(() => undefined);
  }
}
