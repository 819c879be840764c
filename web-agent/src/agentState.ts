// The shape of the agent app's state: the chats an agent works, what the
// team features add (alerts, the team's chats, the monitored chat), the
// client's dependencies, the keys it stores under, and how a chat and a
// signed-in agent's work start.
import type {
  Agent,
  AgentStatus,
  ChatSocket,
  ConnectionStatus,
  Message,
  Note,
  PendingMessage,
  QueueItem,
  Session,
  Summary,
  User,
} from "@webchat/shared";
import type { Notifier, NotifyPermission } from "./notify";
import type { TeamApi } from "./teamApi";

export interface AgentChat {
  session: Session;
  messages: Message[];
  pending: PendingMessage[];
  unread: number;
  typing: boolean;
  /** Private notes: for staff only, never shown to the visitor. */
  notes: Note[];
  noteError: string | null;
  endRequested: boolean;
  closed: { endedBy: string; summary?: Summary | null } | null;
  error: string | null;
  /** Routed to me and not opened yet. */
  isNew: boolean;
  /** How it came to me on a transfer or requeue: the previous agent and the note for me. */
  transfer: { from: User | null; note: Note | null } | null;
}

/** The main area: my chats, the team's open chats (supervisors), or a chat being monitored. */
export type AgentView = "chats" | "team" | "monitor";

export interface AgentState {
  auth: "loggedOut" | "loggingIn" | "loggedIn";
  loginError: string | null;
  user: User | null;
  /** What the team sees: online (new chats may come), away, or offline. */
  status: AgentStatus;
  statusError: string | null;
  connection: ConnectionStatus;
  queue: QueueItem[];
  claiming: string | null;
  claimError: string | null;
  chats: AgentChat[];
  selectedId: string | null;
  muted: boolean;
  /** The latest announcement (new queue entry, end request), for the live region and title. */
  announcement: { text: string; at: number } | null;
  /** A polite status line (a chat taken away, a transfer done). */
  notice: { text: string; at: number } | null;
  view: AgentView;
  /** Queued chats past the alert threshold: sessionId → seconds waited. */
  alerts: Record<string, number>;
  /** Alerts since the window last had focus; they prefix the title. */
  unseenAlerts: string[];
  /** The staff with presence and load, for the transfer dialog. */
  agents: Agent[];
  agentsError: string | null;
  /** Every open chat (supervisors): active and queued. */
  team: Session[];
  teamError: string | null;
  /** The chat a supervisor monitors, read-only. */
  watch: AgentChat | null;
  notifications: NotifyPermission;
  /** The agent said "Not now" to desktop notifications. */
  notificationsDismissed: boolean;
}

export interface AgentClientDeps {
  storage: Storage;
  open: (getToken: () => string | null) => ChatSocket;
  login?: (email: string, password: string) => Promise<{ token: string; user: User }>;
  logout?: (token: string) => Promise<unknown>;
  beep?: () => void;
  isHidden?: () => boolean;
  /** False while another window has the focus (then arrivals notify on the desktop). */
  hasFocus?: () => boolean;
  notifier?: Notifier;
  /** REST for the team lists; by default the server's, with this login's token. */
  api?: TeamApi;
}

/** Where the agent app keeps its login and preferences. */
export const K = {
  token: "webchat.agent.token",
  muted: "webchat.agent.muted",
  noNotify: "webchat.agent.notificationsDismissed",
};
/** A chat as it starts in my list: nothing read, nothing pending. */
export function newChat(session: Session): AgentChat {
  return {
    session,
    messages: [],
    pending: [],
    unread: 0,
    typing: false,
    notes: [],
    noteError: null,
    endRequested: false,
    closed: session.status === "closed" ? { endedBy: "unknown" } : null,
    error: null,
    isNew: false,
    transfer: null,
  };
}

/** The work of a signed-in agent, empty: how a client starts and what logging out clears. */
export function signedOutWork(): Pick<
  AgentState,
  "queue" | "chats" | "selectedId" | "claimError" | "notice" | "view" | "alerts" | "unseenAlerts" | "agents" | "agentsError" | "team" | "teamError" | "watch"
> {
  return {
    queue: [],
    chats: [],
    selectedId: null,
    claimError: null,
    notice: null,
    view: "chats",
    alerts: {},
    unseenAlerts: [],
    agents: [],
    agentsError: null,
    team: [],
    teamError: null,
    watch: null,
  };
}
