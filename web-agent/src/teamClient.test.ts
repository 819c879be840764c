import { describe, expect, it, vi } from "vitest";
import { FakeSocket, flush, memoryStorage } from "@webchat/shared/testing/fakeSocket";
import type { Notifier } from "./notify";
import { TeamClient } from "./teamClient";
import { msg, note, session } from "./test/fixtures";

async function loggedIn(role: "agent" | "supervisor" = "agent") {
  const user = { id: "a1", role, displayName: "Alice" };
  const sockets: FakeSocket[] = [];
  const beep = vi.fn();
  const notifier: Notifier = { permission: () => "granted", request: async () => "granted", show: vi.fn() };
  const client = new TeamClient({
    storage: memoryStorage(),
    open: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s.asSocket();
    },
    login: async () => ({ token: "atok", user }),
    beep,
    notifier,
    hasFocus: () => false,
    api: { agents: async () => [], sessions: async () => [] },
  });
  await client.login("a@x.io", "pw");
  const s = sockets[0];
  s.connect();
  s.reply("hello", { user, token: "atok", sessions: [] });
  await flush();
  return { client, s, beep, notifier, user };
}

describe("TeamClient", () => {
  it("a repeated session:assigned neither duplicates the chat nor chimes again, and the chat's notes are fetched", async () => {
    const { client, s, beep, notifier } = await loggedIn();
    s.fire("session:assigned", { session: session(), messages: [msg(1)], note: note({ text: "handover" }) });
    expect(s.last("session:join").payload).toEqual({ sessionId: "s1", afterSeq: 1 });
    s.reply("session:join", { session: session(), messages: [], notes: [note({ id: "n0", text: "older", createdAt: "2024-05-01T10:00:00Z" })] });
    await flush();
    s.fire("session:assigned", { session: session(), messages: [msg(1)] });
    expect(client.getState().chats).toHaveLength(1);
    expect(beep).toHaveBeenCalledTimes(1);
    expect(notifier.show).toHaveBeenCalledTimes(1);
    expect(client.chat("s1")?.notes.map((n) => n.text)).toEqual(["older", "handover"]);
  });

  it("a chat routed while the supervisor watches Team chats is no longer New once shown in My chats", async () => {
    const { client, s } = await loggedIn("supervisor");
    client.showTeam();
    s.fire("session:assigned", { session: session(), messages: [msg(1)] });
    await flush();
    expect(client.getState().view).toBe("team");
    client.showChats();
    expect(client.getState().view).toBe("chats");
    expect(client.getState().selectedId).toBe("s1");
    expect(client.chat("s1")?.isNew).toBe(false);
  });

  it("after a reconnect monitors the same chat again from what it holds", async () => {
    const { client, s, user } = await loggedIn("supervisor");
    void client.monitor("s1");
    s.reply("session:monitor", { session: session({ agentId: "a2" }), messages: [msg(1), msg(2)], notes: [] });
    await flush();
    s.drop();
    s.connect();
    s.reply("hello", { user, token: "atok", sessions: [] });
    await flush();
    expect(s.last("session:monitor").payload).toEqual({ sessionId: "s1" });
    s.reply("session:monitor", { session: session({ agentId: "a2" }), messages: [msg(2), msg(3)], notes: [] });
    await flush();
    expect(client.getState().watch?.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it("an agent asked to monitor gets the server's refusal", async () => {
    const { client, s } = await loggedIn();
    void client.monitor("s1");
    s.fail("session:monitor", "forbidden", "Only supervisors may monitor chats.");
    await flush();
    expect(client.getState().watch).toBeNull();
    expect(client.getState().teamError).toBe("Only supervisors may monitor chats.");
  });
});
