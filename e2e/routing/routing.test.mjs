// End-to-end test of automatic routing, presence, transfer and monitoring
// (/work/shared/PROTOCOL.md Part 2, "Roles" and "Presence and routing")
// against a running server, with the official socket.io-client.
//
//   ROUTING=auto AGENT_OFFLINE_GRACE_SECS=2 QUEUE_ALERT_SECS=1 target/debug/webchat …
//   WEBCHAT_URL=http://127.0.0.1:3001 WEBCHAT_ADMIN_EMAIL=… WEBCHAT_ADMIN_PASSWORD=… \
//     node --test e2e/routing/
//
// The server must be this suite's own: every online agent is a routing
// target, so agents of another suite would take its chats. Each story starts
// its own agents and, when done, sets them away, closes its chats and
// disconnects, so the next story starts with an empty queue and nobody
// online. Waits are on events; only the offline grace is waited out.

import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { ADMIN_EMAIL, ADMIN_PASSWORD, BASE_URL, Client, TIMEOUT, http, login, short, show, uid } from "../socketio/lib.mjs";

/** AGENT_OFFLINE_GRACE_SECS of the server under test (the routing step waits it out). */
const GRACE_SECS = Number(process.env.WEBCHAT_OFFLINE_GRACE_SECS || 2);
/** How long after the grace the sweep may take to notice and requeue (ms). */
const SWEEP_SLACK = Number(process.env.WEBCHAT_E2E_SWEEP_SLACK_MS || 8000);

let adminToken;

before(async () => {
  const health = await http("GET", "/health");
  assert.equal(health.status, 200, `GET /health answered ${health.status} ${health.text.slice(0, 200)}`);
  adminToken = (await login(ADMIN_EMAIL, ADMIN_PASSWORD)).token;
  const queued = await http("GET", "/api/sessions?status=queued_for_agent", { token: adminToken });
  assert.equal(queued.status, 200, `GET /api/sessions: ${queued.status} ${queued.text.slice(0, 200)}`);
  assert.deepEqual(
    (queued.json.sessions ?? []).map((s) => s.id),
    [],
    "the queue must be empty at the start: run this suite against a server of its own",
  );
});

// ------------------------------------------------------------- helpers ---

/** Staff accounts and sockets of one story, and what to clean up after it. */
class Story {
  constructor(name) {
    this.name = name;
    this.sockets = [];
    this.agents = [];
    this.visitors = [];
  }

  track(c) {
    this.sockets.push(c);
    return c;
  }

  /** POST /api/agents, then log in. */
  async staff(displayName, { role, capacity } = {}) {
    const email = `routing-${short()}-${Date.now()}@example.test`;
    const password = `pw-${uid()}`;
    const body = { email, password, displayName };
    if (role) body.role = role;
    if (capacity !== undefined) body.capacity = capacity;
    const r = await http("POST", "/api/agents", { token: adminToken, body });
    assert.equal(r.status, 201, `POST /api/agents ${show(body)}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
    assert.equal(r.json.user.role, role ?? "agent", `the account has the role asked for: ${show(r.json.user)}`);
    const { token, user } = await login(email, password);
    return { displayName, token, user, id: user.id };
  }

  /** The staff member's socket, after hello (status online for a new account). */
  async online(staff) {
    const c = this.track(new Client(staff.displayName, "/", { token: staff.token }));
    await c.connect();
    const hello = await c.ok("hello", { role: "agent", token: staff.token });
    assert.equal(hello.user?.id, staff.id, `hello returns the staff member: ${show(hello)}`);
    await c.waitFor("queue:bootstrap", () => true, { what: "after hello" });
    c.staff = staff;
    this.agents.push(c);
    return c;
  }

  /** A visitor with a session that asked for a human; returns { v, sessionId, text }. */
  async queued(displayName) {
    const v = this.track(new Client(`visitor ${displayName}`, "/", {}));
    await v.connect();
    await v.ok("hello", { role: "user", displayName });
    const sessionId = (await v.ok("session:create", {})).session.id;
    const text = `${displayName} needs help with order ${short()}`;
    await v.ok("message:send", { sessionId, text, clientMsgId: uid() });
    const ack = await v.ok("handoff:request", { sessionId });
    assert.ok(
      ["queued_for_agent", "active_with_agent"].includes(ack.session?.status),
      `handoff:request queues the chat (or it is routed at once): ${show(ack)}`,
    );
    const visitor = { v, sessionId, text, displayName };
    this.visitors.push(visitor);
    return visitor;
  }

  /** Away first (no more routing), then every chat closed, then the sockets. */
  async cleanUp() {
    const live = this.agents.filter((a) => a.connected);
    await Promise.all(live.map((a) => a.call("agent:status", { status: "away" }).catch(() => undefined)));
    for (const a of live) {
      for (const { session } of a.all("session:assigned")) {
        await a.call("session:close", { sessionId: session.id }).catch(() => undefined);
      }
    }
    for (const { v, sessionId } of this.visitors) {
      if (v.connected) await v.call("session:close", { sessionId }).catch(() => undefined);
    }
    await Promise.all(this.sockets.map((c) => c.close()));
  }
}

const forSession = (id) => (e) => e?.session?.id === id || e?.sessionId === id;
const systemText = (id, text) => (m) => m.sessionId === id && m.senderType === "system" && m.text === text;

/** The ordered steps of one story: after a failure the rest are skipped. */
function steps() {
  let broken = null;
  return (name, fn) =>
    it(name, async (t) => {
      if (broken) return t.skip(`needs "${broken}", which failed`);
      try {
        await fn(t);
      } catch (e) {
        broken = name;
        throw e;
      }
    });
}

async function assertAssigned(agent, visitor, { since = 0 } = {}) {
  const got = await agent.waitFor("session:assigned", forSession(visitor.sessionId), {
    since,
    what: `${visitor.displayName}'s chat routed to ${agent.name}`,
  });
  assert.equal(got.session.status, "active_with_agent", `a routed chat is active: ${show(got.session)}`);
  assert.equal(got.session.agentId, agent.staff.id, `routed to ${agent.name}: ${show(got.session)}`);
  assert.ok(
    got.messages?.some((m) => m.text === visitor.text),
    `${agent.name} gets the history with it: ${show(got.messages)}`,
  );
  return got;
}

async function assertVisitorTold(visitor, agent, { since = 0 } = {}) {
  const accepted = await visitor.v.waitFor("handoff:accepted", (e) => e.sessionId === visitor.sessionId && e.agent?.id === agent.staff.id, {
    since,
    what: `${agent.name} has the chat`,
  });
  assert.equal(accepted.agent.displayName, agent.staff.displayName);
}

// ========================================================================
describe("routing by load: two agents with capacity 1, three visitors", () => {
  const S = new Story("load");
  const step = steps();
  after(() => S.cleanUp());

  step("two agents with capacity 1 come online", async () => {
    const n = short();
    S.a = await S.online(await S.staff(`Alma ${n}`, { capacity: 1 }));
    S.b = await S.online(await S.staff(`Boris ${n}`, { capacity: 1 }));
    const team = await http("GET", "/api/agents", { token: S.a.staff.token });
    assert.equal(team.status, 200, `GET /api/agents as an agent: ${team.status} ${team.text.slice(0, 200)}`);
    for (const c of [S.a, S.b]) {
      const me = team.json.agents.find((x) => x.id === c.staff.id);
      assert.ok(me, `GET /api/agents lists ${c.name}: ${show(team.json)}`);
      assert.equal(me.capacity, 1, `capacity as created: ${show(me)}`);
      assert.equal(me.status, "online", `a new agent is online after hello: ${show(me)}`);
    }
  });

  step("the first two visitors are routed one each", async () => {
    const marks = [S.a.mark(), S.b.mark()];
    S.v1 = await S.queued(`Vic ${short()}`);
    const first = await Promise.race([
      S.a.waitFor("session:assigned", forSession(S.v1.sessionId), { since: marks[0] }).then(() => S.a),
      S.b.waitFor("session:assigned", forSession(S.v1.sessionId), { since: marks[1] }).then(() => S.b),
    ]);
    S.first = first;
    S.second = first === S.a ? S.b : S.a;
    S.v2 = await S.queued(`Wanda ${short()}`);
    await assertAssigned(S.first, S.v1);
    await assertAssigned(S.second, S.v2);
    await assertVisitorTold(S.v1, S.first);
    await assertVisitorTold(S.v2, S.second);
    for (const [c, since] of [[S.a, marks[0]], [S.b, marks[1]]]) {
      for (const v of [S.v1, S.v2]) {
        const rm = await c.waitFor("queue:remove", (e) => e.sessionId === v.sessionId, { since, what: `${v.displayName} leaves the queue` });
        assert.equal(rm.reason, "assigned", `${c.name}: queue:remove ${show(rm)}`);
      }
    }
    await S.v1.v.waitFor("message:new", systemText(S.v1.sessionId, `${S.first.staff.displayName} joined the chat.`), {
      what: "the join as a system message",
    });
    assert.equal(S.first.all("session:assigned").length, 1, `${S.first.name} got one chat: ${show(S.first.all("session:assigned"))}`);
    assert.equal(S.second.all("session:assigned").length, 1, `${S.second.name} got one chat`);
    // claiming a chat already routed to you is a harmless retry
    const retry = await S.first.call("agent:claim", { sessionId: S.v1.sessionId });
    assert.equal(retry?.ok, true, `agent:claim of one's own routed chat: ${show(retry)}`);
  });

  step("the third waits: queue:position 1 to the visitor, queue:alert to the agents", async () => {
    const marks = [S.a.mark(), S.b.mark()];
    S.v3 = await S.queued(`Xena ${short()}`);
    const pos = await S.v3.v.waitFor("queue:position", (p) => p.sessionId === S.v3.sessionId, { what: "its place in line" });
    assert.equal(pos.position, 1, `the only queued visitor is next: ${show(pos)}`);
    if (pos.estimatedWaitSecs !== undefined && pos.estimatedWaitSecs !== null) {
      assert.ok(Number.isInteger(pos.estimatedWaitSecs) && pos.estimatedWaitSecs >= 0, `estimate: ${show(pos)}`);
    }
    for (const [c, since] of [[S.a, marks[0]], [S.b, marks[1]]]) {
      const alert = await c.waitFor("queue:alert", (e) => e.sessionId === S.v3.sessionId, {
        since,
        timeout: TIMEOUT + 3000,
        what: "the long wait announced (QUEUE_ALERT_SECS=1)",
      });
      assert.ok(Number.isInteger(alert.waitingSecs) && alert.waitingSecs >= 1, `waitingSecs: ${show(alert)}`);
      assert.equal(c.all("session:assigned", forSession(S.v3.sessionId)).length, 0, `${c.name} is full: no third chat`);
    }
  });

  step("closing a chat frees its agent, who gets the third", async () => {
    const marks = [S.first.mark(), S.second.mark()];
    const vMark = S.v3.v.mark();
    const closed = await S.first.ok("session:close", { sessionId: S.v1.sessionId });
    assert.equal(closed.session?.status, "closed");
    await assertAssigned(S.first, S.v3, { since: marks[0] });
    await assertVisitorTold(S.v3, S.first, { since: vMark });
    for (const [c, since] of [[S.first, marks[0]], [S.second, marks[1]]]) {
      const rm = await c.waitFor("queue:remove", (e) => e.sessionId === S.v3.sessionId, { since, what: "the third leaves the queue" });
      assert.equal(rm.reason, "assigned", show(rm));
    }
    assert.equal(S.second.all("session:assigned", forSession(S.v3.sessionId)).length, 0, `${S.second.name} (full) did not get it`);
  });
});

// ========================================================================
describe("an agent whose socket vanishes loses the chat to another agent", () => {
  const S = new Story("grace");
  const step = steps();
  after(() => S.cleanUp());

  step("the chat is routed to the only online agent", async () => {
    const n = short();
    S.p = await S.online(await S.staff(`Pia ${n}`));
    S.v = await S.queued(`Yuri ${short()}`);
    await assertAssigned(S.p, S.v);
    await assertVisitorTold(S.v, S.p);
    // a second agent comes online once the first has the chat
    S.q = await S.online(await S.staff(`Quinn ${n}`));
  });

  step(`after the grace (${GRACE_SECS} s) the chat goes back and on to the other agent`, async () => {
    const vMark = S.v.v.mark();
    const qMark = S.q.mark();
    const gone = Date.now();
    S.p.socket.disconnect(); // no logout: the socket is just gone
    const left = `${S.p.staff.displayName} left the chat; we are finding someone else.`;
    const told = await S.v.v.waitFor("message:new", systemText(S.v.sessionId, left), {
      since: vMark,
      timeout: GRACE_SECS * 1000 + SWEEP_SLACK,
      what: "the first agent is gone",
    });
    const after = Date.now() - gone;
    assert.ok(after >= GRACE_SECS * 1000 - 250, `the chat stayed with the agent for the grace period (back after ${after} ms)`);
    S.reassigned = await assertAssigned(S.q, S.v, { since: qMark });
    assert.ok(
      S.reassigned.messages.some((m) => m.id === told.id),
      `the new agent sees the "left the chat" message in the history: ${show(S.reassigned.messages)}`,
    );
    await assertVisitorTold(S.v, S.q, { since: vMark });
    const team = await http("GET", "/api/agents", { token: S.q.staff.token });
    const p = team.json.agents.find((x) => x.id === S.p.staff.id);
    assert.equal(p?.status, "offline", `the vanished agent is offline: ${show(p)}`);
    assert.equal(p?.activeChats, 0, `and has no chats left: ${show(p)}`);
  });

  step("the chat works with the new agent", async () => {
    const vMark = S.v.v.mark();
    const text = `Quinn here, picking this up ${short()}`;
    await S.q.ok("message:send", { sessionId: S.v.sessionId, text, clientMsgId: uid() });
    await S.v.v.waitFor("message:new", (m) => m.sessionId === S.v.sessionId && m.text === text, { since: vMark });
  });

  // PROTOCOL.md: `from` is "the previous agent on a transfer or requeue".
  step("session:assigned after a requeue names the previous agent in `from`", () => {
    assert.ok(S.reassigned, "needs the requeue step");
    assert.equal(S.reassigned.from?.id, S.p.staff.id, `from: ${show(S.reassigned.from)}`);
  });
});

// ========================================================================
describe("transfer with a private note", () => {
  const S = new Story("transfer");
  const step = steps();
  after(() => S.cleanUp());

  step("a chat is routed to one of two agents", async () => {
    const n = short();
    S.t1 = await S.online(await S.staff(`Tess ${n}`));
    S.v = await S.queued(`Zoe ${short()}`);
    await assertAssigned(S.t1, S.v);
    S.t2 = await S.online(await S.staff(`Umar ${n}`));
  });

  step("the agent hands it over with a note: the target gets the chat and the note", async () => {
    S.note = `Refund approved, ref ${short()}: do not tell the visitor about internal limits`;
    const m1 = S.t1.mark();
    const m2 = S.t2.mark();
    const vMark = S.v.v.mark();
    const ack = await S.t1.ok("session:transfer", { sessionId: S.v.sessionId, toAgentId: S.t2.staff.id, note: S.note });
    assert.equal(ack.session?.agentId, S.t2.staff.id, `the session is with the target: ${show(ack)}`);
    assert.equal(ack.session?.status, "active_with_agent");

    const got = await S.t2.waitFor("session:assigned", forSession(S.v.sessionId), { since: m2, what: "the transferred chat" });
    assert.equal(got.note?.text, S.note, `the note comes with it: ${show(got)}`);
    assert.equal(got.note.sessionId, S.v.sessionId);
    assert.equal(got.note.authorId, S.t1.staff.id, `the note's author: ${show(got.note)}`);
    assert.equal(got.note.authorName, S.t1.staff.displayName);
    assert.ok(got.note.id && got.note.createdAt, `a full Note: ${show(got.note)}`);
    assert.equal(got.from?.id, S.t1.staff.id, `from: the previous agent: ${show(got.from)}`);
    assert.ok(got.messages.some((m) => m.text === S.v.text), "the history comes with it");

    const lost = await S.t1.waitFor("session:unassigned", forSession(S.v.sessionId), { since: m1, what: "the old agent loses it" });
    assert.equal(lost.reason, "transferred", show(lost));

    const handed = `${S.t1.staff.displayName} handed the chat to ${S.t2.staff.displayName}.`;
    await S.v.v.waitFor("message:new", systemText(S.v.sessionId, handed), { since: vMark, what: "the handover, as a system message" });
    await assertVisitorTold(S.v, S.t2, { since: vMark });
  });

  step("the new agent chats; the old one is out", async () => {
    const vMark = S.v.v.mark();
    const text = `Umar here ${short()}`;
    await S.t2.ok("message:send", { sessionId: S.v.sessionId, text, clientMsgId: uid() });
    await S.v.v.waitFor("message:new", (m) => m.sessionId === S.v.sessionId && m.text === text, { since: vMark });
    const refused = await S.t1.call("message:send", { sessionId: S.v.sessionId, text: "still me?", clientMsgId: uid() });
    assert.equal(refused?.ok, false, `the old agent may no longer write: ${show(refused)}`);
    assert.equal(refused.error?.code, "forbidden", show(refused));
  });

  step("the visitor never receives the note, in any event or in the history", async () => {
    const join = await S.v.v.ok("session:join", { sessionId: S.v.sessionId });
    const everything = JSON.stringify({ events: S.v.v.events, join });
    assert.ok(!everything.includes(S.note), "the note text reached the visitor");
    assert.ok(!everything.includes("internal limits"), "part of the note reached the visitor");
    assert.equal(S.v.v.all("note:new").length, 0, "no note:new to the visitor");
  });
});

// ========================================================================
describe("a supervisor monitors a chat silently", () => {
  const S = new Story("monitor");
  const step = steps();
  after(() => S.cleanUp());

  step("an agent has a chat; a supervisor (role supervisor) comes online", async () => {
    const n = short();
    S.m = await S.online(await S.staff(`Mona ${n}`));
    S.v = await S.queued(`Ari ${short()}`);
    await assertAssigned(S.m, S.v);
    S.sup = await S.online(await S.staff(`Sue ${n}`, { role: "supervisor" }));
    assert.equal(S.sup.staff.user.role, "supervisor", `login returns the supervisor role: ${show(S.sup.staff.user)}`);
  });

  step("session:monitor returns the chat; live messages and notes follow, unseen by the visitor", async () => {
    const vMark = S.v.v.mark();
    const ack = await S.sup.ok("session:monitor", { sessionId: S.v.sessionId });
    assert.equal(ack.session?.id, S.v.sessionId);
    assert.equal(ack.session.agentId, S.m.staff.id, `monitoring does not take the chat: ${show(ack.session)}`);
    assert.ok(ack.messages?.some((m) => m.text === S.v.text), `the history: ${show(ack.messages)}`);
    assert.ok(Array.isArray(ack.notes), `notes: ${show(ack)}`);

    const sMark = S.sup.mark();
    const fromVisitor = `Is anyone reading this? ${short()}`;
    await S.v.v.ok("message:send", { sessionId: S.v.sessionId, text: fromVisitor, clientMsgId: uid() });
    const fromAgent = `Yes, Mona here ${short()}`;
    await S.m.ok("message:send", { sessionId: S.v.sessionId, text: fromAgent, clientMsgId: uid() });
    for (const text of [fromVisitor, fromAgent]) {
      await S.sup.waitFor("message:new", (m) => m.sessionId === S.v.sessionId && m.text === text, { since: sMark, what: "a live message" });
    }
    const noteText = `watch the tone ${short()}`;
    await S.m.ok("note:add", { sessionId: S.v.sessionId, text: noteText });
    await S.sup.waitFor("note:new", (n) => n.sessionId === S.v.sessionId && n.text === noteText, { since: sMark, what: "the agent's note" });

    const seen = S.v.v.events.slice(vMark);
    assert.equal(seen.filter((e) => e.name === "handoff:accepted").length, 0, `the visitor is not told of the supervisor: ${show(seen)}`);
    assert.ok(
      !seen.some((e) => e.name === "message:new" && e.data.senderType === "system"),
      `no system message about the supervisor: ${show(seen)}`,
    );
    assert.ok(!JSON.stringify(seen).includes(S.sup.staff.displayName), "the supervisor's name never reaches the visitor");
  });

  step("an agent calling session:monitor is forbidden", async () => {
    const refused = await S.m.call("session:monitor", { sessionId: S.v.sessionId });
    assert.equal(refused?.ok, false, `an agent may not monitor: ${show(refused)}`);
    assert.equal(refused.error?.code, "forbidden", show(refused));
    assert.ok(S.m.connected, "the refusal keeps the socket");
  });
});

process.on("exit", () => {
  if (process.exitCode) console.error(`(server under test: ${BASE_URL})`);
});
