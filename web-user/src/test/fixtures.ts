import { vi } from "vitest";
import type { Availability, Message } from "@webchat/shared";
import { msg, session } from "@webchat/shared/testing/fixtures";
import type { ChatState } from "../chatClient";
import type { ChatActions } from "../components/ChatPanel";

export { session };

let n = 0;
/** A message with the next seq. */
export function message(over: Partial<Message> = {}): Message {
  n += 1;
  return msg(n, { text: `message ${n}`, ...over });
}

/** A visitor chatting with the bot, online, availability not known yet. */
export function chatState(over: Partial<ChatState> = {}): ChatState {
  return {
    view: "chat",
    starting: false,
    connection: "online",
    browserOnline: true,
    user: { id: "u1", role: "user", displayName: "Vera" },
    displayName: "Vera",
    session: session(),
    messages: [],
    pending: [],
    drafts: [],
    typing: null,
    agentJoined: null,
    queuePosition: null,
    endRequest: "none",
    availability: null,
    offline: null,
    email: null,
    identityName: null,
    identified: false,
    notice: null,
    error: null,
    ...over,
  };
}

/** Every action a mock; the async ones resolve. */
export function chatActions(over: Partial<ChatActions> = {}): ChatActions {
  return {
    start: vi.fn(),
    send: vi.fn(),
    discard: vi.fn(),
    requestHuman: vi.fn(),
    endChat: vi.fn(),
    newChat: vi.fn(),
    setTyping: vi.fn(),
    leaveEmail: vi.fn(async () => undefined),
    rate: vi.fn(async () => undefined),
    emailTranscript: vi.fn(async () => undefined),
    ...over,
  };
}

/** Availability as `GET /api/availability` and the `availability` event carry it. */
export function availability(over: Partial<Availability> = {}): Availability {
  return { online: true, agentsOnline: 2, withinBusinessHours: true, ...over };
}
