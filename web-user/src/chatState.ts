// The shape of the visitor app's state (the view, the connection, the open
// session with its messages and outbox, whether someone can answer, the
// banners), the client's dependencies, and the state a client starts from:
// what the last visit left in storage.
import type { Availability, ChatSocket, ConnectionStatus, Message, PendingMessage, Session, User, VisitorPage } from "@webchat/shared";
import type { StorageKeys } from "./storageKeys";
import type { VisitorIdentity } from "./visitorContext";

export type EndRequest = "none" | "pending" | "declined";

/** What the client itself tells the visitor (the page words it in the visitor's language). */
export type Notice = "resumeFailed" | "nameRequired";

/** Who is typing on the other side. */
export type Typing = { senderType: "agent"; name: string | null } | { senderType: "bot" };

/**
 * A bot answer being written: the pieces of its `message:delta`s so far,
 * until the stored message with `clientMsgId === streamId` replaces it. It
 * lives in memory only (a reload, a reconnect or a history reload drops it).
 */
export interface Draft {
  streamId: string;
  text: string;
  /** When its first piece came (this browser's clock). */
  startedAt: string;
}

/** No one could take the chat when it was handed off: the visitor may leave an email for the answer. */
export interface OfflineAsk {
  /** When the team is back, when the server said. */
  nextOpenAt: string | null;
  /** The address the answer goes to, once the server took it. */
  emailedTo: string | null;
}

export interface ChatState {
  /** "form": asking for a name; "chat": a session is shown. */
  view: "form" | "chat";
  starting: boolean;
  connection: ConnectionStatus;
  browserOnline: boolean;
  user: User | null;
  displayName: string;
  session: Session | null;
  messages: Message[];
  pending: PendingMessage[];
  /** Bot answers being written, in the order they started (never announced; the stored message is). */
  drafts: Draft[];
  typing: Typing | null;
  /** Name of the agent who joined (banner). */
  agentJoined: string | null;
  /** Where I stand while queued for an agent (1 = next), with the server's estimate when it has one. */
  queuePosition: { position: number; estimatedWaitSecs: number | null } | null;
  endRequest: EndRequest;
  /** Whether someone can answer now (`GET /api/availability`, then the socket's `availability`); null until known. */
  availability: Availability | null;
  /** Set while a handed-off chat waits for an offline answer. */
  offline: OfflineAsk | null;
  /** The visitor's email, when they gave one (or the host site did): prefills the email fields. */
  email: string | null;
  /** The host site's signed-in user, while the server accepts the identity. */
  identityName: string | null;
  identified: boolean;
  notice: Notice | null;
  /** What the server (or the connection) answered to the last thing the visitor did. */
  error: string | null;
}

export interface ChatClientDeps {
  storage: Storage;
  open: (getToken: () => string | null) => ChatSocket;
  /** The site the bot answers about (the widget's host page); sent with session:create. */
  site?: string;
  /** Storage namespace: "webchat.user" for the page, "webchat.widget" for the widget. */
  keyPrefix?: string;
  /** The host site's signed-in user (widget/IDENTITY.md); hello then says who they are. */
  identity?: VisitorIdentity | null;
  /** The page the visitor is on, sent as `visitor:page` once the session is created or joined. */
  page?: () => VisitorPage | null;
  /** Where a refused identity is reported; default console.warn. */
  warn?: (message: string) => void;
  /** The visitor's language, sent with hello (the server writes its system messages in it). */
  locale?: string;
  /** `GET /api/availability`, asked once at start-up. */
  availability?: () => Promise<Availability>;
}

/** The state at start-up: the stored name, session, cached messages and unsent messages, if any. */
export function initialState(deps: ChatClientDeps, keys: StorageKeys): ChatState {
  const sessionId = deps.storage.getItem(keys.session);
  const outbox = readJson<PendingMessage[]>(deps.storage, keys.outbox, []);
  return {
    view: sessionId && deps.storage.getItem(keys.token) ? "chat" : "form",
    starting: false,
    connection: "idle",
    browserOnline: typeof navigator === "undefined" ? true : navigator.onLine !== false,
    user: null,
    displayName: deps.storage.getItem(keys.name) ?? "",
    session: null,
    messages: sessionId ? readJson<Message[]>(deps.storage, keys.messages(sessionId), []) : [],
    pending: sessionId ? outbox.filter((p) => p.sessionId === sessionId) : [],
    drafts: [],
    typing: null,
    agentJoined: null,
    queuePosition: null,
    endRequest: "none",
    availability: null,
    offline: null,
    email: deps.storage.getItem(keys.email) ?? deps.identity?.email ?? null,
    identityName: deps.identity ? (deps.identity.name ?? deps.identity.externalId) : null,
    identified: !!deps.identity,
    notice: null,
    error: null,
  };
}

function readJson<T>(storage: Storage, key: string, fallback: T): T {
  try {
    const raw = storage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}
