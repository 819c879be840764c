// Connection and transcript together, as an app uses them: every reconnect
// says hello again and asks only for what it missed.
import { describe, expect, it } from "vitest";
import type { Message } from "../protocol";
import { FakeSocket, flush } from "../testing/fakeSocket";
import { msg, session } from "../testing/fixtures";
import { Connection } from "./connection";
import { request, type ChatSocket } from "./request";
import { mergeBySeq, resume } from "./transcript";

describe("reconnect and resume by seq", () => {
  it("rejoins after a drop from the last seq held, and merges without duplicates", async () => {
    let held: Message[] = [];
    const fake = new FakeSocket();
    const conn = new Connection(() => fake.as<ChatSocket>(), {
      ready: async (socket) => {
        await request(socket, "hello", { role: "user", token: "t" });
        const { messages } = await resume(socket, "s1", held);
        held = mergeBySeq(held, messages);
      },
      status: () => undefined,
      refused: () => undefined,
    });
    conn.start();
    fake.connect();
    fake.reply("hello", { user: {}, token: "t" });
    await flush();
    expect(fake.last("session:join").payload).toEqual({ sessionId: "s1" });
    fake.reply("session:join", { session: session(), messages: [msg(1), msg(2)] });
    await flush();
    fake.drop();
    fake.connect();
    fake.reply("hello", { user: {}, token: "t" });
    await flush();
    expect(fake.last("session:join").payload).toEqual({ sessionId: "s1", afterSeq: 2 });
    fake.reply("session:join", { session: session(), messages: [msg(2), msg(3)] });
    await flush();
    expect(held.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(conn.socket).toBe(fake);
  });
});
