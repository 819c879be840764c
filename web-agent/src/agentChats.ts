// The agent's chats as state, before any socket: finding and changing one
// (mine, the monitored one, or both), taking in what the server says about it
// (the session, its messages, its notes), the queue's cards, the notice and
// announcement lines, and the mute switch. agentSession.ts connects it.
import { confirmedIds, mergeBySeq, Store, type Message, type Note, type Session } from "@webchat/shared";
import { K, newChat, signedOutWork, type AgentChat, type AgentClientDeps, type AgentState } from "./agentState";

export abstract class AgentChats extends Store<AgentState> {
  constructor(protected deps: AgentClientDeps) {
    super({
      auth: "loggedOut",
      loginError: null,
      user: null,
      status: "online",
      statusError: null,
      connection: "idle",
      ...signedOutWork(),
      claiming: null,
      muted: deps.storage.getItem(K.muted) === "1",
      announcement: null,
      notifications: "unsupported",
      notificationsDismissed: deps.storage.getItem(K.noNotify) === "1",
    });
  }

  /** A session as the server now has it (e.g. after saving its tags). */
  sessionChanged(s: Session): void {
    this.applySession(s);
  }

  chat(id: string | null): AgentChat | undefined {
    return this.state.chats.find((c) => c.session.id === id);
  }

  /** Changes one chat: mine, the monitored one, or both. */
  protected updateChat(id: string, fn: (c: AgentChat) => AgentChat): void {
    const patch: Partial<AgentState> = {};
    if (this.chat(id)) patch.chats = this.state.chats.map((c) => (c.session.id === id ? fn(c) : c));
    if (this.state.watch?.session.id === id) patch.watch = fn(this.state.watch);
    if (patch.chats || patch.watch) this.set(patch);
  }

  protected ensureChat(session: Session): void {
    if (this.chat(session.id)) return;
    this.set({ chats: [...this.state.chats, newChat(session)], selectedId: this.state.selectedId ?? session.id });
  }

  protected applySession(s: Session): void {
    this.updateChat(s.id, (c) => ({
      ...c,
      session: s,
      closed: s.status === "closed" ? (c.closed ?? { endedBy: "unknown" }) : null,
      endRequested: s.status === "closed" ? false : c.endRequested,
    }));
  }

  /** Adds notes once each, oldest first. */
  protected addNotes(id: string, incoming: Note[]): void {
    if (!incoming.length) return;
    this.updateChat(id, (c) => {
      const byId = new Map(c.notes.map((n) => [n.id, n]));
      for (const n of incoming) byId.set(n.id, n);
      const notes = [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      return { ...c, notes, noteError: null };
    });
  }

  protected merge(id: string, incoming: Message[]): void {
    if (!incoming?.length) return;
    const confirmed = confirmedIds(incoming);
    this.updateChat(id, (c) => ({
      ...c,
      messages: mergeBySeq(c.messages, incoming),
      pending: c.pending.filter((p) => !confirmed.has(p.clientMsgId)),
    }));
  }

  /** Removes a chat from the list (closed, or no longer mine); the next open one is shown. */
  dismiss(sessionId: string): void {
    const chats = this.state.chats.filter((c) => c.session.id !== sessionId);
    const next = chats.find((c) => !c.closed) ?? chats[0];
    const selectedId = this.state.selectedId === sessionId ? (next?.session.id ?? null) : this.state.selectedId;
    this.set({ chats, selectedId });
  }

  // ---- the queue's cards ------------------------------------------------

  protected updateQueuePreview(m: Message): void {
    if (!this.state.queue.some((q) => q.sessionId === m.sessionId)) return;
    this.set({
      queue: this.state.queue.map((q) =>
        q.sessionId === m.sessionId
          ? { ...q, preview: [...(q.preview ?? []).filter((p) => p.id !== m.id), m].slice(-5), lastMessage: m }
          : q,
      ),
    });
  }

  /** Takes a chat off the queue with its alerts (claimed, assigned, closed). */
  protected dropFromQueue(sessionId: string): void {
    const { [sessionId]: _gone, ...alerts } = this.state.alerts;
    this.set({
      queue: this.state.queue.filter((q) => q.sessionId !== sessionId),
      alerts,
      unseenAlerts: this.state.unseenAlerts.filter((id) => id !== sessionId),
    });
  }

  // ---- notices and sound ------------------------------------------------

  protected showNotice(text: string): void {
    this.set({ notice: { text, at: Date.now() } });
  }

  protected announce(text: string): void {
    this.set({ announcement: { text, at: Date.now() } });
    if (!this.state.muted) {
      try {
        this.deps.beep?.();
      } catch {
        // sound is best effort
      }
    }
  }

  dismissNotice(): void {
    this.set({ notice: null });
  }

  toggleMute(): void {
    const muted = !this.state.muted;
    this.deps.storage.setItem(K.muted, muted ? "1" : "0");
    this.set({ muted });
  }
}
