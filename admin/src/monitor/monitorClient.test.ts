import { describe, expect, it } from "vitest";
import { flush } from "@webchat/shared/testing/fakeSocket";
import { harness } from "../test/harness";
import { msg, session, stats, summary } from "../test/fixtures";
import { filterSessions } from "./filters";
import { liveCounts, REFUSED } from "./monitorClient";

async function live(answer?: Parameters<typeof harness>[0]) {
  const h = harness(answer);
  h.monitor.start();
  const s = h.socket();
  s.connect();
  await flush();
  return { ...h, s };
}

const agent = (id: string, displayName: string, status: "online" | "away" | "offline") => ({
  id,
  role: "agent" as const,
  displayName,
  email: `${id}@x.io`,
  createdAt: "2026-12-01T00:00:00Z",
  status,
  capacity: 3,
  activeChats: 1,
  active: true,
});

describe("MonitorClient team", () => {
  it("loads the team when live and follows admin:agent:update", async () => {
    const { monitor, s, http } = await live((url) =>
      url.endsWith("/api/agents") ? { status: 200, body: { agents: [agent("b", "Bob", "online")] } } : { status: 404 },
    );
    await flush();
    expect(http.calls.some((c) => c.url.endsWith("/api/agents"))).toBe(true);
    expect(monitor.getState().agents.get("b")?.status).toBe("online");
    s.fire("admin:agent:update", agent("b", "Bob", "away"));
    s.fire("admin:agent:update", agent("c", "Carol", "online"));
    const team = monitor.getState().agents;
    expect(team.get("b")?.status).toBe("away");
    expect(team.size).toBe(2);
  });

  it("creates and changes staff accounts through the API and keeps the team in step", async () => {
    const { monitor, http } = await live((url, init) => {
      if (init.method === "POST") return { status: 201, body: { user: { id: "c", role: "supervisor", displayName: "Carol" } } };
      if (init.method === "PATCH") return { status: 200, body: { agent: { ...agent("c", "Carol", "offline"), capacity: 5 } } };
      return url.endsWith("/api/agents") ? { status: 200, body: { agents: [agent("b", "Bob", "online")] } } : { status: 404 };
    });
    await flush();
    const made = await monitor.createAgent({ email: "c@x.io", password: "password1", displayName: "Carol", role: "supervisor", capacity: 4 });
    expect(made).toMatchObject({ id: "c", role: "supervisor", capacity: 4, activeChats: 0, status: "offline", active: true });
    expect(monitor.getState().agents.get("c")?.displayName).toBe("Carol");
    await monitor.updateAgent("c", { capacity: 5 });
    expect(monitor.getState().agents.get("c")?.capacity).toBe(5);
    const patch = http.calls.find((c) => c.init.method === "PATCH")!;
    expect(patch.url).toBe("/api/agents/c");
    expect(JSON.parse(String(patch.init.body))).toEqual({ capacity: 5 });
  });

  it("keeps the latest progress of each crawl", async () => {
    const { monitor, s } = await live();
    const step = (jobId: string, pagesDone: number, status = "running") => ({ jobId, site: "https://acme.test/", pagesDone, pagesFailed: 0, status });
    s.fire("ingest:progress", step("j1", 1));
    s.fire("ingest:progress", step("j2", 4));
    s.fire("ingest:progress", step("j1", 5, "done"));
    expect(monitor.getState().ingest.get("j1")).toMatchObject({ pagesDone: 5, status: "done" });
    expect(monitor.getState().ingest.get("j2")?.pagesDone).toBe(4);
  });

  it("says when the team could not be loaded", async () => {
    const { monitor } = await live(() => ({ status: 503, body: { error: { code: "unavailable", message: "down" } } }));
    await flush();
    expect(monitor.getState().teamError).toMatch(/Could not load the team/);
  });
});

describe("MonitorClient", async () => {
  it("is live on connect and takes the bootstrap: sessions, stats, summaries", async () => {
    const { monitor, s } = await live();
    expect(monitor.getState().connection).toBe("online");
    s.fire("admin:bootstrap", {
      sessions: [session(), session({ id: "s2", status: "closed", summary: summary({ sessionId: "s2" }) })],
      stats,
    });
    const st = monitor.getState();
    expect(st.sessions.size).toBe(2);
    expect(st.stats.medianWaitSeconds).toBe(75);
    expect([...st.summaries.keys()]).toEqual(["s2"]);
    s.fire("admin:stats", { ...stats, closedToday: 4 });
    expect(monitor.getState().stats.closedToday).toBe(4);
  });

  it("follows sessions live, counting a close once", async () => {
    const { monitor, s } = await live();
    s.fire("admin:bootstrap", { sessions: [session()], stats });
    s.fire("admin:session:update", session({ status: "queued_for_agent" }));
    expect(liveCounts(monitor.getState().sessions)).toEqual({ queued: 1, active: 0 });
    s.fire("admin:session:update", session({ status: "closed" }));
    s.fire("admin:session:update", session({ status: "closed" }));
    expect(monitor.getState().stats.closedToday).toBe(4);
    s.fire("admin:session:update", session({ id: "s3", createdAt: new Date().toISOString() }));
    const shown = () => filterSessions(monitor.getState().sessions.values(), monitor.getState().filters).map((x) => x.id);
    expect(shown()).toEqual(["s3", "s1"]);
    monitor.setFilters({ status: "closed" });
    expect(shown()).toEqual(["s1"]);
    monitor.setFilters({ status: "open" });
    expect(shown()).toEqual(["s3"]);
    monitor.setFilters({ channel: "whatsapp" });
    expect(shown()).toEqual([]);
    monitor.clearFilters();
    expect(shown()).toEqual(["s3", "s1"]);
  });

  it("loads the chosen transcript over HTTP with the token, then keeps it live", async () => {
    const { monitor, s, http, storage } = await live(() => ({ status: 200, body: { session: session(), messages: [msg(1), msg(2)] } }));
    storage.setItem("webchat.admin.token", "adm");
    s.fire("admin:bootstrap", { sessions: [session()], stats });
    monitor.select("s1");
    await flush();
    const transcript = http.calls.filter((c) => c.url.startsWith("/api/sessions/"));
    expect(transcript[0].url).toBe("/api/sessions/s1/messages");
    expect(transcript[0].init.headers).toEqual({ authorization: "Bearer adm" });
    s.fire("admin:message:new", msg(3, { senderType: "bot" }));
    s.fire("admin:message:new", msg(2));
    expect(monitor.getState().transcript.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(monitor.getState().sessions.get("s1")?.messageCount).toBe(3);
    s.fire("admin:message:new", msg(1, { sessionId: "other" }));
    expect(monitor.getState().transcript).toHaveLength(3);
  });

  it("reloads the transcript after a reconnect, and says when it cannot", async () => {
    let fail = false;
    const { monitor, s, http } = await live(() => (fail ? { status: 500, body: { error: { code: "internal", message: "boom" } } } : { status: 200, body: { session: session(), messages: [msg(1)] } }));
    monitor.select("s1");
    await flush();
    s.drop();
    expect(monitor.getState().connection).toBe("reconnecting");
    fail = true;
    s.connect();
    await flush();
    expect(http.calls.filter((c) => c.url.startsWith("/api/sessions/"))).toHaveLength(2);
    expect(monitor.getState().transcriptError).toBe("Could not load the transcript: boom");
    expect(monitor.getState().transcript).toHaveLength(1);
  });

  it("signs out when the namespace refuses the token", async () => {
    const { auth, s, storage } = await live();
    storage.setItem("webchat.admin.token", "old");
    s.fire("connect_error", new Error("forbidden: not an admin"));
    expect(auth.getState()).toMatchObject({ status: "loggedOut", error: REFUSED });
    expect(storage.getItem("webchat.admin.token")).toBeNull();
  });
});
