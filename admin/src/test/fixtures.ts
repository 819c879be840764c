import type { AdminSession, Message, Stats, Summary } from "@webchat/shared";

export function session(over: Partial<AdminSession> = {}): AdminSession {
  return {
    id: "s1",
    status: "bot_pending",
    channel: "web",
    userId: "u1",
    userDisplayName: "Vera",
    createdAt: new Date(Date.now() - 90_000).toISOString(),
    messageCount: 2,
    ...over,
  };
}

export function msg(seq: number, over: Partial<Message> = {}): Message {
  return { id: `m${seq}`, sessionId: "s1", seq, senderType: "user", text: `text ${seq}`, createdAt: "2024-05-01T10:00:00Z", ...over };
}

export function summary(over: Partial<Summary> = {}): Summary {
  return {
    sessionId: "s1",
    userDisplayName: "Vera",
    agentDisplayName: "Alice",
    summary: "Asked about opening hours.",
    topics: ["hours"],
    messageCount: 4,
    startedAt: "2024-05-01T10:00:00Z",
    endedAt: "2024-05-01T10:05:00Z",
    endedBy: "agent",
    ...over,
  };
}

export const stats: Stats = { queued: 0, active: 0, bot: 1, closedToday: 3, medianWaitSeconds: 75 };
