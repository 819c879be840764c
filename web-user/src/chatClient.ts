// The visitor's chat state: identity, the open session, messages in seq order,
// the outbox of unsent messages, and resuming after reloads and reconnects.
// React reads it through `subscribe`/`getState` (useSyncExternalStore).
import type { Message, Session, User } from "./protocol";
import { newId, request, RequestError, type ChatSocket } from "./socket";

export type Connection = "idle" | "connecting" | "online" | "reconnecting";
export type EndRequest = "none" | "pending" | "declined";

export interface PendingMessage {
  clientMsgId: string;
  sessionId: string;
  text: string;
  createdAt: string;
  /** Set when the server refused the message for good. */
  error?: string;
}

export interface ChatState {
  /** "form": asking for a name; "chat": a session is shown. */
  view: "form" | "chat";
  starting: boolean;
  connection: Connection;
  browserOnline: boolean;
  user: User | null;
  displayName: string;
  session: Session | null;
  messages: Message[];
  pending: PendingMessage[];
  /** Who is typing on the other side, if anyone. */
  typing: string | null;
  /** Name of the agent who joined (banner). */
  agentJoined: string | null;
  endRequest: EndRequest;
  notice: string | null;
  error: string | null;
}

export interface ChatClientDeps {
  storage: Storage;
  open: (getToken: () => string | null) => ChatSocket;
}

const K = {
  token: "webchat.user.token",
  name: "webchat.user.name",
  session: "webchat.user.session",
  outbox: "webchat.user.outbox",
  messages: (id: string) => `webchat.user.messages.${id}`,
};
const MAX_CACHED = 500;
const RETRY_MS = 3000;
const TYPING_CLEAR_MS = 6000;

export class ChatClient {
  private state: ChatState;
  private listeners = new Set<() => void>();
  private socket: ChatSocket | null = null;
  private helloDone = false;
  private wantSession = false;
  private inFlight = new Set<string>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private syncing = false;

  constructor(private deps: ChatClientDeps) {
    const sessionId = deps.storage.getItem(K.session);
    const outbox = readJson<PendingMessage[]>(deps.storage, K.outbox, []);
    this.state = {
      view: sessionId && this.token ? "chat" : "form",
      starting: false,
      connection: "idle",
      browserOnline: typeof navigator === "undefined" ? true : navigator.onLine !== false,
      user: null,
      displayName: deps.storage.getItem(K.name) ?? "",
      session: null,
      messages: sessionId ? readJson<Message[]>(deps.storage, K.messages(sessionId), []) : [],
      pending: sessionId ? outbox.filter((p) => p.sessionId === sessionId) : [],
      typing: null,
      agentJoined: null,
      endRequest: "none",
      notice: null,
      error: null,
    };
  }

  // ---- store plumbing -------------------------------------------------

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getState = (): ChatState => this.state;

  private set(patch: Partial<ChatState>): void {
    this.state = { ...this.state, ...patch };
    this.listeners.forEach((fn) => fn());
  }

  private get token(): string | null {
    return this.deps.storage.getItem(K.token);
  }

  private get lastSeq(): number {
    const m = this.state.messages;
    return m.length ? m[m.length - 1].seq : 0;
  }

  // ---- public actions -------------------------------------------------

  /** Resumes a stored identity, if any. Call once at start-up. */
  init(): void {
    if (this.token) this.connect();
  }

  setBrowserOnline(online: boolean): void {
    this.set({ browserOnline: online });
    if (online && this.socket && !this.socket.connected) this.socket.connect();
  }

  /** "Start chat": identify (or resume) and open a new session. */
  start(displayName: string): void {
    const name = displayName.trim();
    if (!name) {
      this.set({ error: "Please enter your name." });
      return;
    }
    this.deps.storage.setItem(K.name, name);
    this.wantSession = true;
    this.set({ displayName: name, starting: true, error: null, notice: null });
    if (this.socket?.connected && this.helloDone) void this.createSession();
    else this.connect();
  }

  send(text: string): void {
    const session = this.state.session;
    const body = text.trim();
    if (!session || session.status === "closed" || !body) return;
    const p: PendingMessage = {
      clientMsgId: newId(),
      sessionId: session.id,
      text: body.slice(0, 4000),
      createdAt: new Date().toISOString(),
    };
    this.set({ pending: [...this.state.pending, p] });
    this.saveOutbox();
    this.setTyping(false);
    void this.trySend(p);
  }

  discard(clientMsgId: string): void {
    this.set({ pending: this.state.pending.filter((p) => p.clientMsgId !== clientMsgId) });
    this.saveOutbox();
  }

  async requestHuman(): Promise<void> {
    const s = this.state.session;
    if (!s || !this.socket) return;
    try {
      const { session } = await request(this.socket, "handoff:request", { sessionId: s.id });
      this.applySession(session);
    } catch (e) {
      this.set({ error: errorText(e) });
    }
  }

  /** "End chat": asks the agent when one is assigned, else closes at once. */
  async endChat(): Promise<void> {
    const s = this.state.session;
    if (!s || !this.socket || s.status === "closed") return;
    try {
      if (s.status === "active_with_agent") {
        await request(this.socket, "session:end:request", { sessionId: s.id });
        this.set({ endRequest: "pending", error: null });
      } else {
        const { session } = await request(this.socket, "session:close", { sessionId: s.id });
        this.applySession(session);
      }
    } catch (e) {
      this.set({ error: errorText(e) });
    }
  }

  /** After a chat closed: back to the start form, keeping the name. */
  newChat(): void {
    this.forgetSession();
    this.set({ view: "form", notice: null, error: null });
  }

  setTyping(isTyping: boolean): void {
    const s = this.state.session;
    if (!s || !this.socket?.connected || s.status === "closed") return;
    this.socket.emit("typing", { sessionId: s.id, isTyping });
  }

  dispose(): void {
    this.socket?.disconnect();
    this.socket = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  // ---- connection -----------------------------------------------------

  private connect(): void {
    if (this.socket) {
      if (!this.socket.connected) this.socket.connect();
      return;
    }
    this.set({ connection: "connecting" });
    const socket = this.deps.open(() => this.token);
    this.socket = socket;
    socket.on("connect", () => void this.onConnected(socket));
    socket.on("disconnect", (reason) => {
      this.helloDone = false;
      this.set({ connection: "reconnecting", typing: null });
      // The server closed us on purpose (e.g. a restart): socket.io will not retry by itself.
      if (reason === "io server disconnect") setTimeout(() => socket.connect(), 1000);
    });
    socket.on("connect_error", (err) => {
      if (/^unauthorized/i.test(err.message)) this.onUnauthorized();
      else this.set({ connection: "reconnecting" });
    });
    socket.io.on("reconnect_attempt", () => this.set({ connection: "reconnecting" }));
    this.listen(socket);
  }

  private async onConnected(socket: ChatSocket): Promise<void> {
    try {
      const token = this.token;
      const name = this.state.displayName;
      if (!token && !name) return;
      const hello = await request(
        socket,
        "hello",
        token ? { role: "user", token } : { role: "user", displayName: name },
      );
      this.deps.storage.setItem(K.token, hello.token);
      this.helloDone = true;
      this.set({ user: hello.user, connection: "online", displayName: name || hello.user.displayName });
      await this.resume(hello.sessions ?? []);
      if (this.wantSession && !this.state.session) await this.createSession();
      this.flushOutbox();
    } catch (e) {
      if (e instanceof RequestError && e.code === "unauthorized") this.onUnauthorized();
      else this.set({ error: errorText(e), starting: false });
    }
  }

  /** Rejoins the stored (or the latest open) session from the last seq we hold. */
  private async resume(open: Session[]): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    let id = this.state.session?.id ?? this.deps.storage.getItem(K.session);
    if (!id && open.length && !this.wantSession) id = open[open.length - 1].id;
    if (!id) return;
    try {
      const afterSeq = this.state.session?.id === id || this.deps.storage.getItem(K.session) === id ? this.lastSeq : 0;
      const { session, messages } = await request(socket, "session:join", {
        sessionId: id,
        ...(afterSeq > 0 ? { afterSeq } : {}),
      });
      if (this.state.session?.id !== session.id) this.adopt(session, afterSeq > 0);
      this.applySession(session);
      this.mergeMessages(messages);
      this.set({ view: "chat" });
    } catch (e) {
      if (e instanceof RequestError && (e.code === "not_found" || e.code === "forbidden")) {
        this.forgetSession();
        this.set({ view: "form" });
      } else throw e;
    }
  }

  private async createSession(): Promise<void> {
    if (!this.socket) return;
    this.wantSession = false;
    try {
      const { session } = await request(this.socket, "session:create", {});
      this.adopt(session, false);
      this.applySession(session);
      this.set({ view: "chat", starting: false });
    } catch (e) {
      this.set({ error: errorText(e), starting: false });
    }
  }

  private onUnauthorized(): void {
    // The stored token is no longer valid: drop it and start over.
    this.socket?.disconnect();
    this.socket = null;
    this.helloDone = false;
    this.deps.storage.removeItem(K.token);
    const hadChat = this.state.view === "chat";
    this.forgetSession();
    this.set({
      view: "form",
      connection: "idle",
      user: null,
      notice: hadChat ? "Your previous chat could not be resumed. Please start a new one." : null,
    });
    if (this.wantSession) this.connect();
  }

  // ---- server events --------------------------------------------------

  private listen(socket: ChatSocket): void {
    socket.on("message:history", ({ sessionId, messages }) => {
      if (sessionId === this.state.session?.id) this.mergeMessages(messages);
    });
    socket.on("message:new", (m) => {
      if (m.sessionId !== this.state.session?.id) return;
      const gap = m.seq > this.lastSeq + 1 && this.lastSeq > 0;
      this.mergeMessages([m]);
      if (m.senderType !== "user") this.set({ typing: null });
      if (gap) void this.resync();
    });
    socket.on("session:update", (s) => {
      if (s.id === this.state.session?.id) this.applySession(s);
    });
    socket.on("handoff:accepted", ({ sessionId, agent }) => {
      const s = this.state.session;
      if (!s || s.id !== sessionId) return;
      this.applySession({ ...s, status: "active_with_agent", agentId: agent.id, agentDisplayName: agent.displayName });
    });
    socket.on("session:end:declined", ({ sessionId }) => {
      if (sessionId === this.state.session?.id) this.set({ endRequest: "declined" });
    });
    socket.on("session:closed", ({ sessionId }) => {
      const s = this.state.session;
      if (s && s.id === sessionId) this.applySession({ ...s, status: "closed" });
    });
    socket.on("typing", ({ sessionId, senderType, isTyping }) => {
      if (sessionId !== this.state.session?.id || senderType === "user") return;
      const who =
        senderType === "agent" ? (this.state.session?.agentDisplayName ?? "The agent") : "The assistant";
      this.set({ typing: isTyping ? who : null });
      if (this.typingTimer) clearTimeout(this.typingTimer);
      if (isTyping) this.typingTimer = setTimeout(() => this.set({ typing: null }), TYPING_CLEAR_MS);
    });
  }

  /** Fills a gap in seq by rejoining from the last contiguous message. */
  private async resync(): Promise<void> {
    const s = this.state.session;
    if (!s || !this.socket || this.syncing) return;
    this.syncing = true;
    try {
      let seq = 0;
      for (const m of this.state.messages) {
        if (m.seq !== seq + 1) break;
        seq = m.seq;
      }
      const { messages } = await request(this.socket, "session:join", { sessionId: s.id, afterSeq: seq });
      this.mergeMessages(messages);
    } catch {
      // the next reconnect resumes anyway
    } finally {
      this.syncing = false;
    }
  }

  // ---- state helpers --------------------------------------------------

  private adopt(session: Session, keepMessages: boolean): void {
    this.deps.storage.setItem(K.session, session.id);
    this.set({
      session,
      messages: keepMessages ? this.state.messages : [],
      pending: this.state.pending.filter((p) => p.sessionId === session.id),
      endRequest: "none",
      agentJoined: null,
    });
  }

  private applySession(session: Session): void {
    const prev = this.state.session;
    const patch: Partial<ChatState> = { session };
    if (session.status === "active_with_agent" && session.agentDisplayName) {
      patch.agentJoined = session.agentDisplayName;
    }
    if (session.status === "closed") {
      patch.endRequest = "none";
      patch.typing = null;
      if (prev?.status !== "closed") this.deps.storage.removeItem(K.session);
    }
    this.set(patch);
  }

  private mergeMessages(incoming: Message[]): void {
    if (!incoming.length) return;
    const bySeq = new Map(this.state.messages.map((m) => [m.seq, m]));
    for (const m of incoming) bySeq.set(m.seq, { ...bySeq.get(m.seq), ...m });
    const messages = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    const delivered = new Set(incoming.map((m) => m.clientMsgId).filter(Boolean));
    const pending = this.state.pending.filter((p) => !delivered.has(p.clientMsgId));
    const outboxChanged = pending.length !== this.state.pending.length;
    this.set({ messages, pending });
    if (outboxChanged) this.saveOutbox();
    const s = this.state.session;
    if (s) this.deps.storage.setItem(K.messages(s.id), JSON.stringify(messages.slice(-MAX_CACHED)));
  }

  private forgetSession(): void {
    const s = this.state.session?.id ?? this.deps.storage.getItem(K.session);
    if (s) this.deps.storage.removeItem(K.messages(s));
    this.deps.storage.removeItem(K.session);
    this.set({
      session: null,
      messages: [],
      pending: [],
      typing: null,
      agentJoined: null,
      endRequest: "none",
    });
    this.saveOutbox();
  }

  // ---- outbox ---------------------------------------------------------

  private saveOutbox(): void {
    const keep = this.state.pending.filter((p) => !p.error);
    if (keep.length) this.deps.storage.setItem(K.outbox, JSON.stringify(keep));
    else this.deps.storage.removeItem(K.outbox);
  }

  private flushOutbox(): void {
    for (const p of this.state.pending) if (!p.error) void this.trySend(p);
  }

  private async trySend(p: PendingMessage): Promise<void> {
    const socket = this.socket;
    if (!socket?.connected || !this.helloDone || this.inFlight.has(p.clientMsgId)) return;
    this.inFlight.add(p.clientMsgId);
    try {
      const { message } = await request(socket, "message:send", {
        sessionId: p.sessionId,
        text: p.text,
        clientMsgId: p.clientMsgId,
      });
      this.mergeMessages([{ ...message, clientMsgId: message.clientMsgId ?? p.clientMsgId }]);
    } catch (e) {
      if (e instanceof RequestError && !e.retriable) {
        this.set({
          pending: this.state.pending.map((x) =>
            x.clientMsgId === p.clientMsgId ? { ...x, error: e.message || "Not sent." } : x,
          ),
        });
        this.saveOutbox();
      } else this.scheduleRetry();
    } finally {
      this.inFlight.delete(p.clientMsgId);
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.flushOutbox();
    }, RETRY_MS);
  }
}

function readJson<T>(storage: Storage, key: string, fallback: T): T {
  try {
    const raw = storage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : "Something went wrong.";
}
