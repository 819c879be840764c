// The read-only `/admin` namespace: bootstrap on connect, then live updates.
import type { Message, Session, Stats, Summary } from "./objects";
import type { Agent, IngestProgressEvent, Note } from "./support";

/** A session as `/admin` sends it: closed ones carry their summary. */
export interface AdminSession extends Session {
  summary?: Summary | null;
}

export interface AdminServerEvents {
  "admin:bootstrap": (p: { sessions: AdminSession[]; stats: Stats; summaries?: Summary[] }) => void;
  "admin:stats": (s: Stats) => void;
  "admin:message:new": (m: Message) => void;
  "admin:message:status": (p: { sessionId: string; messageId: string; deliveryStatus: string; deliveryError?: string | null }) => void;
  "admin:session:update": (s: AdminSession) => void;
  "admin:summary:ready": (s: Summary) => void;
  "session:expired": (p?: unknown) => void;
  // part 2
  "admin:agent:update": (a: Agent) => void;
  "admin:note:new": (n: Note) => void;
  "ingest:progress": (p: IngestProgressEvent) => void;
}

/** The admin namespace takes no client events. */
export type AdminClientEvents = Record<string, never>;
