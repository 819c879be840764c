import { describe, expect, it } from "vitest";
import { FakeSocket, flush } from "../testing/fakeSocket";
import { msg, note, session } from "../testing/fixtures";
import { RequestError } from "./request";
import { monitorSession, transferSession } from "./team";

describe("transferSession", () => {
  it("sends the target and the trimmed note, and leaves a blank note out", async () => {
    const s = new FakeSocket();
    const done = transferSession(s.asSocket(), "s1", "a2", "  VIP, refund approved  ");
    expect(s.last("session:transfer").payload).toEqual({ sessionId: "s1", toAgentId: "a2", note: "VIP, refund approved" });
    s.reply("session:transfer", { session: session({ agentId: "a2" }) });
    expect((await done).agentId).toBe("a2");

    void transferSession(s.asSocket(), "s1", "a3", "   ").catch(() => undefined);
    expect(s.last("session:transfer").payload).toEqual({ sessionId: "s1", toAgentId: "a3" });
  });

  it("rejects with the server's message", async () => {
    const s = new FakeSocket();
    const done = transferSession(s.asSocket(), "s1", "a2");
    s.fail("session:transfer", "conflict", "Bob is offline");
    await expect(done).rejects.toEqual(new RequestError({ code: "conflict", message: "Bob is offline" }));
  });
});

describe("monitorSession", () => {
  it("returns the chat, its messages and its notes", async () => {
    const s = new FakeSocket();
    const done = monitorSession(s.asSocket(), "s1");
    expect(s.last("session:monitor").payload).toEqual({ sessionId: "s1" });
    s.reply("session:monitor", { session: session(), messages: [msg(1)], notes: [note()] });
    await flush();
    const got = await done;
    expect(got.messages.map((m) => m.seq)).toEqual([1]);
    expect(got.notes.map((n) => n.id)).toEqual(["n1"]);
  });
});
