import type { QueueItem, Session } from "@webchat/shared";
import { msg, session as baseSession } from "@webchat/shared/testing/fixtures";

export { agent, msg, note } from "@webchat/shared/testing/fixtures";

/** A session this agent works. */
export function session(over: Partial<Session> = {}): Session {
  return baseSession({ status: "active_with_agent", agentId: "a1", agentDisplayName: "Alice", ...over });
}

export function queueItem(over: Partial<QueueItem> = {}): QueueItem {
  return {
    sessionId: "s1",
    channel: "web",
    userDisplayName: "Vera",
    requestedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    preview: [msg(1, { text: "Where is my order?" }), msg(2, { senderType: "bot", text: "Let me check." })],
    ...over,
  };
}
