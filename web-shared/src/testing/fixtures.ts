// Wire objects for tests: a session and a message with every required field;
// each test overrides what it is about.
import type { Message, Session } from "../protocol";

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
