import type { Message, QueueItem, Session } from "@webchat/shared";

export function session(over: Partial<Session> = {}): Session {
  return {
    id: "s1",
    status: "active_with_agent",
    channel: "web",
    userId: "u1",
    userDisplayName: "Vera",
    agentId: "a1",
    agentDisplayName: "Alice",
    createdAt: "2024-05-01T10:00:00Z",
    ...over,
  };
}

export function msg(seq: number, over: Partial<Message> = {}): Message {
  return {
    id: `m${seq}`,
    sessionId: "s1",
    seq,
    senderType: "user",
    text: `text ${seq}`,
    createdAt: "2024-05-01T10:00:00Z",
    ...over,
  };
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
