// The shape of the visitor app's state (the view, the connection, the open
// session with its messages and outbox, the banners), the client's
// dependencies, and the state a client starts from: what the last visit left
// in storage.
import type { ChatSocket, ConnectionStatus, Message, PendingMessage, Session, User, VisitorPage } from "@webchat/shared";
import type { StorageKeys } from "./storageKeys";
import type { VisitorIdentity } from "./visitorContext";

export type EndRequest = "none" | "pending" | "declined";

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
  /** Who is typing on the other side, if anyone. */
  typing: string | null;
  /** Name of the agent who joined (banner). */
  agentJoined: string | null;
  /** Where I stand while queued for an agent (1 = next), with the server's estimate when it has one. */
  queuePosition: { position: number; estimatedWaitSecs: number | null } | null;
  endRequest: EndRequest;
  /** The host site's signed-in user, while the server accepts the identity. */
  identityName: string | null;
  identified: boolean;
  notice: string | null;
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
    typing: null,
    agentJoined: null,
    queuePosition: null,
    endRequest: "none",
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
