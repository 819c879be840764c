// The JSON HTTP API: bearer token, JSON bodies, errors `{ error: { code, message } }`.
import type {
  Agent,
  ApiToken,
  AuditPage,
  Availability,
  BusinessHours,
  CannedResponse,
  Contact,
  IngestProgress,
  KnowledgeSite,
  Message,
  Note,
  PublicConfig,
  ReportPeriod,
  ReportSummary,
  Role,
  SearchPage,
  SearchQuery,
  Session,
  SessionDetails,
  User,
  WidgetSettings,
  WireError,
} from "./protocol";

/** The roles a staff account may have. */
export type StaffRole = Exclude<Role, "user">;

/** `POST /api/agents`: a new staff account (role default agent, capacity default 3, 1..50). */
export interface NewAgent {
  email: string;
  password: string;
  displayName: string;
  role?: StaffRole;
  capacity?: number;
}

/** `PATCH /api/agents/{id}`: what an admin changes; `active: false` deactivates. */
export interface AgentChanges {
  displayName?: string;
  role?: StaffRole;
  capacity?: number;
  active?: boolean;
}

export class HttpError extends Error {
  readonly status: number;
  readonly code: WireError["code"];
  constructor(status: number, error: WireError) {
    super(error.message);
    this.name = "HttpError";
    this.status = status;
    this.code = error.code;
  }
}

export interface RestOptions {
  /** Read before every call; sent as `authorization: Bearer …` when set. */
  token?: () => string | null;
  /** Prefix of every path; default "" (same origin). */
  base?: string;
  fetch?: typeof fetch;
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export class RestClient {
  constructor(private options: RestOptions = {}) {}

  /** One call; resolves with the parsed body (null for an empty one), rejects with HttpError. */
  async call<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const token = this.options.token?.();
    const doFetch = this.options.fetch ?? fetch;
    let res: Response;
    try {
      res = await doFetch((this.options.base ?? "") + path, {
        method,
        headers: {
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
    } catch {
      throw new HttpError(0, { code: "network", message: "The server cannot be reached." });
    }
    const data = parse(await res.text());
    if (!res.ok) throw new HttpError(res.status, errorOf(res.status, data));
    return data as T;
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>("GET", path);
  }
  post<T>(path: string, body?: unknown): Promise<T> {
    return this.call<T>("POST", path, body);
  }
  put<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>("PUT", path, body);
  }
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>("PATCH", path, body);
  }
  delete(path: string): Promise<unknown> {
    return this.call("DELETE", path);
  }

  // ---- the calls every app makes ----------------------------------------

  login(email: string, password: string): Promise<{ token: string; user: User }> {
    return this.post("/api/auth/login", { email, password });
  }
  logout(): Promise<unknown> {
    return this.post("/api/auth/logout");
  }
  async me(): Promise<User> {
    const data = await this.get<{ user?: User } & Partial<User>>("/api/me");
    return (data.user ?? data) as User;
  }
  config(): Promise<PublicConfig> {
    return this.get("/api/config");
  }
  /** The team, each with its status and load (admins). */
  agents(): Promise<{ agents: Agent[] }> {
    return this.get("/api/agents");
  }
  /** Creates a staff account (admins); the answer is the new user. */
  createAgent(body: NewAgent): Promise<{ user: User & Partial<Agent> }> {
    return this.post("/api/agents", body);
  }
  /** Changes a staff account (admins); the answer is the agent as it now is. */
  updateAgent(id: string, changes: AgentChanges): Promise<{ agent: Agent }> {
    return this.patch(`/api/agents/${encodeURIComponent(id)}`, changes);
  }
  /** Sets a staff account's password (admins; 8–256 characters): it is signed out everywhere. */
  resetPassword(id: string, password: string): Promise<unknown> {
    return this.post(`/api/agents/${encodeURIComponent(id)}/password`, { password });
  }
  /** A session's transcript (after `afterSeq` when given). */
  sessionMessages(sessionId: string, afterSeq?: number): Promise<{ session: Session; messages: Message[] }> {
    const query = afterSeq ? `?afterSeq=${afterSeq}` : "";
    return this.get(`/api/sessions/${encodeURIComponent(sessionId)}/messages${query}`);
  }

  // ---- the workspace (PROTOCOL Part 2 "Workspace") --------------------------

  /** Full-text search over every message (agents and up). */
  search(query: SearchQuery): Promise<SearchPage> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
    }
    return this.get(`/api/search?${params.toString()}`);
  }
  /** Replaces a session's tags; the answer is the session as it now is. */
  setTags(sessionId: string, tags: string[]): Promise<{ session: Session }> {
    return this.put(`/api/sessions/${encodeURIComponent(sessionId)}/tags`, { tags });
  }
  /** A session's private notes (agents and up). */
  notes(sessionId: string): Promise<{ notes: Note[] }> {
    return this.get(`/api/sessions/${encodeURIComponent(sessionId)}/notes`);
  }
  /** A contact and all their sessions, newest first (agents and up). */
  contact(contactId: string): Promise<{ contact: Contact; sessions: SessionDetails[] }> {
    return this.get(`/api/contacts/${encodeURIComponent(contactId)}`);
  }
  cannedResponses(): Promise<{ cannedResponses: CannedResponse[] }> {
    return this.get("/api/canned-responses");
  }
  /** Supervisors and admins. */
  createCannedResponse(body: Omit<CannedResponse, "id">): Promise<{ cannedResponse: CannedResponse }> {
    return this.post("/api/canned-responses", body);
  }
  /** Supervisors and admins; the whole object. */
  updateCannedResponse(id: string, body: Omit<CannedResponse, "id">): Promise<{ cannedResponse: CannedResponse }> {
    return this.put(`/api/canned-responses/${encodeURIComponent(id)}`, body);
  }
  deleteCannedResponse(id: string): Promise<unknown> {
    return this.delete(`/api/canned-responses/${encodeURIComponent(id)}`);
  }
  // ---- the visitor's side (PROTOCOL Part 2 "Availability and the offline path") ----

  /** Whether someone can answer now (anyone). */
  availability(): Promise<Availability> {
    return this.get("/api/availability");
  }
  /** The widget's look, site and language (anyone). */
  widgetSettings(): Promise<WidgetSettings> {
    return this.get("/api/settings/widget");
  }
  /** Admins; the whole object; the answer is the settings as stored. */
  saveWidgetSettings(settings: WidgetSettings): Promise<WidgetSettings> {
    return this.put("/api/settings/widget", settings);
  }
  /** Opening hours (anyone). */
  businessHours(): Promise<BusinessHours> {
    return this.get("/api/settings/business-hours");
  }
  /** Admins; the whole object; the answer is the hours as stored. */
  saveBusinessHours(hours: BusinessHours): Promise<BusinessHours> {
    return this.put("/api/settings/business-hours", hours);
  }
  /** The bytes of an attachment, with the bearer token (for `<img>` use an object URL). */
  attachmentBlob(url: string): Promise<Blob> {
    return this.blob(url);
  }

  // ---- the console (PROTOCOL Part 2 "Console") ------------------------------

  /** Supervisors and admins: the period's counts, medians and ratings, per agent, hour of day and day. */
  reportSummary(period: ReportPeriod): Promise<ReportSummary> {
    return this.get(`/api/reports/summary?${periodQuery(period)}`);
  }
  /** One row per conversation of the period, as a CSV file. */
  reportCsv(period: ReportPeriod): Promise<Blob> {
    return this.blob(`/api/reports/conversations.csv?${periodQuery(period)}`);
  }
  /** Admins: every ingested site with its pages and last crawl. */
  knowledgeSites(): Promise<{ sites: KnowledgeSite[] }> {
    return this.get("/api/knowledge/sites");
  }
  /** Starts crawling a site (again); progress comes as `ingest:progress` and from `ingestJob`. */
  ingest(site: string, maxPages: number): Promise<{ jobId: string }> {
    return this.post("/ingest", { site, maxPages });
  }
  ingestJob(jobId: string): Promise<IngestProgress> {
    return this.get(`/ingest/${encodeURIComponent(jobId)}`);
  }
  /** Admins: the bot stops answering from the site's pages. */
  forgetSite(site: string): Promise<unknown> {
    return this.delete(`/api/knowledge/sites?site=${encodeURIComponent(site)}`);
  }
  /** Admins: newest first; `cursor` is the last page's `nextCursor`. */
  audit(limit: number, cursor?: string | null): Promise<AuditPage> {
    const params = new URLSearchParams({ limit: String(limit) });
    if (cursor) params.set("cursor", cursor);
    return this.get(`/api/audit?${params.toString()}`);
  }
  apiTokens(): Promise<{ apiTokens: ApiToken[] }> {
    return this.get("/api/tokens");
  }
  /** Admins; `token` is the secret, given this once. */
  createApiToken(name: string, role: StaffRole): Promise<{ token: string; apiToken: ApiToken }> {
    return this.post("/api/tokens", { name, role });
  }
  revokeApiToken(id: string): Promise<unknown> {
    return this.delete(`/api/tokens/${encodeURIComponent(id)}`);
  }
  /** Admins: everything stored about a contact, as a JSON file. */
  contactExport(contactId: string): Promise<Blob> {
    return this.blob(`/api/contacts/${encodeURIComponent(contactId)}/export`);
  }
  /** Admins: erases the contact's fields, messages' text and attachments; cannot be undone. */
  eraseContact(contactId: string): Promise<unknown> {
    return this.delete(`/api/contacts/${encodeURIComponent(contactId)}`);
  }

  /** A GET answered with bytes (a file), with the bearer token; rejects with HttpError. */
  async blob(path: string): Promise<Blob> {
    const token = this.options.token?.();
    const doFetch = this.options.fetch ?? fetch;
    let res: Response;
    try {
      res = await doFetch((this.options.base ?? "") + path, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    } catch {
      throw new HttpError(0, { code: "network", message: "The server cannot be reached." });
    }
    if (!res.ok) throw new HttpError(res.status, errorOf(res.status, parse(await res.text())));
    return res.blob();
  }
}

function periodQuery({ from, to, tz }: ReportPeriod): string {
  return new URLSearchParams({ from, to, tz }).toString();
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function errorOf(status: number, data: unknown): WireError {
  const error = (data as { error?: Partial<WireError> } | null)?.error;
  return {
    code: error?.code ?? (status === 401 ? "unauthorized" : status === 404 ? "not_found" : "internal"),
    message: error?.message ?? `HTTP ${status}`,
  };
}

/** What a login form says when `login` failed. */
export function loginErrorText(e: unknown): string {
  if ((e as { status?: number } | null)?.status === 401) return "Wrong email or password.";
  return e instanceof Error && e.message ? e.message : "Could not log in.";
}
