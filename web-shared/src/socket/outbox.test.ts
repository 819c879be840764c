import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeSocket, flush } from "../testing/fakeSocket";
import { MAX_MESSAGE_CHARS, messageChars, Outbox, pendingMessage, type PendingMessage } from "./outbox";

function setup() {
  const s = new FakeSocket();
  s.connected = true;
  let waiting: PendingMessage[] = [];
  let ready = true;
  const sent = vi.fn((p: PendingMessage) => (waiting = waiting.filter((x) => x !== p)));
  const refused = vi.fn();
  const box = new Outbox({ socket: () => (ready ? s.asSocket() : null), waiting: () => waiting, sent, refused });
  const add = (text: string) => {
    const p = pendingMessage("s1", text);
    waiting.push(p);
    return p;
  };
  return { s, box, add, sent, refused, setReady: (r: boolean) => (ready = r) };
}

afterEach(() => vi.useRealTimers());

describe("Outbox", () => {
  it("never cuts a long message: it is sent whole, for the server to judge", async () => {
    const t = setup();
    const long = "😀".repeat(MAX_MESSAGE_CHARS + 123);
    const p = t.add(` ${long} `);
    expect(p.text).toBe(long);
    expect(messageChars(p.text)).toBe(MAX_MESSAGE_CHARS + 123);
    void t.box.send(p);
    expect((t.s.all("message:send")[0].payload as { text: string }).text).toBe(long);
  });

  it("sends once while in flight and reports the stored message", async () => {
    const t = setup();
    const p = t.add("  hello  ");
    expect(p.text).toBe("hello");
    void t.box.send(p);
    void t.box.send(p);
    expect(t.s.all("message:send")).toHaveLength(1);
    t.s.reply("message:send", { message: { id: "m1", seq: 1, sessionId: "s1", text: "hello" } });
    await flush();
    expect(t.sent).toHaveBeenCalledWith(p, expect.objectContaining({ id: "m1", clientMsgId: p.clientMsgId }));
  });

  it("retries a timed-out message with the same clientMsgId", async () => {
    vi.useFakeTimers();
    const t = setup();
    const p = t.add("are you there?");
    void t.box.send(p);
    t.s.timeoutAck("message:send");
    await vi.advanceTimersByTimeAsync(3000);
    const again = t.s.all("message:send");
    expect(again).toHaveLength(2);
    expect((again[1].payload as { clientMsgId: string }).clientMsgId).toBe(p.clientMsgId);
  });

  it("marks a refused message and waits while not ready", async () => {
    const t = setup();
    const p = t.add("x".repeat(5000));
    expect(p.text).toHaveLength(5000);
    void t.box.send(p);
    t.s.fail("message:send", "invalid", "Too long");
    await flush();
    expect(t.refused).toHaveBeenCalledWith(p, "Too long");
    t.setReady(false);
    t.box.flush();
    expect(t.s.all("message:send")).toHaveLength(1);
  });
});
