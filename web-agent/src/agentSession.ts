// The agent's login and connection: the stored token, logging in (also by
// accepting an invitation) and out (and out again when the server refuses
// the token), and after every connect hello and rejoining each open chat
// from its last seq. The server's events are heard in agentEvents.ts.
import {
  Connection,
  errorText,
  loginErrorText,
  Outbox,
  request,
  RestClient,
  resume,
  type ChatSocket,
  type User,
} from "@webchat/shared";
import { AgentChats } from "./agentChats";
import { K, signedOutWork, type AgentClientDeps } from "./agentState";

const EXPIRED = "Your login has expired. Please log in again.";

export abstract class AgentSession extends AgentChats {
  private conn: Connection<ChatSocket>;
  protected outbox: Outbox;

  constructor(deps: AgentClientDeps) {
    super(deps);
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

  /** Once, when the socket is made: subscribe to the server's events. */
  protected abstract listen(socket: ChatSocket): void;

  protected get token(): string | null {
    return this.deps.storage.getItem(K.token);
  }

  /** The login's token, for the workspace's REST calls. */
  get bearer(): string | null {
    return this.token;
  }

  protected get socket(): ChatSocket | null {
    return this.conn.raw;
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
      this.signIn(token, user);
    } catch (e) {
      this.set({ auth: "loggedOut", loginError: loginErrorText(e) });
    }
  }

  /**
   * Starts the signed-in app with a token the server just gave (a login, or
   * an accepted invitation): stored like every login, replacing the one this
   * browser had, whose connection and work end here.
   */
  signIn(token: string, user: User): void {
    this.conn.stop();
    this.deps.storage.setItem(K.token, token);
    this.set({ auth: "loggedIn", loginError: null, user, connection: "idle", ...signedOutWork() });
    this.conn.start();
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
}
