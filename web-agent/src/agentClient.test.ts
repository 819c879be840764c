import { describe, expect, it, vi } from "vitest";
import { AgentClient } from "./agentClient";
import { FakeSocket, flush, memoryStorage } from "@webchat/shared/testing/fakeSocket";
import { msg, queueItem, session } from "./test/fixtures";

async function loggedIn(opts: { muted?: boolean } = {}) {
  const storage = memoryStorage();
  if (opts.muted) storage.setItem("webchat.agent.muted", "1");
  const sockets: FakeSocket[] = [];
  const beep = vi.fn();
  const client = new AgentClient({
    storage,
    open: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s.asSocket();
    },
    login: async () => ({ token: "atok", user: { id: "a1", role: "agent", displayName: "Alice" } }),
    logout: async () => undefined,
    beep,
  });
  await client.login("a@x.io", "pw");
  const s = sockets[0];
  s.connect();
  expect(s.last("hello").payload).toEqual({ role: "agent", token: "atok" });
  s.reply("hello", { user: { id: "a1", role: "agent", displayName: "Alice" }, token: "atok", sessions: [] });
  await flush();
  s.fire("queue:bootstrap", { items: [queueItem()] });
  return { client, s, beep, storage };
}

const alice = (status: "online" | "away" | "offline") => ({
  id: "a1",
  role: "agent" as const,
  displayName: "Alice",
  email: "a@x.io",
  createdAt: "2026-12-01T00:00:00Z",
  status,
  capacity: 3,
  activeChats: 0,
  active: true,
});

describe("AgentClient notes", () => {
  const note = (id: string, at: string) => ({ id, sessionId: "s1", authorId: "a1", authorName: "Alice", text: id, createdAt: at });

  it("takes the notes of a claim, live notes once each, and adds its own", async () => {
    const { client, s } = await loggedIn();
    void client.accept("s1");
    s.reply("agent:claim", { session: session(), messages: [msg(1)], notes: [note("n1", "2026-12-01T10:00:00Z")] });
    await flush();
    s.fire("note:new", note("n2", "2026-12-01T10:01:00Z"));
    s.fire("note:new", note("n2", "2026-12-01T10:01:00Z"));
    expect(client.chat("s1")?.notes.map((n) => n.id)).toEqual(["n1", "n2"]);
    const added = client.addNote("s1", "called back");
    expect(s.last("note:add").payload).toEqual({ sessionId: "s1", text: "called back" });
    s.reply("note:add", { note: note("n3", "2026-12-01T10:02:00Z") });
    expect(await added).toBe(true);
    expect(client.chat("s1")?.notes).toHaveLength(3);
  });
});

describe("AgentClient status", () => {
  it("starts from the status hello reports and follows its own agent:update", async () => {
    const { client, s } = await loggedIn();
    expect(client.getState().status).toBe("online");
    s.fire("agent:update", { ...alice("away"), id: "someone-else" });
    expect(client.getState().status).toBe("online");
    s.fire("agent:update", alice("away"));
    expect(client.getState().status).toBe("away");
  });

  it("sets away and online through agent:status, and says when it failed", async () => {
    const { client, s } = await loggedIn();
    void client.setStatus("away");
    expect(s.last("agent:status").payload).toEqual({ status: "away" });
    s.reply("agent:status", { agent: alice("away") });
    await flush();
    expect(client.getState().status).toBe("away");
    void client.setStatus("online");
    s.fail("agent:status", "unavailable", "the database is unavailable; try again shortly");
    await flush();
    expect(client.getState().status).toBe("away");
    expect(client.getState().statusError).toMatch(/unavailable/);
  });
});

describe("AgentClient", () => {
  it("accepts a queued chat and gets its full history", async () => {
    const { client, s } = await loggedIn();
    void client.accept("s1");
    s.reply("agent:claim", { session: session(), messages: [msg(1), msg(2, { senderType: "bot" })] });
    await flush();
    const st = client.getState();
    expect(st.queue).toHaveLength(0);
    expect(st.selectedId).toBe("s1");
    expect(st.chats[0].messages.map((m) => m.seq)).toEqual([1, 2]);
  });

  it("says who won a lost race", async () => {
    const { client, s } = await loggedIn();
    void client.accept("s1");
    s.fail("agent:claim", "conflict", "session already taken by Bob");
    await flush();
    expect(client.getState().claimError).toBe("Vera: session already taken by Bob");
    expect(client.getState().queue).toHaveLength(0);
  });

  it("announces a new queue entry with a sound, unless muted", async () => {
    const a = await loggedIn();
    a.s.fire("queue:new", queueItem({ sessionId: "s9", userDisplayName: "Nina" }));
    expect(a.beep).toHaveBeenCalledTimes(1);
    expect(a.client.getState().announcement?.text).toBe("New chat from Nina");
    a.client.toggleMute();
    a.s.fire("queue:new", queueItem({ sessionId: "s10", userDisplayName: "Omar" }));
    expect(a.beep).toHaveBeenCalledTimes(1);
    expect(a.client.getState().queue.map((q) => q.userDisplayName)).toEqual(["Vera", "Nina", "Omar"]);
    const b = await loggedIn({ muted: true });
    b.s.fire("queue:new", queueItem({ sessionId: "s9" }));
    expect(b.beep).not.toHaveBeenCalled();
  });

  it("counts unread messages in chats that are not on screen", async () => {
    const { client, s } = await loggedIn();
    void client.accept("s1");
    s.reply("agent:claim", { session: session(), messages: [msg(1)] });
    await flush();
    void client.accept("s2");
    s.reply("agent:claim", { session: session({ id: "s2", userDisplayName: "Wim" }), messages: [] });
    await flush();
    expect(client.getState().selectedId).toBe("s2");
    s.fire("message:new", msg(2, { text: "anyone?" }));
    s.fire("message:new", msg(3, { text: "hello?" }));
    expect(client.chat("s1")?.unread).toBe(2);
    client.select("s1");
    expect(client.chat("s1")?.unread).toBe(0);
  });

  it("updates delivery status and handles an end request", async () => {
    const { client, s } = await loggedIn();
    void client.accept("s1");
    s.reply("agent:claim", { session: session({ channel: "whatsapp" }), messages: [msg(1, { senderType: "agent", deliveryStatus: "queued" })] });
    await flush();
    s.fire("message:status", { sessionId: "s1", messageId: "m1", deliveryStatus: "read" });
    expect(client.chat("s1")?.messages[0].deliveryStatus).toBe("read");
    s.fire("session:end:requested", { sessionId: "s1", requestId: "r1", requestedBy: "user" });
    expect(client.chat("s1")?.endRequested).toBe(true);
    void client.acceptEnd("s1");
    s.reply("session:end:accept", { session: session({ status: "closed" }) });
    await flush();
    expect(client.chat("s1")?.closed).toBeTruthy();
    expect(client.chat("s1")?.endRequested).toBe(false);
  });

  it("rejoins its chats from the last seq after a reconnect", async () => {
    const { client, s } = await loggedIn();
    void client.accept("s1");
    s.reply("agent:claim", { session: session(), messages: [msg(1), msg(2)] });
    await flush();
    s.drop();
    expect(client.getState().connection).toBe("reconnecting");
    s.connect();
    s.reply("hello", { user: { id: "a1", role: "agent", displayName: "Alice" }, token: "atok", sessions: [session()] });
    await flush();
    expect(s.last("session:join").payload).toEqual({ sessionId: "s1", afterSeq: 2 });
  });

  it("logs out when the token is refused", async () => {
    const { client, s, storage } = await loggedIn();
    s.fire("connect_error", new Error("unauthorized"));
    expect(client.getState().auth).toBe("loggedOut");
    expect(storage.getItem("webchat.agent.token")).toBeNull();
  });
});

describe("AgentClient sends files and canned responses", () => {
  it("sends attachment ids, and an unchanged canned response as cannedId with empty text", async () => {
    const { client, s } = await loggedIn();
    void client.accept("s1");
    s.reply("agent:claim", { session: session(), messages: [] });
    await flush();
    const att = { id: "f1", name: "a.png", contentType: "image/png", size: 3, url: "/api/attachments/f1" };
    client.send("s1", "", { attachments: [att] });
    expect(s.last("message:send").payload).toMatchObject({ sessionId: "s1", text: "", attachmentIds: ["f1"] });
    s.reply("message:send", { message: msg(1, { senderType: "agent", text: "", attachments: [att], clientMsgId: client.chat("s1")!.pending[0].clientMsgId }) });
    await flush();
    expect(client.chat("s1")?.messages[0].attachments).toEqual([att]);
    client.send("s1", "Thanks Vera", { cannedId: "k1" });
    expect(client.chat("s1")?.pending[0].text).toBe("Thanks Vera");
    const payload = s.last("message:send").payload as Record<string, unknown>;
    expect(payload).toMatchObject({ text: "", cannedId: "k1" });
    expect(payload.attachmentIds).toBeUndefined();
  });
});
