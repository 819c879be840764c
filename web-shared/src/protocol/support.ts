// The objects of PROTOCOL.md part 2 (routing, workspace, visitor, console,
// integrations). Written now so the next issues share one definition.
import type { Channel, IngestStatus, Message, MessageMedia, Role, Session, SessionStatus, User } from "./objects";

export type AgentStatus = "online" | "away" | "offline";

/** A staff member with presence and load (`GET /api/agents`, `agent:update`). */
export interface Agent extends User {
  email: string;
  createdAt: string;
  status: AgentStatus;
  /** The most chats routed to the agent at once (default 3). */
  capacity: number;
  activeChats: number;
  active: boolean;
}

export interface Attachment {
  id: string;
  name: string;
  contentType: string;
  size: number;
  /** `/api/attachments/{id}`, or a signed link for WhatsApp. */
  url: string;
}

/** Private to agents: never sent to the visitor, not part of the session's seq. */
export interface Note {
  id: string;
  sessionId: string;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: string;
}

export interface Contact {
  id: string;
  displayName: string;
  email?: string | null;
  phone?: string | null;
  externalId?: string | null;
  verified: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
  sessionCount: number;
  erased?: boolean;
}

export interface CannedResponse {
  id: string;
  shortcut: string;
  title: string;
  /** May hold {{visitor.name}}, {{visitor.email}}, {{agent.name}}. */
  text: string;
}

export interface Availability {
  online: boolean;
  agentsOnline: number;
  withinBusinessHours: boolean;
  nextOpenAt?: string | null;
  estimatedWaitSecs?: number | null;
}

/** A receiver of events (`GET /api/webhooks`); its signing secret is shown once, at creation. */
export interface Webhook {
  id: string;
  url: string;
  /** Event types (`message.created`, …), or ["*"] for all. */
  events: string[];
  /** False while paused: events wait and are sent on resume. */
  active: boolean;
  createdAt: string;
  /** Deliveries not yet made (waiting or being retried). */
  pending: number;
  /** Deliveries given up on (sent again only by hand). */
  failed: number;
}

/** `POST /api/webhooks`: `events` names event types, or is ["*"]. */
export interface NewWebhook {
  url: string;
  events: string[];
}

export type WebhookDeliveryState = "pending" | "delivered" | "failed";

/** One event for one webhook, and how sending it went (`GET /api/webhooks/{id}/deliveries`). */
export interface WebhookDelivery {
  id: string;
  eventId: string;
  eventType: string;
  state: WebhookDeliveryState;
  attempts: number;
  /** The HTTP status of the last attempt; null when none came back. */
  lastStatus: number | null;
  lastError: string | null;
  /** When it is tried next, while pending. */
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** A page of a webhook's delivery log, newest first. */
export interface WebhookDeliveryPage {
  deliveries: WebhookDelivery[];
  nextCursor?: string | null;
}

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

export interface BusinessHours {
  timezone: string;
  /** `[start, end)` local times per day; absent or null: always open. */
  weekly?: Partial<Record<Weekday, [string, string][]>> | null;
  holidays: string[];
}

/** The languages of the visitor app and the widget. */
export type VisitorLocale = "en" | "es" | "fr" | "de" | "pt" | "ar";

/** `GET/PUT /api/settings/widget` (read: anyone; write: admins). */
export interface WidgetSettings {
  /** The chat's header, e.g. "Acme support". */
  title: string;
  /** The first line a visitor reads before starting a chat. */
  greeting: string;
  /** `#rrggbb`: the bubble and the header. */
  color: string;
  position: "right" | "left";
  /** The site the bot answers about for widget chats; "" for the host page's origin. */
  site: string;
  /** A `VisitorLocale`, or "" to follow the browser's language. */
  locale: VisitorLocale | "";
}

/** Part 2 fields of Session and Message, for the apps that use them. */
export interface SessionDetails extends Session {
  contactId: string;
  assignedAt?: string | null;
  queuedAt?: string | null;
  queuePosition?: number | null;
  tags: string[];
  page?: VisitorPage | null;
  csat?: { rating: number; comment?: string | null } | null;
  /** A conversation waiting for an offline answer by email (issue 15). */
  offline?: boolean;
}

/** Where a web visitor is (`visitor:page`): the page, and the referrer when the browser gave one. */
export interface VisitorPage {
  url: string;
  title?: string | null;
  referrer?: string | null;
}

export interface MessageWithAttachments extends Omit<Message, "attachments"> {
  attachments: (Attachment | MessageMedia)[];
  erased?: boolean;
}

/** `GET /api/reports/summary`, `GET /api/reports/conversations.csv`: `from` inclusive, `to` exclusive, days and hours counted in `tz`. */
export interface ReportPeriod {
  /** RFC 3339. */
  from: string;
  /** RFC 3339, exclusive: the start of the day after the last one wanted. */
  to: string;
  /** IANA time zone, e.g. "Europe/Paris". */
  tz: string;
}

export interface ReportSummary {
  conversations: number;
  handedOff: number;
  resolvedByBot: number;
  medianFirstResponseSecs: number | null;
  medianWaitSecs: number | null;
  medianResolutionSecs: number | null;
  csat: { average: number | null; count: number };
  perAgent: {
    agentId: string;
    displayName: string;
    conversations: number;
    medianFirstResponseSecs: number | null;
    csatAverage: number | null;
  }[];
  /** Always 24 entries: the hour of day in `tz`, 0..23. */
  byHour: { hour: number; conversations: number; handedOff: number }[];
  /** Each day of the period in `tz`, "YYYY-MM-DD". */
  byDay: { date: string; conversations: number; handedOff: number; resolvedByBot: number }[];
}

/** `ingest:progress` on `/admin`, as a crawl goes (`GET /ingest/{jobId}` is `IngestProgress`). */
export interface IngestProgressEvent {
  jobId: string;
  site: string;
  pagesDone: number;
  pagesFailed: number;
  status: IngestStatus;
  /** The page being read now. */
  currentUrl?: string | null;
}

export interface KnowledgeSite {
  /** As given to `/ingest` (normalised URL). */
  site: string;
  pages: number;
  lastIngestAt: string | null;
  lastJob: { jobId: string; status: IngestStatus; pagesDone: number; pagesFailed: number } | null;
}

/** One line of `GET /api/audit`, newest first. */
export interface AuditEntry {
  id: string;
  at: string;
  /** Null for the server itself. */
  actorId: string | null;
  actorName: string | null;
  /** "login", "agent.created", "settings.widget", … */
  action: string;
  target: string | null;
  detail: Record<string, unknown> | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor?: string | null;
}

/** A token for scripts (`GET /api/tokens`); the secret itself is shown once, at creation. */
export interface ApiToken {
  id: string;
  name: string;
  role: Exclude<Role, "user">;
  createdAt: string;
}

export type InvitationStatus = "pending" | "accepted" | "expired";

/** A person invited by email (`GET /api/invitations`; never its link). */
export interface Invitation {
  id: string;
  email: string;
  role: Exclude<Role, "user">;
  displayName: string | null;
  capacity: number | null;
  /** Null once the inviter's account is gone. */
  invitedBy: string | null;
  invitedByName: string | null;
  /** RFC 3339. */
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  status: InvitationStatus;
}

/** `GET /api/search`: every filter optional but `q`. */
export interface SearchQuery {
  q: string;
  status?: SessionStatus;
  agentId?: string;
  tag?: string;
  channel?: Channel;
  /** RFC 3339 or `YYYY-MM-DD`, on the session's creation time; `to` is inclusive. */
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

/** A matching message: `snippet` is HTML-escaped text with the matched words in `<mark>…</mark>`. */
export interface SearchMatch {
  seq: number;
  snippet: string;
}

export interface SearchResult {
  session: SessionDetails;
  matches: SearchMatch[];
}

export interface SearchPage {
  results: SearchResult[];
  nextCursor?: string | null;
}
