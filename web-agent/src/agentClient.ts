// The agent's workspace: login, the live queue, the chats it works (several
// at once), unread counts, notes, and resuming after reconnects. It is built
// in layers: agentChats.ts (the chats as state), agentSession.ts (login and
// the connection), agentEvents.ts (what the server sends); here, what the
// agent does: status, taking a chat from the queue, reading, sending, notes,
// and ending a chat. The team features (routing, transfer, supervision)
// extend it in teamClient.ts.
// React reads it through `subscribe`/`getState` (useStore).
import {
  errorText,
  hasContent,
  pendingMessage,
  request,
  RequestError,
  type AgentStatus,
  type PendingExtras,
  type PendingMessage,
} from "@webchat/shared";
import { AgentEvents } from "./agentEvents";
import { newChat } from "./agentState";

export type { PendingMessage };
export type { AgentChat, AgentClientDeps, AgentState, AgentView } from "./agentState";
export { newChat };

export class AgentClient extends AgentEvents {
  // ---- agent actions ----------------------------------------------------

  /** Online takes new chats; away keeps the current ones and takes none. */
  async setStatus(status: Exclude<AgentStatus, "offline">): Promise<void> {
    if (!this.socket) return;
    try {
      const { agent } = await request(this.socket, "agent:status", { status });
      this.set({ status: agent.status, statusError: null });
    } catch (e) {
      this.set({ statusError: errorText(e, "Could not change your status.") });
    }
  }

  async accept(sessionId: string): Promise<void> {
    if (!this.socket) return;
    this.set({ claiming: sessionId, claimError: null });
    try {
      const { session, messages, notes } = await request(this.socket, "agent:claim", { sessionId });
      this.ensureChat(session);
      this.applySession(session);
      this.merge(session.id, messages);
      this.addNotes(session.id, notes ?? []);
      this.set({
        selectedId: session.id,
        claiming: null,
      });
      this.dropFromQueue(sessionId);
    } catch (e) {
      const item = this.state.queue.find((q) => q.sessionId === sessionId);
      const msg = errorText(e, "Could not accept the chat.");
      const gone = e instanceof RequestError && (e.code === "conflict" || e.code === "not_found");
      this.set({
        claiming: null,
        claimError: item ? `${item.userDisplayName}: ${msg}` : msg,
        queue: gone ? this.state.queue.filter((q) => q.sessionId !== sessionId) : this.state.queue,
      });
    }
  }

  select(id: string): void {
    this.set({ selectedId: id, view: "chats" });
    this.updateChat(id, (c) => (c.isNew ? { ...c, isNew: false } : c));
    this.markRead(id);
  }

  /** Called when the window becomes visible again. */
  visible(): void {
    if (this.state.selectedId) this.markRead(this.state.selectedId);
  }

  /** Called when the window gets the focus: the title stops calling for attention. */
  focused(): void {
    if (this.state.unseenAlerts.length) this.set({ unseenAlerts: [] });
    this.visible();
  }

  /** A private note on the chat, for the team only. */
  async addNote(sessionId: string, text: string): Promise<boolean> {
    if (!this.socket || !text.trim()) return false;
    try {
      const { note } = await request(this.socket, "note:add", { sessionId, text });
      this.addNotes(sessionId, [note]);
      return true;
    } catch (e) {
      this.updateChat(sessionId, (c) => ({ ...c, noteError: errorText(e, "Could not save the note.") }));
      return false;
    }
  }

  /** Text, files (uploaded already) or both; a canned response sent unchanged goes by its id. */
  send(sessionId: string, text: string, extras: PendingExtras = {}): void {
    const c = this.chat(sessionId);
    if (!c || c.closed || (!hasContent(text, extras.attachments) && !extras.cannedId)) return;
    const p = pendingMessage(sessionId, text, extras);
    this.updateChat(sessionId, (x) => ({ ...x, pending: [...x.pending, p] }));
    this.setTyping(sessionId, false);
    void this.outbox.send(p);
  }

  discard(sessionId: string, clientMsgId: string): void {
    this.updateChat(sessionId, (c) => ({ ...c, pending: c.pending.filter((p) => p.clientMsgId !== clientMsgId) }));
  }

  setTyping(sessionId: string, isTyping: boolean): void {
    if (this.socket?.connected) this.socket.emit("typing", { sessionId, isTyping });
  }

  // ---- the end of a chat ------------------------------------------------

  async acceptEnd(sessionId: string): Promise<void> {
    await this.sessionCall("session:end:accept", sessionId);
  }

  async declineEnd(sessionId: string): Promise<void> {
    const ok = await this.sessionCall("session:end:decline", sessionId);
    if (ok) this.updateChat(sessionId, (c) => ({ ...c, endRequested: false }));
  }

  async closeChat(sessionId: string): Promise<void> {
    await this.sessionCall("session:close", sessionId);
  }

  private async sessionCall(
    event: "session:end:accept" | "session:end:decline" | "session:close",
    sessionId: string,
  ): Promise<boolean> {
    if (!this.socket) return false;
    try {
      const { session } = await request(this.socket, event, { sessionId });
      this.applySession(session);
      if (session.status === "closed") {
        this.updateChat(sessionId, (c) => ({ ...c, closed: c.closed ?? { endedBy: "agent" } }));
      }
      this.updateChat(sessionId, (c) => ({ ...c, error: null }));
      return true;
    } catch (e) {
      this.updateChat(sessionId, (c) => ({ ...c, error: errorText(e, "Failed.") }));
      return false;
    }
  }
}
