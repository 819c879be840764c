import { afterEach, describe, expect, it, vi } from "vitest";
import { ChatClient } from "./chatClient";
import { STALE_DRAFT_MS } from "./chatTranscript";
import { FakeSocket, flush, memoryStorage } from "@webchat/shared/testing/fakeSocket";
import { session } from "./test/fixtures";
import type { Message } from "@webchat/shared";

function setup(storage = memoryStorage()) {
  const sockets: FakeSocket[] = [];
  const client = new ChatClient({
    storage,
    open: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s.asSocket();
    },
  });
  return { client, storage, sockets, socket: () => sockets[sockets.length - 1] };
}

function msg(seq: number, over: Partial<Message> = {}): Message {
  return { id: `m${seq}`, sessionId: "s1", seq, senderType: "bot", text: `t${seq}`, createdAt: "2024-05-01T10:00:00Z", ...over };
}

async function started() {
  const t = setup();
  t.client.start("Vera");
  const s = t.socket();
  s.connect();
  expect(s.last("hello").payload).toEqual({ role: "user", displayName: "Vera" });
  s.reply("hello", { user: { id: "u1", role: "user", displayName: "Vera" }, token: "tok", sessions: [] });
  await flush();
  s.reply("session:create", { session: session() });
  await flush();
  return { ...t, s };
}

describe("ChatClient", () => {
  it("starts a chat: hello with the name, keeps the token, creates a session", async () => {
    const { client, storage } = await started();
    expect(storage.getItem("webchat.user.token")).toBe("tok");
    expect(storage.getItem("webchat.user.session")).toBe("s1");
    expect(client.getState().view).toBe("chat");
    expect(client.getState().connection).toBe("online");
  });

  it("shows a message once, whether the ack or the broadcast comes first", async () => {
    const { client, s } = await started();
    client.send("hello");
    const sent = s.last("message:send").payload as { clientMsgId: string };
    expect(client.getState().pending).toHaveLength(1);
    s.fire("message:new", msg(1, { senderType: "user", text: "hello", clientMsgId: sent.clientMsgId }));
    s.reply("message:send", { message: msg(1, { senderType: "user", text: "hello", clientMsgId: sent.clientMsgId }) });
    await flush();
    expect(client.getState().pending).toHaveLength(0);
    expect(client.getState().messages.map((m) => m.text)).toEqual(["hello"]);
  });

  it("retries an unacknowledged message after a reconnect with the same clientMsgId", async () => {
    const { client, s, storage } = await started();
    client.send("are you there?");
    const first = s.last("message:send").payload as { clientMsgId: string };
    s.timeoutAck("message:send");
    await flush();
    expect(JSON.parse(storage.getItem("webchat.user.outbox")!)).toHaveLength(1);
    s.drop();
    expect(client.getState().connection).toBe("reconnecting");
    s.connect();
    expect(s.last("hello").payload).toEqual({ role: "user", token: "tok" });
    s.reply("hello", { user: { id: "u1", role: "user", displayName: "Vera" }, token: "tok", sessions: [session()] });
    await flush();
    s.reply("session:join", { session: session(), messages: [] });
    await flush();
    const again = s.last("message:send").payload as { clientMsgId: string };
    expect(again.clientMsgId).toBe(first.clientMsgId);
    s.reply("message:send", { message: msg(1, { senderType: "user", text: "are you there?", clientMsgId: first.clientMsgId }) });
    await flush();
    expect(storage.getItem("webchat.user.outbox")).toBeNull();
    expect(client.getState().messages).toHaveLength(1);
  });

  it("after a reload resumes the stored session from the last seq it holds", async () => {
    const { s, storage } = await started();
    s.fire("message:new", msg(1));
    s.fire("message:new", msg(2));
    // a new page load with the same storage
    const t = setup(storage);
    expect(t.client.getState().view).toBe("chat");
    expect(t.client.getState().messages).toHaveLength(2);
    t.client.init();
    const s2 = t.socket();
    s2.connect();
    s2.reply("hello", { user: { id: "u1", role: "user", displayName: "Vera" }, token: "tok", sessions: [session()] });
    await flush();
    expect(s2.last("session:join").payload).toEqual({ sessionId: "s1", afterSeq: 2 });
    s2.reply("session:join", { session: session(), messages: [msg(2), msg(3)] });
    await flush();
    expect(t.client.getState().messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it("fills a gap in seq by rejoining", async () => {
    const { client, s } = await started();
    s.fire("message:new", msg(1));
    s.fire("message:new", msg(4));
    expect(s.last("session:join").payload).toEqual({ sessionId: "s1", afterSeq: 1 });
    s.reply("session:join", { session: session(), messages: [msg(2), msg(3), msg(4)] });
    await flush();
    expect(client.getState().messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it("drops a refused token and starts over", async () => {
    const { client, s, storage, sockets } = await started();
    s.drop();
    s.fire("connect_error", new Error("unauthorized: token expired"));
    expect(storage.getItem("webchat.user.token")).toBeNull();
    expect(storage.getItem("webchat.user.session")).toBeNull();
    expect(client.getState().view).toBe("form");
    expect(client.getState().notice).toBe("resumeFailed");
    client.start("Vera");
    expect(sockets).toHaveLength(2);
  });

  it("follows handoff, the agent joining, a declined end request and the close", async () => {
    const { client, s } = await started();
    void client.requestHuman();
    s.reply("handoff:request", { session: session({ status: "queued_for_agent" }) });
    await flush();
    expect(client.getState().session?.status).toBe("queued_for_agent");
    s.fire("handoff:accepted", { sessionId: "s1", agent: { id: "a1", role: "agent", displayName: "Alice" } });
    expect(client.getState().agentJoined).toBe("Alice");
    s.fire("typing", { sessionId: "s1", senderType: "agent", isTyping: true });
    expect(client.getState().typing).toEqual({ senderType: "agent", name: "Alice" });
    void client.endChat();
    s.reply("session:end:request", { requestId: "r1" });
    await flush();
    expect(client.getState().endRequest).toBe("pending");
    s.fire("session:end:declined", { sessionId: "s1" });
    expect(client.getState().endRequest).toBe("declined");
    s.fire("session:closed", { sessionId: "s1", endedBy: "agent" });
    expect(client.getState().session?.status).toBe("closed");
  });
});

describe("ChatClient in the queue", () => {
  async function queued() {
    const t = await started();
    void t.client.requestHuman();
    t.s.reply("handoff:request", { session: session({ status: "queued_for_agent" }) });
    await flush();
    return t;
  }

  it("follows queue:position for its own session only, and forgets it once an agent joins", async () => {
    const { client, s } = await queued();
    s.fire("queue:position", { sessionId: "s1", position: 3, estimatedWaitSecs: 120 });
    expect(client.getState().queuePosition).toEqual({ position: 3, estimatedWaitSecs: 120 });
    s.fire("queue:position", { sessionId: "other", position: 9 });
    s.fire("queue:position", { sessionId: "s1", position: 1 });
    expect(client.getState().queuePosition).toEqual({ position: 1, estimatedWaitSecs: null });
    s.fire("handoff:accepted", { sessionId: "s1", agent: { id: "a1", role: "agent", displayName: "Alice" } });
    expect(client.getState().queuePosition).toBeNull();
    expect(client.getState().agentJoined).toBe("Alice");
  });

  it("back in the queue when the agent left: no one is shown as with me, and the position shows again", async () => {
    const { client, s } = await queued();
    s.fire("handoff:accepted", { sessionId: "s1", agent: { id: "a1", role: "agent", displayName: "Bob" } });
    s.fire("message:new", msg(1, { senderType: "system", text: "Bob left the chat; we are finding someone else." }));
    s.fire("session:update", session({ status: "queued_for_agent", agentId: null, agentDisplayName: null }));
    expect(client.getState().agentJoined).toBeNull();
    s.fire("queue:position", { sessionId: "s1", position: 1, estimatedWaitSecs: 20 });
    expect(client.getState().queuePosition).toEqual({ position: 1, estimatedWaitSecs: 20 });
    expect(client.getState().messages.map((m) => m.senderType)).toEqual(["system"]);
  });
});

describe("ChatClient and a bot answer being written", () => {
  afterEach(() => vi.useRealTimers());

  const delta = (delta: string, streamId = "bot:m1", sessionId = "s1") => ({ sessionId, streamId, delta });
  const answer = (over: Partial<Message> = {}) =>
    msg(2, { text: "We open at 9, Monday to Friday.", clientMsgId: "bot:m1", senderName: "Assistant", ...over });
  const drafts = (client: ChatClient) => client.getState().drafts.map(({ streamId, text }) => ({ streamId, text }));

  it("builds a draft from the pieces in order, and the stored message replaces it", async () => {
    const { client, s } = await started();
    s.fire("message:new", msg(1, { senderType: "user", text: "When do you open?" }));
    for (const piece of ["We open", " at 9,", " Monday to Friday."]) s.fire("message:delta", delta(piece));
    expect(drafts(client)).toEqual([{ streamId: "bot:m1", text: "We open at 9, Monday to Friday." }]);
    expect(client.getState().messages).toHaveLength(1);

    s.fire("message:new", answer({ citations: [{ url: "https://shop.test/hours", title: "Hours" }] }));
    expect(client.getState().drafts).toEqual([]);
    expect(client.getState().messages.map((m) => [m.senderType, m.text])).toEqual([
      ["user", "When do you open?"],
      ["bot", "We open at 9, Monday to Friday."],
    ]);
  });

  it("the stored message wins over the draft, whatever the draft said", async () => {
    const { client, s } = await started();
    s.fire("message:delta", delta("We op"));
    s.fire("message:new", answer({ text: "We open at 10 on Saturdays." }));
    expect(client.getState().drafts).toEqual([]);
    expect(client.getState().messages.map((m) => m.text)).toEqual(["We open at 10 on Saturdays."]);
  });

  it("never brings a draft back for a piece that comes after its message", async () => {
    const { client, s } = await started();
    s.fire("message:delta", delta("We open"));
    s.fire("message:new", answer());
    s.fire("message:delta", delta(" at 9"));
    expect(client.getState().drafts).toEqual([]);
    // nor for a stream whose message came without any piece first
    s.fire("message:new", msg(3, { text: "Anything else?", clientMsgId: "bot:m3" }));
    s.fire("message:delta", delta("Anything", "bot:m3"));
    expect(client.getState().drafts).toEqual([]);
    expect(client.getState().messages).toHaveLength(2);
  });

  it("ignores the pieces of another session's answer, and malformed ones", async () => {
    const { client, s } = await started();
    s.fire("message:delta", delta("Not yours", "bot:x", "other"));
    s.fire("message:delta", { sessionId: "s1", streamId: "bot:y", delta: 42 });
    s.fire("message:delta", { sessionId: "s1", delta: "no stream" });
    expect(client.getState().drafts).toEqual([]);
  });

  it("drops a draft with no new piece for 20 s (the bot failed), and ignores its stream after", async () => {
    const { client, s } = await started();
    vi.useFakeTimers();
    s.fire("message:delta", delta("Let me"));
    vi.advanceTimersByTime(STALE_DRAFT_MS - 1000);
    s.fire("message:delta", delta(" check"));
    vi.advanceTimersByTime(STALE_DRAFT_MS - 1);
    // each piece gives the draft another 20 s
    expect(drafts(client)).toEqual([{ streamId: "bot:m1", text: "Let me check" }]);
    vi.advanceTimersByTime(1);
    expect(client.getState().drafts).toEqual([]);
    s.fire("message:delta", delta("…"));
    expect(client.getState().drafts).toEqual([]);
    // a later answer streams as usual
    s.fire("message:delta", delta("Sorry,", "bot:m2"));
    expect(drafts(client)).toEqual([{ streamId: "bot:m2", text: "Sorry," }]);
  });

  it("drops the draft when the chat leaves bot_pending", async () => {
    const { client, s } = await started();
    s.fire("message:delta", delta("We open"));
    s.fire("session:update", session({ status: "queued_for_agent" }));
    expect(client.getState().drafts).toEqual([]);
    s.fire("message:delta", delta(" at 9"));
    s.fire("message:delta", delta("New", "bot:m2"));
    expect(client.getState().drafts).toEqual([]);
  });

  it("drops the draft on a reconnect and on a history reload", async () => {
    const { client, s } = await started();
    s.fire("message:delta", delta("We open"));
    s.drop();
    expect(client.getState().drafts).toEqual([]);
    s.connect();
    s.reply("hello", { user: { id: "u1", role: "user", displayName: "Vera" }, token: "tok", sessions: [session()] });
    await flush();
    s.reply("session:join", { session: session(), messages: [] });
    await flush();
    // the rest of the stream that was cut is not shown half-written
    s.fire("message:delta", delta(" at 9"));
    expect(client.getState().drafts).toEqual([]);

    s.fire("message:delta", delta("Also", "bot:m2"));
    expect(client.getState().drafts).toHaveLength(1);
    s.fire("message:history", { sessionId: "s1", messages: [msg(1)] });
    expect(client.getState().drafts).toEqual([]);
    expect(client.getState().messages.map((m) => m.seq)).toEqual([1]);
  });
});
