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
import type { Agent, AgentStatus, Availability, Contact, Note, SessionDetails } from "./support";

type Ref = { sessionId: string };

/** Hello: a visitor by name or token, an agent (or admin) by token. */
export type HelloRequest =
  | { role: "user"; displayName: string }
  | { role: "user" | "agent"; token: string }
  | { role: "user"; identity: { externalId: string; email?: string; name?: string; hash: string } };

/** Request/acknowledgement pairs: `req` is the payload, `res` the ack data after `ok: true`. */
export interface Requests {
  /** `agent`: a staff member's own status and load. */
  hello: { req: HelloRequest; res: { user: User; token: string; sessions?: Session[]; agent?: Agent } };
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
  "session:transfer": { req: { sessionId: string; toAgentId: string; note?: string }; res: { session: Session } };
  "session:monitor": { req: Ref; res: { session: Session; messages: Message[]; notes: Note[] } };
  "note:add": { req: { sessionId: string; text: string }; res: { note: Note } };
  "visitor:page": { req: { sessionId: string; url: string; title?: string }; res: Record<string, never> };
  "csat:submit": { req: { sessionId: string; rating: number; comment?: string }; res: { session: Session } };
  "transcript:email": { req: { sessionId: string; email: string }; res: Record<string, never> };
  "contact:update": { req: { sessionId: string; email?: string; displayName?: string }; res: { contact: Contact } };
}

export type RequestName = keyof Requests;

/** Server → client events. */
export interface ServerEvents {
  "message:history": (p: { sessionId: string; messages: Message[] }) => void;
  "message:new": (m: Message) => void;
  "message:status": (p: {
    sessionId: string;
    messageId: string;
    deliveryStatus: DeliveryStatus | (string & {});
    deliveryError?: string | null;
  }) => void;
  "queue:bootstrap": (p: { items: QueueItem[] }) => void;
  "queue:new": (item: QueueItem) => void;
  "queue:remove": (p: { sessionId: string; reason: "claimed" | "closed" | "assigned" }) => void;
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
  "session:assigned": (p: { session: SessionDetails; messages: Message[]; note?: string | null; from?: User | null }) => void;
  "session:unassigned": (p: { sessionId: string; reason: "transferred" | "agent_offline" | "deactivated" }) => void;
  "queue:alert": (p: { sessionId: string; waitingSecs: number }) => void;
  "queue:position": (p: { sessionId: string; position: number; estimatedWaitSecs?: number | null }) => void;
  availability: (a: Availability) => void;
  "note:new": (n: Note) => void;
}

/** Fire-and-forget client → server events (no ack). */
export interface ClientEvents {
  typing: (p: { sessionId: string; isTyping: boolean }) => void;
}
