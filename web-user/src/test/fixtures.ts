import type { Message, Session } from "@webchat/shared";

export function session(over: Partial<Session> = {}): Session {
  return {
    id: "s1",
    status: "bot_pending",
    channel: "web",
    userId: "u1",
    userDisplayName: "Vera",
    createdAt: "2024-05-01T10:00:00Z",
    ...over,
  };
}

let n = 0;
export function message(over: Partial<Message> = {}): Message {
  n += 1;
  return {
    id: `m${n}`,
    sessionId: "s1",
    seq: n,
    senderType: "user",
    text: `message ${n}`,
    createdAt: "2024-05-01T10:00:00Z",
    ...over,
  };
}
