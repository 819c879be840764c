// The objects of the wire contract, part 1 (../shared/PROTOCOL.md "Objects")
// with the seed's extensions (README "Extensions to the wire contract").
// Every optional field the server may leave out is `?`, and nullable where
// a client may also meet `null`.

export type Role = "user" | "agent" | "supervisor" | "admin";
export type Channel = "web" | "whatsapp";
export type SessionStatus = "bot_pending" | "queued_for_agent" | "active_with_agent" | "closed";
export type SenderType = "user" | "agent" | "bot" | "system";
export type EndedBy = "user" | "agent" | "system";
export type DeliveryStatus = "queued" | "sent" | "delivered" | "read" | "failed" | "undelivered";

/** The error codes of acks and HTTP bodies (PROTOCOL.md, plus the seed's `unavailable`, `payload_too_large`). */
export type ErrorCode =
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "invalid"
  | "conflict"
  | "rate_limited"
  | "internal"
  | "unavailable"
  | "payload_too_large";

export interface WireError {
  /** An ErrorCode from the server; clients add `timeout` and `network`. */
  code: ErrorCode | "timeout" | "network" | (string & {});
  message: string;
}

export interface User {
  id: string;
  role: Role;
  displayName: string;
}

/** A staff account as `GET /api/agents` lists it today. */
export interface StaffMember extends User {
  email: string;
  createdAt: string;
}

export interface Session {
  id: string;
  status: SessionStatus;
  channel: Channel;
  userId: string;
  userDisplayName: string;
  agentId?: string | null;
  agentDisplayName?: string | null;
  site?: string | null;
  createdAt: string;
  closedAt?: string | null;
  // extensions
  queuedAt?: string | null;
  assignedAt?: string | null;
  endedBy?: EndedBy | null;
  lastSeq?: number;
  messageCount?: number;
  lastMessageAt?: string | null;
}

export interface Citation {
  url: string;
  title?: string | null;
}

/** WhatsApp media on a message (extension); Part 2's Attachment adds id, name and size. */
export interface MessageMedia {
  url: string;
  contentType: string;
}

export interface Message {
  id: string;
  sessionId: string;
  seq: number;
  senderType: SenderType;
  senderName?: string | null;
  text: string;
  createdAt: string;
  clientMsgId?: string | null;
  citations?: Citation[] | null;
  // extensions
  attachments?: MessageMedia[] | null;
  /** One of `DeliveryStatus` in practice; any status Twilio reports passes through. */
  deliveryStatus?: DeliveryStatus | (string & {}) | null;
  deliveryError?: string | null;
}

export interface QueueItem {
  sessionId: string;
  channel: Channel;
  userDisplayName: string;
  requestedAt: string;
  /** The last five messages. */
  preview: Message[];
  lastMessage?: Message | null;
  /** Part 2: the session's `offline` (queued outside hours or with no one online; replies go by email). */
  offline?: boolean;
}

export interface Summary {
  sessionId: string;
  userDisplayName: string;
  agentDisplayName?: string | null;
  summary: string;
  topics: string[];
  messageCount: number;
  startedAt: string;
  endedAt: string;
  endedBy: EndedBy;
  endRequestedBy?: string | null;
}

/** `admin:stats` (every 5 s) and `admin:bootstrap.stats`. */
export interface Stats {
  queued: number;
  active: number;
  bot: number;
  closedToday: number;
  medianWaitSeconds: number | null;
}

/** `GET /api/config`: what the web apps need to know. */
export interface PublicConfig {
  whatsappNumber: string | null;
  ingestPublic: boolean;
  /** The largest attachment the server takes, in bytes (`ATTACHMENT_MAX_BYTES`). */
  attachmentMaxBytes?: number;
  /** The MIME types it takes (`ATTACHMENT_TYPES`), e.g. image/png, application/pdf. */
  attachmentTypes?: string[];
}

export type IngestStatus = "queued" | "running" | "done" | "failed";

/** `GET /ingest/{jobId}`. */
export interface IngestProgress {
  status: IngestStatus;
  pagesDone: number;
  pagesFailed: number;
  error?: string | null;
}
