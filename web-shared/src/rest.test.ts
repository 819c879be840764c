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

  it("resets a password, and passes on the server's refusal", async () => {
    const f = fakeFetch((_url, init) =>
      JSON.parse(String(init.body)).password === "short"
        ? { status: 400, body: { error: { code: "invalid", message: "a password is 8 to 256 characters" } } }
        : { status: 204 },
    );
    const api = new RestClient({ token: () => "tok", fetch: f.fetch });
    await expect(api.resetPassword("a/9", "longenough")).resolves.toBeNull();
    expect(f.calls[0]).toMatchObject({ url: "/api/agents/a%2F9/password", init: { method: "POST" } });
    expect(JSON.parse(String(f.calls[0].init.body))).toEqual({ password: "longenough" });
    await expect(api.resetPassword("a9", "short")).rejects.toMatchObject({ status: 400, code: "invalid", message: "a password is 8 to 256 characters" });
  });

  it("asks for a report of a period, and its CSV as a file", async () => {
    const f = fakeFetch((url) => (url.includes(".csv") ? { status: 200, body: "id,status\n" } : { status: 200, body: { conversations: 3 } }));
    const api = new RestClient({ token: () => "tok", fetch: f.fetch });
    const period = { from: "2026-05-01T00:00:00+02:00", to: "2026-05-08T00:00:00+02:00", tz: "Europe/Paris" };
    expect((await api.reportSummary(period)).conversations).toBe(3);
    expect(f.calls[0].url).toBe("/api/reports/summary?from=2026-05-01T00%3A00%3A00%2B02%3A00&to=2026-05-08T00%3A00%3A00%2B02%3A00&tz=Europe%2FParis");
    const csv = await api.reportCsv(period);
    expect(await csv.text()).toBe("id,status\n");
    expect(f.calls[1].url).toMatch(/^\/api\/reports\/conversations\.csv\?from=.+&tz=Europe%2FParis$/);
    expect(f.calls[1].init.headers).toEqual({ authorization: "Bearer tok" });
  });

  it("turns a refused file download into an HttpError", async () => {
    const f = fakeFetch(() => ({ status: 403, body: { error: { code: "forbidden", message: "admins only" } } }));
    await expect(new RestClient({ fetch: f.fetch }).contactExport("c/1")).rejects.toMatchObject({ status: 403, code: "forbidden", message: "admins only" });
    expect(f.calls[0].url).toBe("/api/contacts/c%2F1/export");
  });

  it("crawls, follows and forgets sites", async () => {
    const f = fakeFetch((_url, init) => (init.method === "POST" ? { status: 202, body: { jobId: "j1" } } : init.method === "DELETE" ? { status: 204 } : { status: 200, body: { status: "running", pagesDone: 2, pagesFailed: 0 } }));
    const api = new RestClient({ fetch: f.fetch });
    expect(await api.ingest("https://acme.test/", 30)).toEqual({ jobId: "j1" });
    expect(f.calls[0]).toMatchObject({ url: "/ingest", init: { method: "POST" } });
    expect(JSON.parse(String(f.calls[0].init.body))).toEqual({ site: "https://acme.test/", maxPages: 30 });
    expect((await api.ingestJob("j1")).pagesDone).toBe(2);
    expect(f.calls[1].url).toBe("/ingest/j1");
    await api.forgetSite("https://acme.test/docs?a=1");
    expect(f.calls[2]).toMatchObject({ url: "/api/knowledge/sites?site=https%3A%2F%2Facme.test%2Fdocs%3Fa%3D1", init: { method: "DELETE" } });
  });

  it("pages through the audit log, and makes and revokes API tokens", async () => {
    const f = fakeFetch(() => ({ status: 200, body: {} }));
    const api = new RestClient({ fetch: f.fetch });
    await api.audit(50);
    await api.audit(50, "c 2");
    expect(f.calls.map((c) => c.url)).toEqual(["/api/audit?limit=50", "/api/audit?limit=50&cursor=c+2"]);
    await api.createApiToken("CI", "agent");
    expect(JSON.parse(String(f.calls[2].init.body))).toEqual({ name: "CI", role: "agent" });
    await api.revokeApiToken("t/1");
    await api.eraseContact("c1");
    expect(f.calls.slice(3).map((c) => `${c.init.method} ${c.url}`)).toEqual(["DELETE /api/tokens/t%2F1", "DELETE /api/contacts/c1"]);
  });
});
