import { describe, expect, it } from "vitest";
import { FakeSocket, flush } from "../testing/fakeSocket";
import { request, RequestError, REQUEST_TIMEOUT_MS } from "./request";

describe("request", () => {
  it("emits the payload with a timeout and resolves with the ack data", async () => {
    const s = new FakeSocket();
    const p = request(s.asSocket(), "session:create", { site: "https://a.example" });
    expect(s.last("session:create")).toMatchObject({ payload: { site: "https://a.example" }, timeoutMs: REQUEST_TIMEOUT_MS });
    s.reply("session:create", { session: { id: "s1" } });
    await expect(p).resolves.toMatchObject({ ok: true, session: { id: "s1" } });
  });

  it("rejects an ok:false ack with its code and message", async () => {
    const s = new FakeSocket();
    const p = request(s.asSocket(), "agent:claim", { sessionId: "s1" });
    s.fail("agent:claim", "conflict", "session already taken by Bob");
    const e = await p.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RequestError);
    expect(e).toMatchObject({ code: "conflict", message: "session already taken by Bob", retriable: false });
  });

  it("turns a missing ack into a retriable timeout", async () => {
    const s = new FakeSocket();
    const p = request(s.asSocket(), "message:read", { sessionId: "s1", seq: 3 }, 50);
    expect(s.last("message:read").timeoutMs).toBe(50);
    s.timeoutAck("message:read");
    await expect(p).rejects.toMatchObject({ code: "timeout", retriable: true });
  });

  it("treats a reply of no known shape as internal, and rate_limited as retriable", async () => {
    const s = new FakeSocket();
    const a = request(s.asSocket(), "handoff:request", { sessionId: "s1" });
    s.answer("handoff:request", "yes");
    await expect(a).rejects.toMatchObject({ code: "internal", message: "Unexpected reply." });
    const b = request(s.asSocket(), "handoff:request", { sessionId: "s1" });
    s.answer("handoff:request", { ok: false, error: { code: "rate_limited" } });
    await expect(b).rejects.toMatchObject({ code: "rate_limited", message: "rate_limited", retriable: true });
    await flush();
  });
});
