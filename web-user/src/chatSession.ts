// The visitor's identity and connection: the stored token, hello after every
// connect (as the host's signed-in user, by token, or by name), rejoining the
// stored session from the last seq held, creating a session on "Start chat",
// the host page sent as `visitor:page`, whether someone can answer (asked
// once at start-up, then told by the server), and starting over when the
// server no longer knows the token; a bot answer being written is dropped
// when the connection goes. What the server sends is heard in chatClient.ts.
import {
  Connection,
  errorText,
  lastSeq,
  Outbox,
  request,
  RequestError,
  resume,
  type ChatSocket,
  type Session,
  type VisitorPage,
} from "@webchat/shared";
import { ChatTranscript } from "./chatTranscript";
import type { ChatClientDeps } from "./chatState";
import type { VisitorIdentity } from "./visitorContext";

export abstract class ChatSession extends ChatTranscript {
  protected conn: Connection<ChatSocket>;
  protected outbox: Outbox;
  private wantSession = false;
  private identityRefused = false;
  private hostPage: VisitorPage | null = null;

  constructor(deps: ChatClientDeps) {
    super(deps);
    this.conn = new Connection(() => deps.open(() => this.token), {
      listen: (socket) => this.listen(socket),
      ready: (socket) => this.ready(socket),
      online: () => this.outbox.flush(),
      status: (connection) => {
        // what was being written while the connection dropped is not coming back piece by piece
        if (connection !== "online") this.dropDrafts();
        this.set(connection === "reconnecting" ? { connection, typing: null } : { connection });
      },
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

  /** Once, when the socket is made: subscribe to the server's events. */
  protected abstract listen(socket: ChatSocket): void;

  protected get token(): string | null {
    return this.deps.storage.getItem(this.keys.token);
  }

  /** The visitor's token, for reading attachments. */
  get bearer(): string | null {
    return this.token;
  }

  /** The host page changed (the widget's host navigated): tell the agent. */
  pageChanged(page: VisitorPage): void {
    this.hostPage = page;
    void this.sendPage();
  }

  /** Resumes a stored identity, if any, and asks whether someone can answer. Call once at start-up. */
  init(): void {
    if (this.token) this.conn.start();
    this.deps.availability?.().then(
      (availability) => {
        if (!this.state.availability) this.set({ availability }); // what the socket said meanwhile is newer
      },
      () => undefined, // the page just says nothing about it until the socket does
    );
  }

  setBrowserOnline(online: boolean): void {
    this.set({ browserOnline: online });
    if (online && this.conn.raw) this.conn.start();
  }

  /** "Start chat": identify (or resume) and open a new session. */
  start(displayName: string): void {
    const name = displayName.trim() || (this.state.identified ? (this.deps.identity?.name ?? "") : "");
    if (!name && !this.state.identified) {
      this.set({ notice: "nameRequired" });
      return;
    }
    if (name) this.deps.storage.setItem(this.keys.name, name);
    this.wantSession = true;
    this.set({ displayName: name, starting: true, error: null, notice: null });
    if (this.conn.socket) void this.createSession(this.conn.socket);
    else this.conn.start();
  }

  dispose(): void {
    this.conn.stop();
    this.outbox.dispose();
    this.dropDrafts();
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
      hello = await request(socket, "hello", { ...(t ? { role: "user", token: t } : { role: "user", displayName }), ...this.locale });
    }
    this.deps.storage.setItem(this.keys.token, hello.token);
    this.set({ user: hello.user, displayName: name || hello.user.displayName, ...(hello.availability ? { availability: hello.availability } : {}) });
    await this.rejoin(socket, hello.sessions ?? []);
    if (this.wantSession && !this.state.session) await this.createSession(socket);
  }

  /** Hello as the host's signed-in user; a refused identity (wrong hash) falls back to an anonymous visitor. */
  private async helloIdentified(socket: ChatSocket, identity: VisitorIdentity) {
    try {
      return await request(socket, "hello", { role: "user", identity, ...this.locale });
    } catch (e) {
      if (!(e instanceof RequestError && e.code === "unauthorized")) throw e;
      this.identityRefused = true;
      this.set({ identified: false, identityName: null });
      (this.deps.warn ?? console.warn)("Webchat: the server refused the visitor identity (check the hash); chatting as an anonymous visitor.");
      return null;
    }
  }

  /** `locale` for hello, when the page chose one. */
  private get locale(): { locale?: string } {
    return this.deps.locale ? { locale: this.deps.locale } : {};
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
      notice: hadChat ? "resumeFailed" : null,
    });
    if (this.wantSession) this.conn.start();
  }
}
