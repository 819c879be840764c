// The Socket.IO events of the default namespace `/`: every client → server
// request with its payload and ack data, the fire-and-forget events, and the
// server → client events (PROTOCOL.md parts 1 and 2, plus the extensions).
import type {
  Channel,
  EndedBy,
  DeliveryStatus,
  Message,
  QueueItem,
  SenderType,
  Session,
  Summary,
  User,
} from "./objects";
import type { Agent, AgentStatus, Availability, Contact, Note } from "./support";

type Ref = { sessionId: string };

// ---- "A team works the queue": routing, transfer, supervision ----------
// Checked against the server's generated types in checked.ts.

/** Why a chat left the queue: an agent claimed it, it closed, or routing assigned it. */
export type QueueRemoveReason = "claimed" | "closed" | "assigned";

/** `session:assigned`: a chat routed to me (automatic assignment, transfer, or requeue). */
export interface SessionAssigned {
  session: Session;
  messages: Message[];
  /** The transfer note, private to the team. */
  note?: Note | null;
  /** The previous agent, on a transfer or requeue. */
  from?: User | null;
}

/** Why a chat was taken from me. */
export type UnassignReason = "transferred" | "agent_offline" | "deactivated";

/** `session:unassigned`: to the agent that lost the chat. */
export interface SessionUnassigned {
  sessionId: string;
  reason: UnassignReason;
}

/** `queue:alert`: a queued chat has waited longer than the alert threshold (repeats). */
export interface QueueAlert {
  sessionId: string;
  waitingSecs: number;
}

/** `queue:position`: to the visitor's session room; position 1 is next. */
export interface QueuePosition {
  sessionId: string;
  position: number;
  estimatedWaitSecs?: number | null;
}

/** `session:transfer`: to another agent, or to myself to take a chat over. */
export interface SessionTransfer {
  sessionId: string;
  toAgentId: string;
  /** For the next agent; never shown to the visitor. */
  note?: string;
}

// ---- Streaming bot answers -------------------------------------------
// Written by hand until the server's generated type exists.

/**
 * `message:delta`: the next piece of a bot answer while the bot writes it,
 * to the session's room (the visitor, and staff watching a bot chat).
 * `streamId` is the `clientMsgId` the stored answer will carry
 * (`bot:<question id>`); pieces arrive in order, each appended to the ones
 * before. The stored answer then comes as `message:new`, and it is the truth:
 * it replaces the draft. A stream may end without one (the bot failed).
 */
export interface MessageDelta {
  sessionId: string;
  streamId: string;
  delta: string;
}

/** Hello: a visitor by name or token, an agent (or admin) by token. */
export type HelloRequest = (
  | { role: "user"; displayName: string }
  | { role: "user" | "agent"; token: string }
  | { role: "user"; identity: { externalId: string; email?: string; name?: string; hash: string } }
) & {
  /** A visitor's language (en, es, fr, de, pt, ar): the server writes its system messages in it. */
  locale?: string;
};

/** Request/acknowledgement pairs: `req` is the payload, `res` the ack data after `ok: true`. */
export interface Requests {
  /** `agent`: a staff member's own status and load; `availability`: for a visitor, whether someone can answer now. */
  hello: { req: HelloRequest; res: { user: User; token: string; sessions?: Session[]; agent?: Agent; availability?: Availability } };
  "session:create": { req: { channel?: Channel; site?: string }; res: { session: Session } };
  /** Staff also get the chat's private notes. */
  "session:join": { req: { sessionId: string; afterSeq?: number }; res: { session: Session; messages: Message[]; notes?: Note[] } };
  "message:send": {
    req: { sessionId: string; text: string; clientMsgId: string; attachmentIds?: string[]; cannedId?: string };
    res: { message: Message };
  };
  "handoff:request": { req: Ref; res: { session: Session; offline?: boolean; nextOpenAt?: string | null } };
  "agent:claim": { req: Ref; res: { session: Session; messages: Message[]; notes?: Note[] } };
  "session:end:request": { req: Ref; res: { requestId: string } };
  "session:end:accept": { req: Ref; res: { session: Session } };
  "session:end:decline": { req: Ref; res: { session: Session } };
  "session:close": { req: Ref; res: { session: Session } };
  "message:read": { req: { sessionId: string; seq: number }; res: Record<string, never> };
  // part 2
  "agent:status": { req: { status: Exclude<AgentStatus, "offline"> }; res: { agent: Agent } };
  "session:transfer": { req: SessionTransfer; res: { session: Session } };
  "session:monitor": { req: Ref; res: { session: Session; messages: Message[]; notes: Note[] } };
  "note:add": { req: { sessionId: string; text: string }; res: { note: Note } };
  "visitor:page": { req: { sessionId: string; url: string; title?: string; referrer?: string }; res: Record<string, never> };
  "csat:submit": { req: { sessionId: string; rating: number; comment?: string }; res: { session: Session } };
  "transcript:email": { req: { sessionId: string; email: string }; res: Record<string, never> };
  "contact:update": { req: { sessionId: string; email?: string; displayName?: string }; res: { contact: Contact } };
}

export type RequestName = keyof Requests;

/** Server → client events. */
export interface ServerEvents {
  "message:history": (p: { sessionId: string; messages: Message[] }) => void;
  "message:new": (m: Message) => void;
  /** A piece of a bot answer being written (see MessageDelta). */
  "message:delta": (p: MessageDelta) => void;
  "message:status": (p: {
    sessionId: string;
    messageId: string;
    deliveryStatus: DeliveryStatus | (string & {});
    deliveryError?: string | null;
  }) => void;
  "queue:bootstrap": (p: { items: QueueItem[] }) => void;
  "queue:new": (item: QueueItem) => void;
  "queue:remove": (p: { sessionId: string; reason: QueueRemoveReason }) => void;
  "handoff:accepted": (p: { sessionId: string; agent: User }) => void;
  "session:end:requested": (p: { sessionId: string; requestId: string; requestedBy: string }) => void;
  "session:end:declined": (p: Ref) => void;
  "session:closed": (p: { sessionId: string; endedBy: EndedBy | (string & {}); summary?: Summary | null }) => void;
  "session:update": (s: Session) => void;
  "session:expired": (p?: unknown) => void;
  typing: (p: { sessionId: string; senderType: SenderType; isTyping: boolean }) => void;
  "message:read": (p: { sessionId: string; seq: number; readerType: string }) => void;
  // part 2
  "agent:update": (a: Agent) => void;
  "session:assigned": (p: SessionAssigned) => void;
  "session:unassigned": (p: SessionUnassigned) => void;
  "queue:alert": (p: QueueAlert) => void;
  "queue:position": (p: QueuePosition) => void;
  availability: (a: Availability) => void;
  "note:new": (n: Note) => void;
}

/** Fire-and-forget client → server events (no ack). */
export interface ClientEvents {
  typing: (p: { sessionId: string; isTyping: boolean }) => void;
}
