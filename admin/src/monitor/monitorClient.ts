// The live monitor's state, from the read-only `/admin` namespace: every
// session, the counters (`admin:stats` every 5 s), the summaries, the
// filters the operator set (kept while moving between pages), and the
// transcript of the session the operator follows (loaded over HTTP, then
// kept live by `admin:message:new`). The team (`GET /api/agents`, kept live
// by `admin:agent:update`) is also what the People page adds to and changes;
// crawls' progress (`ingest:progress`) is what the Knowledge page follows.
import {
  Connection,
  errorText,
  mergeBySeq,
  Store,
  type AdminServerEvents,
  type Agent,
  type AgentChanges,
  type NewAgent,
  type AdminSession,
  type ConnectionStatus,
  type IngestProgressEvent,
  type Message,
  type RestClient,
  type Stats,
  type Summary,
} from "@webchat/shared";
import type { Socket } from "socket.io-client";
import { NO_FILTERS, type MonitorFilters } from "./filters";

export type AdminSocket = Socket<AdminServerEvents, Record<string, never>>;

export interface MonitorState {
  connection: ConnectionStatus;
  sessions: ReadonlyMap<string, AdminSession>;
  stats: Stats;
  summaries: ReadonlyMap<string, Summary>;
  selectedId: string | null;
  transcript: Message[];
  transcriptError: string | null;
  filters: MonitorFilters;
  /** The team with each one's status and load, kept live by `admin:agent:update`. */
  agents: ReadonlyMap<string, Agent>;
  teamError: string | null;
  /** The latest `ingest:progress` of each crawl since connecting, by job id. */
  ingest: ReadonlyMap<string, IngestProgressEvent>;
}

export interface MonitorDeps {
  open: () => AdminSocket;
  api: RestClient;
  /** The server refused the token (expired, or not an admin's). */
  refused: (message: string) => void;
}

export const REFUSED = "Your login has expired or is not an admin's. Please log in again.";
const NO_STATS: Stats = { queued: 0, active: 0, bot: 0, closedToday: 0, medianWaitSeconds: null };

function initial(): MonitorState {
  return {
    connection: "idle",
    sessions: new Map(),
    stats: NO_STATS,
    summaries: new Map(),
    selectedId: null,
    transcript: [],
    transcriptError: null,
    filters: NO_FILTERS,
    agents: new Map(),
    teamError: null,
    ingest: new Map(),
  };
}

export class MonitorClient extends Store<MonitorState> {
  private conn: Connection<AdminSocket>;

  constructor(private deps: MonitorDeps) {
    super(initial());
    this.conn = new Connection(
      deps.open,
      {
        listen: (socket) => this.listen(socket),
        online: () => {
          if (this.state.selectedId) void this.loadTranscript(this.state.selectedId);
          void this.loadTeam();
        },
        status: (connection) => this.set({ connection }),
        refused: () => deps.refused(REFUSED),
      },
      { refusal: /^unauthorized|^forbidden/i },
    );
  }

  start(): void {
    this.conn.start();
  }

  /** Closes the socket and forgets everything (logout). */
  stop(): void {
    this.conn.stop();
    this.state = initial();
    this.set({});
  }

  setFilters(patch: Partial<MonitorFilters>): void {
    this.set({ filters: { ...this.state.filters, ...patch } });
  }

  clearFilters(): void {
    this.set({ filters: NO_FILTERS });
  }

  /** Follows one session's transcript. */
  select(id: string): void {
    this.set({ selectedId: id, transcript: [], transcriptError: null });
    void this.loadTranscript(id);
  }

  private async loadTranscript(id: string): Promise<void> {
    try {
      const { messages } = await this.deps.api.sessionMessages(id);
      if (this.state.selectedId !== id) return;
      this.set({ transcript: mergeBySeq(this.state.transcript, messages ?? []), transcriptError: null });
    } catch (e) {
      if (this.state.selectedId === id) this.set({ transcriptError: `Could not load the transcript: ${errorText(e)}` });
    }
  }

  /** Creates a staff account and adds it to the team (then reloads the team for its full record). */
  async createAgent(body: NewAgent): Promise<Agent> {
    const { user } = await this.deps.api.createAgent(body);
    const agent: Agent = {
      email: body.email,
      createdAt: new Date().toISOString(),
      status: "offline",
      capacity: body.capacity ?? 3,
      activeChats: 0,
      active: true,
      ...user,
    };
    this.putAgent(agent);
    void this.loadTeam();
    return agent;
  }

  /** Changes a staff account; the team takes the server's answer. Rejects with the server's error. */
  async updateAgent(id: string, changes: AgentChanges): Promise<Agent> {
    const { agent } = await this.deps.api.updateAgent(id, changes);
    this.putAgent(agent);
    return agent;
  }

  private putAgent(agent: Agent): void {
    this.set({ agents: new Map(this.state.agents).set(agent.id, agent) });
  }

  /** Reads the team again (the People page's Refresh: someone may have accepted an invitation). */
  async loadTeam(): Promise<void> {
    try {
      const { agents } = await this.deps.api.agents();
      this.set({ agents: new Map((agents ?? []).map((a) => [a.id, a])), teamError: null });
    } catch (e) {
      this.set({ teamError: `Could not load the team: ${errorText(e)}` });
    }
  }

  private listen(socket: AdminSocket): void {
    socket.on("admin:agent:update", (agent) => this.putAgent(agent));
    socket.on("ingest:progress", (p) => this.set({ ingest: new Map(this.state.ingest).set(p.jobId, p) }));
    socket.on("admin:bootstrap", ({ sessions, stats, summaries }) => {
      const byId = new Map((sessions ?? []).map((s) => [s.id, s]));
      const sums = new Map(this.state.summaries);
      for (const s of summaries ?? []) sums.set(s.sessionId, s);
      for (const s of sessions ?? []) if (s.summary && typeof s.summary === "object") sums.set(s.id, s.summary);
      this.set({ sessions: byId, summaries: sums, stats: stats ?? this.state.stats });
    });
    socket.on("admin:stats", (stats) => this.set({ stats }));
    socket.on("admin:session:update", (s) => this.sessionUpdate(s));
    socket.on("admin:message:new", (m) => this.messageNew(m));
    socket.on("admin:summary:ready", (summary) => {
      this.set({ summaries: new Map(this.state.summaries).set(summary.sessionId, summary) });
    });
  }

  private sessionUpdate(s: AdminSession): void {
    const prev = this.state.sessions.get(s.id);
    const closedNow = s.status === "closed" && prev?.status !== "closed";
    this.set({
      sessions: new Map(this.state.sessions).set(s.id, { ...prev, ...s }),
      stats: closedNow ? { ...this.state.stats, closedToday: (this.state.stats.closedToday || 0) + 1 } : this.state.stats,
    });
  }

  private messageNew(m: Message): void {
    const s = this.state.sessions.get(m.sessionId);
    const patch: Partial<MonitorState> = {};
    if (s) {
      const counted = { ...s, messageCount: Math.max(s.messageCount ?? 0, m.seq ?? 0), lastMessageAt: m.createdAt };
      patch.sessions = new Map(this.state.sessions).set(s.id, counted);
    }
    if (m.sessionId === this.state.selectedId) patch.transcript = mergeBySeq(this.state.transcript, [m]);
    this.set(patch);
  }
}

/** Queued and active counts come from the sessions themselves, so they move live. */
export function liveCounts(sessions: ReadonlyMap<string, AdminSession>): { queued: number; active: number } {
  let queued = 0;
  let active = 0;
  for (const s of sessions.values()) {
    if (s.status === "queued_for_agent") queued += 1;
    if (s.status === "active_with_agent") active += 1;
  }
  return { queued, active };
}
