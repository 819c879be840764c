// A team works the queue: chats the server routes to me (`session:assigned`)
// or takes away (`session:unassigned`), long-wait alerts, desktop
// notifications, transfers; and for supervisors and admins, the team's open
// chats, monitoring one silently (also one the address names, as the
// console links it) and taking it over.
import {
  errorText,
  isSupervising,
  monitorSession,
  transferSession,
  type ChatSocket,
  type Session,
  type SessionAssigned,
  type SessionUnassigned,
} from "@webchat/shared";
import { AgentClient } from "./agentClient";
import { K, newChat, type AgentClientDeps } from "./agentState";
import { browserNotifier, type Notifier } from "./notify";
import { applyTeamSession, sortTeam, unassignedText, upsert, waitText } from "./team";
import { restTeamApi, type TeamApi } from "./teamApi";

/** How long after taking a chat over its own `session:assigned` stays quiet. */
const QUIET_MS = 5000;

const ONLY_SUPERVISORS = "Only supervisors and admins can monitor chats.";

export class TeamClient extends AgentClient {
  private notifier: Notifier;
  private api: TeamApi;
  /** Chats I am taking over: their `session:assigned` neither chimes nor notifies. */
  private quiet = new Set<string>();
  /** The chat the address asks to monitor, until the first hello after logging in. */
  private link: { sessionId: string; done: () => void } | null = null;

  constructor(deps: AgentClientDeps) {
    super(deps);
    this.notifier = deps.notifier ?? browserNotifier();
    this.api = deps.api ?? restTeamApi(() => this.token);
    this.state = { ...this.state, notifications: this.notifier.permission() };
  }

  /** Supervisors and admins see the team's chats. */
  get supervising(): boolean {
    return isSupervising(this.state.user?.role);
  }

  protected override async ready(socket: ChatSocket): Promise<void> {
    await super.ready(socket);
    const watched = this.state.watch?.session.id;
    if (watched) await this.rewatch(socket, watched);
    if (this.state.view === "team") void this.loadTeam();
    const link = this.link;
    if (link) {
      this.link = null;
      await this.openLink(link.sessionId);
      link.done();
    }
  }

  protected override listen(socket: ChatSocket): void {
    super.listen(socket);
    socket.on("agent:update", (agent) => this.set({ agents: upsert(this.state.agents, agent) }));
    socket.on("session:assigned", (p) => this.onAssigned(socket, p));
    socket.on("session:unassigned", (p) => this.onUnassigned(p));
    socket.on("queue:alert", ({ sessionId, waitingSecs }) => this.onAlert(sessionId, waitingSecs));
    socket.on("session:update", (s) => {
      if (this.supervising) this.set({ team: sortTeam(applyTeamSession(this.state.team, s)) });
    });
    socket.on("session:closed", ({ sessionId }) => this.set({ team: this.state.team.filter((s) => s.id !== sessionId) }));
  }

  // ---- routing ----------------------------------------------------------

  /** A chat routed to me: in My chats at once, opened when nothing else is, with a chime and a notification. */
  private onAssigned(socket: ChatSocket, { session, messages, note, from }: SessionAssigned): void {
    const id = session.id;
    const known = !!this.chat(id);
    const quiet = this.quiet.has(id);
    const current = this.chat(this.state.selectedId);
    const opens = !current || !!current.closed;
    this.ensureChat(session);
    this.applySession(session);
    this.merge(id, messages ?? []);
    if (note) this.addNotes(id, [note]);
    const shown = opens && this.state.view === "chats" && !this.deps.isHidden?.();
    this.updateChat(id, (c) => ({
      ...c,
      isNew: !shown && !known,
      transfer: note || from ? { from: from ?? null, note: note ?? null } : c.transfer,
    }));
    if (opens) this.set({ selectedId: id });
    this.dropFromQueue(id);
    this.set({ team: applyTeamSession(this.state.team, session) });
    if (!known && !quiet) {
      this.announce(`New chat from ${session.userDisplayName}`);
      this.notifyArrival(id, session.userDisplayName);
    }
    // the rest of the chat's notes, and its room after a reconnect
    void this.join(socket, id);
  }

  private onUnassigned({ sessionId, reason }: SessionUnassigned): void {
    const chat = this.chat(sessionId);
    if (!chat) return;
    this.dismiss(sessionId);
    this.showNotice(unassignedText(chat.session.userDisplayName, reason));
  }

  private onAlert(sessionId: string, waitingSecs: number): void {
    const item = this.state.queue.find((q) => q.sessionId === sessionId);
    const unseen = this.state.unseenAlerts.includes(sessionId) ? this.state.unseenAlerts : [...this.state.unseenAlerts, sessionId];
    this.set({ alerts: { ...this.state.alerts, [sessionId]: waitingSecs }, unseenAlerts: unseen });
    this.announce(`${item?.userDisplayName ?? "A visitor"} has waited ${waitText(waitingSecs)}`);
  }

  private notifyArrival(id: string, visitor: string): void {
    if (this.state.notifications !== "granted") return;
    const away = this.deps.isHidden?.() || this.deps.hasFocus?.() === false;
    if (!away) return;
    this.notifier.show(`New chat from ${visitor}`, { body: "Click to open the chat.", tag: `webchat-chat-${id}` }, () =>
      this.select(id),
    );
  }

  // ---- desktop notifications -------------------------------------------

  /** Asks the browser for permission; call it from the agent's click. */
  async enableNotifications(): Promise<void> {
    this.set({ notifications: await this.notifier.request() });
  }

  /** "Not now": the offer is not shown again on this browser. */
  dismissNotifications(): void {
    this.deps.storage.setItem(K.noNotify, "1");
    this.set({ notificationsDismissed: true });
  }

  // ---- transfer ---------------------------------------------------------

  /** The team with presence and load, for the transfer dialog; `agent:update` keeps it live. */
  async loadAgents(): Promise<void> {
    try {
      this.set({ agents: await this.api.agents(), agentsError: null });
    } catch (e) {
      this.set({ agentsError: errorText(e, "Could not load the team.") });
    }
  }

  /** Hands a chat to another agent; resolves with the server's message when refused, null when done. */
  async transfer(sessionId: string, toAgentId: string, note?: string): Promise<string | null> {
    if (toAgentId === this.state.user?.id) return this.takeOver(sessionId);
    if (!this.socket) return "You are offline. Try again once the connection is back.";
    try {
      const session = await transferSession(this.socket, sessionId, toAgentId, note);
      const visitor = this.chat(sessionId)?.session.userDisplayName ?? session.userDisplayName;
      const to = this.state.agents.find((a) => a.id === toAgentId)?.displayName ?? session.agentDisplayName ?? "another agent";
      this.dismiss(sessionId);
      this.set({ team: applyTeamSession(this.state.team, session) });
      this.showNotice(`The chat with ${visitor} was transferred to ${to}.`);
      return null;
    } catch (e) {
      return errorText(e, "Could not transfer the chat.");
    }
  }

  /** A supervisor takes a chat: transferred to me, it becomes one of my chats. */
  async takeOver(sessionId: string): Promise<string | null> {
    const me = this.state.user?.id;
    if (!this.socket || !me) return "You are offline. Try again once the connection is back.";
    const socket = this.socket;
    this.quiet.add(sessionId);
    try {
      const session = await transferSession(socket, sessionId, me);
      const watched = this.state.watch?.session.id === sessionId ? this.state.watch : null;
      if (!this.chat(sessionId)) {
        const chat = watched ? { ...watched, session } : newChat(session);
        this.set({ chats: [...this.state.chats, chat] });
      }
      this.applySession(session);
      this.set({ watch: watched ? null : this.state.watch, team: applyTeamSession(this.state.team, session), teamError: null });
      this.select(sessionId);
      void this.join(socket, sessionId);
      setTimeout(() => this.quiet.delete(sessionId), QUIET_MS);
      return null;
    } catch (e) {
      this.quiet.delete(sessionId);
      const message = errorText(e, "Could not take the chat over.");
      this.set({ teamError: message });
      return message;
    }
  }

  // ---- supervision ------------------------------------------------------

  /** Back to my chats; the open one counts as seen (no "New" tag left on it). */
  showChats(): void {
    const id = this.state.selectedId;
    if (id) this.select(id);
    else this.set({ view: "chats" });
  }

  /** The team's open chats (supervisors): listed now, kept live by `session:update`. */
  showTeam(): void {
    this.set({ view: "team" });
    void this.loadTeam();
  }

  async loadTeam(): Promise<void> {
    try {
      const [active, queued] = await Promise.all([this.api.sessions("active_with_agent"), this.api.sessions("queued_for_agent")]);
      let team: Session[] = [];
      for (const s of [...queued, ...active]) team = applyTeamSession(team, s);
      this.set({ team: sortTeam(team), teamError: null });
    } catch (e) {
      this.set({ teamError: errorText(e, "Could not load the team's chats.") });
    }
  }

  /** Joins a chat silently (supervisors): its messages, notes and changes, read-only. Resolves with the refusal, null when done. */
  async monitor(sessionId: string): Promise<string | null> {
    if (!this.socket) return "You are offline. Try again once the connection is back.";
    try {
      const { session, messages, notes } = await monitorSession(this.socket, sessionId);
      this.set({ watch: { ...newChat(session), messages, notes }, view: "monitor", teamError: null });
      return null;
    } catch (e) {
      const message = errorText(e, "Could not monitor the chat.");
      this.set({ teamError: message });
      return message;
    }
  }

  /**
   * A chat named in the address (`?monitor=<id>`): opened in monitoring mode
   * after the next hello (so once logged in), then `done` (which takes it
   * out of the address).
   */
  monitorFromLink(sessionId: string, done: () => void): void {
    this.link = { sessionId, done };
  }

  /** Agents are told monitoring is not theirs; my own chat opens as usual; a refusal shows on the team's list. */
  private async openLink(sessionId: string): Promise<void> {
    if (!this.supervising) return this.showNotice(ONLY_SUPERVISORS);
    if (this.chat(sessionId)) return this.select(sessionId);
    const refused = await this.monitor(sessionId);
    if (!refused) return;
    await this.loadTeam();
    this.set({ view: "team", teamError: `Could not monitor the chat you opened: ${refused}` });
  }

  /** Back to the team's list; the server keeps sending until the next reconnect, which is harmless. */
  stopMonitoring(): void {
    this.set({ watch: null, view: "team" });
  }

  /** After a reconnect: monitor the same chat again, keeping what was read. */
  private async rewatch(socket: ChatSocket, sessionId: string): Promise<void> {
    try {
      const { session, messages, notes } = await monitorSession(socket, sessionId);
      this.applySession(session);
      this.merge(sessionId, messages);
      this.addNotes(sessionId, notes);
    } catch (e) {
      this.updateChat(sessionId, (c) => ({ ...c, error: errorText(e, "Could not monitor the chat.") }));
    }
  }
}
