import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeSocket, flush } from "../testing/fakeSocket";
import { Connection, type ConnectionStatus } from "./connection";
import { request } from "./request";

function setup(ready?: (s: FakeSocket) => Promise<void>) {
  const sockets: FakeSocket[] = [];
  const statuses: ConnectionStatus[] = [];
  const refused = vi.fn();
  const online = vi.fn();
  const failed = vi.fn();
  const listen = vi.fn();
  const conn = new Connection(
    () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    { listen, ready, online, failed, refused, status: (st) => statuses.push(st) },
  );
  conn.start();
  return { conn, sockets, statuses, refused, online, failed, listen, s: sockets[0] };
}

afterEach(() => vi.useRealTimers());

describe("Connection", () => {
  it("runs ready after every connect and is online only once it resolved", async () => {
    const t = setup(async (s) => {
      await request(s.asSocket(), "hello", { role: "agent", token: "t" });
    });
    expect(t.statuses).toEqual(["connecting"]);
    t.s.connect();
    await flush();
    expect(t.conn.socket).toBeNull();
    t.s.reply("hello", { user: {}, token: "t" });
    await flush();
    expect(t.statuses.at(-1)).toBe("online");
    expect(t.conn.socket).toBe(t.s);
    expect(t.online).toHaveBeenCalledTimes(1);
    t.s.drop();
    expect(t.statuses.at(-1)).toBe("reconnecting");
    expect(t.conn.socket).toBeNull();
    t.s.connect();
    t.s.reply("hello", { user: {}, token: "t" });
    await flush();
    expect(t.online).toHaveBeenCalledTimes(2);
    expect(t.sockets).toHaveLength(1);
    expect(t.listen).toHaveBeenCalledTimes(1);
    expect(t.listen).toHaveBeenCalledWith(t.s);
  });

  it("reconnects by itself after the server closed the socket on purpose", async () => {
    vi.useFakeTimers();
    const t = setup();
    t.s.connect();
    await vi.advanceTimersByTimeAsync(0);
    t.s.drop("io server disconnect");
    expect(t.s.connected).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.s.connected).toBe(true);
    expect(t.s.connects).toBe(2);
    expect(t.statuses.at(-1)).toBe("online");
  });

  it("reports reconnect attempts, and other connect errors as reconnecting", () => {
    const t = setup();
    t.s.fireManager("reconnect_attempt");
    t.s.fire("connect_error", new Error("xhr poll error"));
    expect(t.statuses).toEqual(["connecting", "reconnecting", "reconnecting"]);
    expect(t.refused).not.toHaveBeenCalled();
  });

  it("closes and tells the app when the handshake token is refused", () => {
    const t = setup();
    t.s.fire("connect_error", new Error("unauthorized: token revoked"));
    expect(t.refused).toHaveBeenCalledWith("unauthorized: token revoked");
    expect(t.statuses.at(-1)).toBe("idle");
    expect(t.conn.raw).toBeNull();
    t.conn.start();
    expect(t.sockets).toHaveLength(2);
  });

  it("treats an unauthorized ack inside ready as a refusal, other failures as failed", async () => {
    const t = setup(async (s) => {
      await request(s.asSocket(), "hello", { role: "user", token: "old" });
    });
    t.s.connect();
    t.s.fail("hello", "unauthorized", "token expired");
    await flush();
    expect(t.refused).toHaveBeenCalledWith("token expired");
    const u = setup(async (s) => {
      await request(s.asSocket(), "hello", { role: "user", token: "x" });
    });
    u.s.connect();
    u.s.fail("hello", "internal", "boom");
    await flush();
    expect(u.failed).toHaveBeenCalled();
    expect(u.refused).not.toHaveBeenCalled();
  });
});
