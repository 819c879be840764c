// The agent's workspace: login, the live queue, the chats it works (several
// at once), unread counts, notes, and resuming after reconnects. The team
// features (routing, transfer, supervision) extend it in teamClient.ts.
// React reads it through `subscribe`/`getState` (useStore).
import {
  Connection,
  confirmedIds,
  errorText,
  hasContent,
  loginErrorText,
  mergeBySeq,
  opensGap,
  Outbox,
  pendingMessage,
  request,
  RequestError,
  RestClient,
  resume,
  Store,
  type AgentStatus,
  type ChatSocket,
  type Message,
  type Note,
  type PendingExtras,
  type PendingMessage,
  type Session,
} from "@webchat/shared";
import { K, newChat, type AgentChat, type AgentClientDeps, type AgentState } from "./agentState";

export type { PendingMessage };
export type { AgentChat, AgentClientDeps, AgentState, AgentView } from "./agentState";
export { newChat };

const TYPING_CLEAR_MS = 6000;
const EXPIRED = "Your login has expired. Please log in again.";

/** The work of a signed-in agent, empty: how a client starts and what logging out clears. */
function signedOutWork(): Pick<
  AgentState,
  "queue" | "chats" | "selectedId" | "claimError" | "notice" | "view" | "alerts" | "unseenAlerts" | "agents" | "agentsError" | "team" | "teamError" | "watch"
> {
  return {
    queue: [],
    chats: [],
    selectedId: null,
    claimError: null,
    notice: null,
    view: "chats",
    alerts: {},
    unseenAlerts: [],
    agents: [],
    agentsError: null,
    team: [],
    teamError: null,
    watch: null,
  };
}

export class AgentClient extends Store<AgentState> {
  private conn: Connection<ChatSocket>;
  private outbox: Outbox;
  private typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

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
    this.conn = new Connection(() => deps.open(() => this.token), {
      listen: (socket) => this.listen(socket),
      ready: (socket) => this.ready(socket),
      online: () => this.outbox.flush(),
      status: (connection) => this.set({ connection }),
      refused: () => this.signedOut(EXPIRED),
    });
    this.outbox = new Outbox({
      socket: () => this.conn.socket,
      waiting: () => this.state.chats.flatMap((c) => c.pending),
      sent: (p, message) => this.merge(p.sessionId, [message]),
      refused: (p, error) =>
        this.updateChat(p.sessionId, (c) => ({
          ...c,
          pending: c.pending.map((x) => (x.clientMsgId === p.clientMsgId ? { ...x, error } : x)),
        })),
    });
  }

  protected get token(): string | null {
    return this.deps.storage.getItem(K.token);
  }

  /** The login's token, for the workspace's REST calls. */
  get bearer(): string | null {
    return this.token;
  }

  /** A session as the server now has it (e.g. after saving its tags). */
  sessionChanged(s: Session): void {
    this.applySession(s);
  }

  protected get socket(): ChatSocket | null {
    return this.conn.raw;
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

  // ---- login ------------------------------------------------------------

  /** Resumes a stored login. */
  init(): void {
    if (this.token) {
      this.set({ auth: "loggedIn" });
      this.conn.start();
    }
  }

  async login(email: string, password: string): Promise<void> {
    this.set({ auth: "loggingIn", loginError: null });
    try {
      const doLogin = this.deps.login ?? ((e: string, p: string) => new RestClient().login(e, p));
      const { token, user } = await doLogin(email, password);
      this.deps.storage.setItem(K.token, token);
      this.set({ auth: "loggedIn", user });
      this.conn.start();
    } catch (e) {
      this.set({ auth: "loggedOut", loginError: loginErrorText(e) });
    }
  }

  async logout(): Promise<void> {
    const token = this.token;
    if (token) {
      const doLogout = this.deps.logout ?? ((t: string) => new RestClient({ token: () => t }).logout());
      await doLogout(token).catch(() => undefined);
    }
    this.signedOut(null);
  }

  protected signedOut(message: string | null): void {
    this.conn.stop();
    this.deps.storage.removeItem(K.token);
    this.set({
      auth: "loggedOut",
      loginError: message,
      user: null,
      connection: "idle",
      ...signedOutWork(),
    });
  }

  // ---- connection -------------------------------------------------------

  /** After every connect: hello, then rejoin every open chat from its last seq. */
  protected async ready(socket: ChatSocket): Promise<void> {
    const token = this.token;
    if (!token) return;
    const hello = await request(socket, "hello", { role: "agent", token });
    this.set({ user: hello.user, ...(hello.agent ? { status: hello.agent.status } : {}) });
    const ids = new Set([
      ...(hello.sessions ?? []).map((s) => s.id),
      ...this.state.chats.filter((c) => !c.closed).map((c) => c.session.id),
    ]);
    for (const s of hello.sessions ?? []) this.ensureChat(s);
    await Promise.all([...ids].map((id) => this.join(socket, id)));
  }

  protected async join(socket: ChatSocket, id: string, fillGap = false): Promise<void> {
    try {
      const { session, messages, notes } = await resume(socket, id, this.chat(id)?.messages ?? [], fillGap);
      this.ensureChat(session);
      this.applySession(session);
      this.merge(id, messages);
      this.addNotes(id, notes ?? []);
    } catch (e) {
      this.updateChat(id, (c) => ({ ...c, error: errorText(e, "Could not load the chat.") }));
    }
  }

  protected ensureChat(session: Session): void {
    if (this.chat(session.id)) return;
    this.set({ chats: [...this.state.chats, newChat(session)], selectedId: this.state.selectedId ?? session.id });
  }

  // ---- server events ----------------------------------------------------

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

  private updateQueuePreview(m: Message): void {
    if (!this.state.queue.some((q) => q.sessionId === m.sessionId)) return;
    this.set({
      queue: this.state.queue.map((q) =>
        q.sessionId === m.sessionId
          ? { ...q, preview: [...(q.preview ?? []).filter((p) => p.id !== m.id), m].slice(-5), lastMessage: m }
          : q,
      ),
    });
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

  protected merge(id: string, incoming: Message[]): void {
    if (!incoming?.length) return;
    const confirmed = confirmedIds(incoming);
    this.updateChat(id, (c) => ({
      ...c,
      messages: mergeBySeq(c.messages, incoming),
      pending: c.pending.filter((p) => !confirmed.has(p.clientMsgId)),
    }));
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

  protected markRead(id: string): void {
    const c = this.chat(id);
    if (!c) return;
    if (c.unread) this.updateChat(id, (x) => ({ ...x, unread: 0 }));
    const last = c.messages[c.messages.length - 1];
    if (last && this.socket?.connected) request(this.socket, "message:read", { sessionId: id, seq: last.seq }).catch(() => undefined);
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

  /** Removes a chat from the list (closed, or no longer mine); the next open one is shown. */
  dismiss(sessionId: string): void {
    const chats = this.state.chats.filter((c) => c.session.id !== sessionId);
    const next = chats.find((c) => !c.closed) ?? chats[0];
    const selectedId = this.state.selectedId === sessionId ? (next?.session.id ?? null) : this.state.selectedId;
    this.set({ chats, selectedId });
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
