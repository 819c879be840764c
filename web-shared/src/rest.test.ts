import { describe, expect, it } from "vitest";
import { fakeFetch } from "./testing/fakeSocket";
import { HttpError, RestClient } from "./rest";

describe("RestClient", () => {
  it("sends JSON with the bearer token and parses the answer", async () => {
    const f = fakeFetch(() => ({ status: 200, body: { token: "t1", user: { id: "a1", role: "admin", displayName: "Ada" } } }));
    const api = new RestClient({ token: () => "tok", fetch: f.fetch });
    const res = await api.login("a@x.io", "pw");
    expect(res.token).toBe("t1");
    expect(f.calls[0].url).toBe("/api/auth/login");
    expect(f.calls[0].init.method).toBe("POST");
    expect(f.calls[0].init.headers).toEqual({ "content-type": "application/json", authorization: "Bearer tok" });
    expect(JSON.parse(String(f.calls[0].init.body))).toEqual({ email: "a@x.io", password: "pw" });
  });

  it("turns { error: { code, message } } into an HttpError with the status", async () => {
    const f = fakeFetch(() => ({ status: 409, body: { error: { code: "conflict", message: "taken" } } }));
    const e = await new RestClient({ fetch: f.fetch }).get("/api/x").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HttpError);
    expect(e).toMatchObject({ status: 409, code: "conflict", message: "taken" });
    expect(f.calls[0].init.headers).toEqual({});
  });

  it("copes with empty and non-JSON bodies and a dead network", async () => {
    const empty = fakeFetch(() => ({ status: 204 }));
    await expect(new RestClient({ fetch: empty.fetch }).logout()).resolves.toBeNull();
    const html = fakeFetch(() => ({ status: 502, body: "<html>bad gateway</html>" }));
    await expect(new RestClient({ fetch: html.fetch }).get("/api/me")).rejects.toMatchObject({ status: 502, code: "internal", message: "HTTP 502" });
    const down = fakeFetch(() => new TypeError("Failed to fetch"));
    await expect(new RestClient({ fetch: down.fetch }).get("/api/me")).rejects.toMatchObject({ status: 0, code: "network" });
  });

  it("reads /api/me in either shape, under a base URL", async () => {
    const f = fakeFetch(() => ({ status: 200, body: { user: { id: "u", role: "admin", displayName: "Ada" } } }));
    const api = new RestClient({ fetch: f.fetch, base: "https://chat.example" });
    expect((await api.me()).displayName).toBe("Ada");
    expect(f.calls[0].url).toBe("https://chat.example/api/me");
    await api.sessionMessages("s/1", 4);
    expect(f.calls[1].url).toBe("https://chat.example/api/sessions/s%2F1/messages?afterSeq=4");
  });

  it("creates and changes staff accounts", async () => {
    const f = fakeFetch((_url, init) =>
      init.method === "POST"
        ? { status: 201, body: { user: { id: "a9", role: "agent", displayName: "Cy" } } }
        : { status: 200, body: { agent: { id: "a/9", active: false } } },
    );
    const api = new RestClient({ fetch: f.fetch });
    const { user } = await api.createAgent({ email: "cy@x.io", password: "longenough", displayName: "Cy", capacity: 2 });
    expect(user.id).toBe("a9");
    expect(f.calls[0]).toMatchObject({ url: "/api/agents", init: { method: "POST" } });
    expect(JSON.parse(String(f.calls[0].init.body))).toEqual({ email: "cy@x.io", password: "longenough", displayName: "Cy", capacity: 2 });
    const { agent } = await api.updateAgent("a/9", { active: false });
    expect(agent.active).toBe(false);
    expect(f.calls[1]).toMatchObject({ url: "/api/agents/a%2F9", init: { method: "PATCH" } });
    expect(JSON.parse(String(f.calls[1].init.body))).toEqual({ active: false });
  });
});
