import { vi } from "vitest";
import type { Attachment, Contact, QueueItem, Session } from "@webchat/shared";
import type { ChatWorkspace } from "../components/ChatView";
import type { WorkspaceApi } from "../workspaceApi";
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

/** A WorkspaceApi whose calls are spies; each test overrides what it is about. */
export function fakeWorkspaceApi(over: Partial<WorkspaceApi> = {}): WorkspaceApi {
  return {
    cannedResponses: vi.fn(async () => []),
    contact: vi.fn(async () => ({ contact: contact(), sessions: [] })),
    transcript: vi.fn(async (id: string) => ({ session: baseSession({ id, status: "closed" }), messages: [] })),
    setTags: vi.fn(async (id: string, tags: string[]) => ({ ...session({ id }), tags }) as Session),
    search: vi.fn(async () => ({ results: [] })),
    limits: vi.fn(async () => ({})),
    uploader: vi.fn(() => vi.fn(() => new Promise<Attachment>(() => undefined))),
    blob: vi.fn(async () => new Blob(["x"])),
    ...over,
  };
}

export function contact(over: Partial<Contact> = {}): Contact {
  return {
    id: "c1",
    displayName: "Vera",
    email: "vera@example.test",
    verified: true,
    firstSeenAt: "2026-01-05T09:00:00Z",
    lastSeenAt: "2026-03-01T09:00:00Z",
    sessionCount: 2,
    ...over,
  };
}

export function workspace(over: Partial<ChatWorkspace> = {}): ChatWorkspace {
  return { api: fakeWorkspaceApi(), canned: [], cannedError: null, limits: {}, agentName: "Alice", online: true, ...over };
}
