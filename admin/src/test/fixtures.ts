import type { AdminSession, Stats, Summary } from "@webchat/shared";
import { msg, session as baseSession } from "@webchat/shared/testing/fixtures";

export { msg };

/** A session 90 s old with two messages. */
export function session(over: Partial<AdminSession> = {}): AdminSession {
  return baseSession({ createdAt: new Date(Date.now() - 90_000).toISOString(), messageCount: 2, ...over });
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
