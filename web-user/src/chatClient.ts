// The visitor's chat state: identity, the open session, messages in seq order,
// the outbox of unsent messages, and resuming after reloads and reconnects.
// The same client runs the full page (`/`) and the widget's frame
// (`/widget.html`), which keeps its own identity and one session per site.
// React reads it through `subscribe`/`getState` (useStore).
import {
  Connection,
  confirmedIds,
  errorText,
  lastSeq,
  mergeBySeq,
  opensGap,
  Outbox,
  pendingMessage,
  request,
  RequestError,
  resume,
  Store,
  uploadAttachment,
  type Attachment,
  type AttachmentLimits,
  type ChatSocket,
  type ConnectionStatus,
  type Message,
  type PendingMessage,
  type Session,
  type SessionDetails,
  type Uploader,
  type User,
  type VisitorPage,
} from "@webchat/shared";
import { storageKeys, type StorageKeys } from "./storageKeys";
import type { VisitorIdentity } from "./visitorContext";

export type { PendingMessage };
export type EndRequest = "none" | "pending" | "declined";

export interface ChatState {
  /** "form": asking for a name; "chat": a session is shown. */
  view: "form" | "chat";
  starting: boolean;
  connection: ConnectionStatus;
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
  /** Where I stand while queued for an agent (1 = next), with the server's estimate when it has one. */
  queuePosition: { position: number; estimatedWaitSecs: number | null } | null;
  endRequest: EndRequest;
  /** The host site's signed-in user, while the server accepts the identity. */
  identityName: string | null;
  identified: boolean;
  notice: string | null;
  error: string | null;
}

export interface ChatClientDeps {
  storage: Storage;
  open: (getToken: () => string | null) => ChatSocket;
  /** The site the bot answers about (the widget's host page); sent with session:create. */
  site?: string;
  /** Storage namespace: "webchat.user" for the page, "webchat.widget" for the widget. */
  keyPrefix?: string;
  /** The host site's signed-in user (widget/IDENTITY.md); hello then says who they are. */
  identity?: VisitorIdentity | null;
  /** The page the visitor is on, sent as `visitor:page` once the session is created or joined. */
  page?: () => VisitorPage | null;
  /** Where a refused identity is reported; default console.warn. */
  warn?: (message: string) => void;
}

const MAX_CACHED = 500;
const TYPING_CLEAR_MS = 6000;

export class ChatClient extends Store<ChatState> {
  private conn: Connection<ChatSocket>;
  private outbox: Outbox;
  private keys: StorageKeys;
  private wantSession = false;
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private syncing = false;
  private identityRefused = false;
  private hostPage: VisitorPage | null = null;

  constructor(private deps: ChatClientDeps) {
    const keys = storageKeys(deps.keyPrefix ?? "webchat.user", deps.site);
    const sessionId = deps.storage.getItem(keys.session);
    const outbox = readJson<PendingMessage[]>(deps.storage, keys.outbox, []);
    super({
      view: sessionId && deps.storage.getItem(keys.token) ? "chat" : "form",
      starting: false,
      connection: "idle",
      browserOnline: typeof navigator === "undefined" ? true : navigator.onLine !== false,
      user: null,
      displayName: deps.storage.getItem(keys.name) ?? "",
      session: null,
      messages: sessionId ? readJson<Message[]>(deps.storage, keys.messages(sessionId), []) : [],
      pending: sessionId ? outbox.filter((p) => p.sessionId === sessionId) : [],
      typing: null,
      agentJoined: null,
      queuePosition: null,
      endRequest: "none",
      identityName: deps.identity ? (deps.identity.name ?? deps.identity.externalId) : null,
      identified: !!deps.identity,
      notice: null,
      error: null,
    });
    this.keys = keys;
    this.conn = new Connection(() => deps.open(() => this.token), {
      listen: (socket) => this.listen(socket),
      ready: (socket) => this.ready(socket),
      online: () => this.outbox.flush(),
      status: (connection) => this.set(connection === "reconnecting" ? { connection, typing: null } : { connection }),
      refused: () => this.onUnauthorized(),
      failed: (e) => this.set({ error: errorText(e), starting: false }),
    });
    this.outbox = new Outbox({
      socket: () => this.conn.socket,
      waiting: () => this.state.pending,
      sent: (_p, message) => this.mergeMessages([message]),
      refused: (p, error) => {
        this.set({ pending: this.state.pending.map((x) => (x.clientMsgId === p.clientMsgId ? { ...x, error } : x)) });
        this.saveOutbox();
      },
    });
  }

  private get token(): string | null {
    return this.deps.storage.getItem(this.keys.token);
  }

  /** The visitor's token, for reading attachments. */
  get bearer(): string | null {
    return this.token;
  }

  /** Uploads files to the open session; null while there is none or the connection is down. */
  uploader(limits: AttachmentLimits = {}): Uploader | null {
    const s = this.state.session;
    const token = this.token;
    if (!s || s.status === "closed" || !token || !this.conn.socket) return null;
    return (file, onProgress, signal) => uploadAttachment({ file, sessionId: s.id, token, onProgress, signal, limits });
  }

  /** The host page changed (the widget's host navigated): tell the agent. */
  pageChanged(page: VisitorPage): void {
    this.hostPage = page;
    void this.sendPage();
  }

  // ---- public actions -------------------------------------------------

  /** Resumes a stored identity, if any. Call once at start-up. */
  init(): void {
    if (this.token) this.conn.start();
  }

  setBrowserOnline(online: boolean): void {
    this.set({ browserOnline: online });
    if (online && this.conn.raw) this.conn.start();
  }

  /** "Start chat": identify (or resume) and open a new session. */
  start(displayName: string): void {
    const name = displayName.trim() || (this.state.identified ? (this.deps.identity?.name ?? "") : "");
    if (!name && !this.state.identified) {
      this.set({ error: "Please enter your name." });
      return;
    }
    if (name) this.deps.storage.setItem(this.keys.name, name);
    this.wantSession = true;
    this.set({ displayName: name, starting: true, error: null, notice: null });
    if (this.conn.socket) void this.createSession(this.conn.socket);
    else this.conn.start();
  }

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
      const { session } = await request(socket, "handoff:request", { sessionId: s.id });
      this.applySession(session);
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

  dispose(): void {
    this.conn.stop();
    this.outbox.dispose();
  }

  // ---- connection -----------------------------------------------------

  /** After every connect: hello (by identity, else token, else name), rejoin, and the session asked for. */
  private async ready(socket: ChatSocket): Promise<void> {
    const identity = this.identityRefused ? null : (this.deps.identity ?? null);
    const token = this.token;
    if (!identity && !token && !this.state.displayName && !this.wantSession) return;
    let hello = identity ? await this.helloIdentified(socket, identity) : null;
    const name = this.state.displayName;
    if (!hello) {
      const t = this.token;
      const displayName = name || this.deps.identity?.name || "Visitor";
      hello = await request(socket, "hello", t ? { role: "user", token: t } : { role: "user", displayName });
    }
    this.deps.storage.setItem(this.keys.token, hello.token);
    this.set({ user: hello.user, displayName: name || hello.user.displayName });
    await this.rejoin(socket, hello.sessions ?? []);
    if (this.wantSession && !this.state.session) await this.createSession(socket);
  }

  /** Hello as the host's signed-in user; a refused identity (wrong hash) falls back to an anonymous visitor. */
  private async helloIdentified(socket: ChatSocket, identity: VisitorIdentity) {
    try {
      return await request(socket, "hello", { role: "user", identity });
    } catch (e) {
      if (!(e instanceof RequestError && e.code === "unauthorized")) throw e;
      this.identityRefused = true;
      this.set({ identified: false, identityName: null });
      (this.deps.warn ?? console.warn)("Webchat: the server refused the visitor identity (check the hash); chatting as an anonymous visitor.");
      return null;
    }
  }

  /** `visitor:page` for the open session; best effort (the chat works without it). */
  private async sendPage(): Promise<void> {
    const s = this.state.session;
    const socket = this.conn.socket ?? this.conn.raw;
    const page = this.hostPage ?? this.deps.page?.() ?? null;
    if (!s || s.status === "closed" || !socket?.connected || !page?.url) return;
    try {
      await request(socket, "visitor:page", {
        sessionId: s.id,
        url: page.url,
        ...(page.title ? { title: page.title } : {}),
        ...(page.referrer ? { referrer: page.referrer } : {}),
      });
    } catch {
      // the agent just does not see the page
    }
  }

  /** Rejoins the stored (or the latest open) session from the last seq we hold. */
  private async rejoin(socket: ChatSocket, open: Session[]): Promise<void> {
    const stored = this.deps.storage.getItem(this.keys.session);
    let id = this.state.session?.id ?? stored;
    if (!id && open.length && !this.wantSession && !this.deps.site) id = open[open.length - 1].id;
    if (!id) return;
    const known = this.state.session?.id === id || stored === id;
    try {
      const { session, messages } = await resume(socket, id, known ? this.state.messages : []);
      if (this.state.session?.id !== session.id) this.adopt(session, known && lastSeq(this.state.messages) > 0);
      this.applySession(session);
      this.mergeMessages(messages);
      this.set({ view: "chat" });
      void this.sendPage();
    } catch (e) {
      if (e instanceof RequestError && (e.code === "not_found" || e.code === "forbidden")) {
        this.forgetSession();
        this.set({ view: "form" });
      } else throw e;
    }
  }

  private async createSession(socket: ChatSocket): Promise<void> {
    this.wantSession = false;
    try {
      const site = this.deps.site;
      const { session } = await request(socket, "session:create", site ? { site } : {});
      this.adopt(session, false);
      this.applySession(session);
      this.set({ view: "chat", starting: false });
      void this.sendPage();
    } catch (e) {
      this.set({ error: errorText(e), starting: false });
    }
  }

  private onUnauthorized(): void {
    // The stored token is no longer valid: drop it and start over.
    this.deps.storage.removeItem(this.keys.token);
    const hadChat = this.state.view === "chat";
    this.forgetSession();
    this.set({
      view: "form",
      connection: "idle",
      user: null,
      notice: hadChat ? "Your previous chat could not be resumed. Please start a new one." : null,
    });
    if (this.wantSession) this.conn.start();
  }

  // ---- server events --------------------------------------------------

  private listen(socket: ChatSocket): void {
    const mine = (sessionId: string) => sessionId === this.state.session?.id;
    socket.on("message:history", ({ sessionId, messages }) => {
      if (mine(sessionId)) this.mergeMessages(messages);
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
    socket.on("typing", ({ sessionId, senderType, isTyping }) => {
      if (!mine(sessionId) || senderType === "user") return;
      const who = senderType === "agent" ? (this.state.session?.agentDisplayName ?? "The agent") : "The assistant";
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

  // ---- state helpers --------------------------------------------------

  private adopt(session: Session, keepMessages: boolean): void {
    this.deps.storage.setItem(this.keys.session, session.id);
    this.set({
      session,
      messages: keepMessages ? this.state.messages : [],
      pending: this.state.pending.filter((p) => p.sessionId === session.id),
      endRequest: "none",
      agentJoined: null,
      queuePosition: null,
    });
  }

  private applySession(session: Session): void {
    const prev = this.state.session;
    const patch: Partial<ChatState> = { session };
    if (session.status === "active_with_agent" && session.agentDisplayName) {
      patch.agentJoined = session.agentDisplayName;
    }
    if (session.status === "queued_for_agent") {
      // back in the queue (the agent left): no one is with me now
      patch.agentJoined = null;
      const position = (session as Partial<SessionDetails>).queuePosition;
      if (position && !this.state.queuePosition) patch.queuePosition = { position, estimatedWaitSecs: null };
    } else {
      patch.queuePosition = null;
    }
    if (session.status === "closed") {
      patch.endRequest = "none";
      patch.typing = null;
      if (prev?.status !== "closed") this.deps.storage.removeItem(this.keys.session);
    }
    this.set(patch);
  }

  private mergeMessages(incoming: Message[]): void {
    if (!incoming.length) return;
    const messages = mergeBySeq(this.state.messages, incoming);
    const confirmed = confirmedIds(incoming);
    const pending = this.state.pending.filter((p) => !confirmed.has(p.clientMsgId));
    const outboxChanged = pending.length !== this.state.pending.length;
    this.set({ messages, pending });
    if (outboxChanged) this.saveOutbox();
    const s = this.state.session;
    if (s) this.deps.storage.setItem(this.keys.messages(s.id), JSON.stringify(messages.slice(-MAX_CACHED)));
  }

  private forgetSession(): void {
    const s = this.state.session?.id ?? this.deps.storage.getItem(this.keys.session);
    if (s) this.deps.storage.removeItem(this.keys.messages(s));
    this.deps.storage.removeItem(this.keys.session);
    this.set({ session: null, messages: [], pending: [], typing: null, agentJoined: null, queuePosition: null, endRequest: "none" });
    this.saveOutbox();
  }

  private saveOutbox(): void {
    const keep = this.state.pending.filter((p) => !p.error);
    if (keep.length) this.deps.storage.setItem(this.keys.outbox, JSON.stringify(keep));
    else this.deps.storage.removeItem(this.keys.outbox);
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
