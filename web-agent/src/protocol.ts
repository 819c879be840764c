// Wire types for the Webchat Socket.IO contract (shared/PROTOCOL.md).

export type Role = "user" | "agent" | "admin";
export type Channel = "web" | "whatsapp";
export type SessionStatus = "bot_pending" | "queued_for_agent" | "active_with_agent" | "closed";
export type SenderType = "user" | "agent" | "bot" | "system";
export type DeliveryStatus = "queued" | "sent" | "delivered" | "read" | "failed" | "undelivered";

export interface User {
  id: string;
  role: Role;
  displayName: string;
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
}

export interface Citation {
  url: string;
  title?: string | null;
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
  deliveryStatus?: DeliveryStatus | null;
  deliveryError?: string | null;
}

export interface AckError {
  code: string;
  message: string;
}

export interface QueueItem {
  sessionId: string;
  channel: Channel;
  userDisplayName: string;
  requestedAt: string;
  preview: Message[];
  lastMessage?: Message | null;
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
  endedBy: "user" | "agent" | "system";
  endRequestedBy?: string | null;
}

/** Request/acknowledgement pairs of the client → server events an agent uses. */
export interface Requests {
  hello: { req: { role: "agent"; token: string }; res: { user: User; token: string; sessions?: Session[] } };
  "session:join": {
    req: { sessionId: string; afterSeq?: number };
    res: { session: Session; messages: Message[] };
  };
  "message:send": {
    req: { sessionId: string; text: string; clientMsgId: string };
    res: { message: Message };
  };
  "agent:claim": { req: { sessionId: string }; res: { session: Session; messages: Message[] } };
  "session:end:accept": { req: { sessionId: string }; res: { session: Session } };
  "session:end:decline": { req: { sessionId: string }; res: { session: Session } };
  "session:close": { req: { sessionId: string }; res: { session: Session } };
  "message:read": { req: { sessionId: string; seq: number }; res: Record<string, never> };
}

/** Server → client events. */
export interface ServerEvents {
  "message:history": (p: { sessionId: string; messages: Message[] }) => void;
  "message:new": (m: Message) => void;
  "message:status": (p: {
    sessionId: string;
    messageId: string;
    deliveryStatus: DeliveryStatus;
    deliveryError?: string | null;
  }) => void;
  "queue:bootstrap": (p: { items: QueueItem[] }) => void;
  "queue:new": (item: QueueItem) => void;
  "queue:remove": (p: { sessionId: string; reason: string }) => void;
  "handoff:accepted": (p: { sessionId: string; agent: User }) => void;
  "session:end:requested": (p: { sessionId: string; requestId: string; requestedBy: string }) => void;
  "session:end:declined": (p: { sessionId: string }) => void;
  "session:closed": (p: { sessionId: string; endedBy: string; summary?: Summary | null }) => void;
  "session:update": (s: Session) => void;
  typing: (p: { sessionId: string; senderType: SenderType; isTyping: boolean }) => void;
  "message:read": (p: { sessionId: string; seq: number; readerType: string }) => void;
}

/** Fire-and-forget client → server events. */
export interface ClientEvents {
  typing: (p: { sessionId: string; isTyping: boolean }) => void;
}
