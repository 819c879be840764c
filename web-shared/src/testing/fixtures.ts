// Wire objects for tests: a session, a message, a staff member and a note
// with every required field; each test overrides what it is about.
import type { Agent, Message, Note, Session } from "../protocol";

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

/** A staff member as `GET /api/agents` and `agent:update` carry it: online, 0 of 3 chats. */
export function agent(over: Partial<Agent> = {}): Agent {
  return {
    id: "a2",
    role: "agent",
    displayName: "Bob",
    email: "bob@example.test",
    createdAt: "2024-05-01T09:00:00Z",
    status: "online",
    capacity: 3,
    activeChats: 0,
    active: true,
    ...over,
  };
}

export function note(over: Partial<Note> = {}): Note {
  return {
    id: "n1",
    sessionId: "s1",
    authorId: "a1",
    authorName: "Alice",
    text: "a note",
    createdAt: "2024-05-01T10:05:00Z",
    ...over,
  };
}
