// End-to-end test of the Webchat Socket.IO contract (/work/shared/PROTOCOL.md)
// against a running server, with the official socket.io-client.
//
//   WEBCHAT_URL=http://127.0.0.1:3001 WEBCHAT_ADMIN_EMAIL=… WEBCHAT_ADMIN_PASSWORD=… \
//     node --test e2e/socketio/
//
// The "conversation" suite is one ordered story (visitor, two agents, an
// admin watching); a step whose prerequisites failed is skipped, not failed,
// so the first failure is the one to read. The "bad input" and "refused
// handshakes" suites stand alone.

import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  BASE_URL,
  Client,
  SLOW_TIMEOUT,
  forgedToken,
  http,
  login,
  short,
  show,
  tamperedToken,
  uid,
} from "./lib.mjs";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every socket opened by a test, closed at the end so node can exit. */
const opened = [];
function client(name, ns, auth) {
  const c = new Client(name, ns, auth);
  opened.push(c);
  return c;
}
after(async () => {
  await Promise.all(opened.map((c) => c.close()));
});

/** Require `{ ok:false, error:{ code } }` with one of `codes`. */
function assertRefused(ack, codes, what) {
  codes = [].concat(codes);
  assert.ok(ack && ack.ok === false, `${what}: the server accepted it, ack ${show(ack)}`);
  assert.ok(
    ack.error && codes.includes(ack.error.code),
    `${what}: expected error code ${codes.join(" or ")}, ack ${show(ack)}`,
  );
}

async function adminLogin() {
  const health = await http("GET", "/health");
  assert.equal(health.status, 200, `GET /health answered ${health.status} ${health.text.slice(0, 200)}`);
  return login(ADMIN_EMAIL, ADMIN_PASSWORD);
}

async function createAgent(adminToken, displayName) {
  const email = `e2e-${short()}-${Date.now()}@example.test`;
  const password = `pw-${uid()}`;
  const r = await http("POST", "/api/agents", {
    token: adminToken,
    body: { email, password, displayName },
  });
  assert.equal(r.status, 201, `POST /api/agents should create agent ${email}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
  assert.ok(r.json?.user?.id, `POST /api/agents returned no user: ${r.text.slice(0, 300)}`);
  assert.equal(r.json.user.role, "agent", `a created agent should have role agent: ${show(r.json.user)}`);
  assert.equal(r.json.user.displayName, displayName);
  return { email, password, user: r.json.user };
}

// ========================================================================
describe("conversation: visitor, bot, handoff, two agents, resume, end", () => {
  const S = {}; // shared state of the story
  let broken = null; // name of the first step that failed

  /**
   * An ordered step: skipped when an earlier step failed and left the story
   * unusable. `canContinue()` (checked after a failure) says whether the
   * state the later steps need is there anyway.
   */
  function step(name, fn, canContinue = () => false) {
    it(name, async (t) => {
      if (broken) {
        t.skip(`needs the earlier step "${broken}", which failed`);
        return;
      }
      try {
        await fn(t);
      } catch (e) {
        if (!canContinue()) broken = name;
        throw e;
      }
    });
  }

  step("1. admin logs in and creates two agents", async () => {
    const admin = await adminLogin();
    assert.ok(admin.token, "login returned no token");
    assert.equal(admin.user?.role, "admin", `the admin login should return an admin user: ${show(admin.user)}`);
    S.adminToken = admin.token;

    const n = short();
    S.agentA = await createAgent(S.adminToken, `Agent A ${n}`);
    S.agentB = await createAgent(S.adminToken, `Agent B ${n}`);
    for (const ag of [S.agentA, S.agentB]) {
      const l = await login(ag.email, ag.password);
      assert.equal(l.user?.id, ag.user.id, "the new agent can log in and gets its own user back");
      assert.equal(l.user?.role, "agent");
      ag.token = l.token;
    }
  });

  step("2. /admin namespace: admin gets admin:bootstrap; visitor and forged tokens are refused", async () => {
    S.admin = client("admin socket", "/admin", { token: S.adminToken });
    await S.admin.connect();
    const boot = await S.admin.waitFor("admin:bootstrap", () => true, { what: "sent on connect" });
    assert.ok(Array.isArray(boot.sessions), `admin:bootstrap should list sessions: ${show(boot)}`);
    assert.ok(boot.stats !== undefined, `admin:bootstrap should carry stats: ${show(boot)}`);

    // a visitor token (issued by hello) must not open /admin
    const probe = client("visitor for /admin probe", "/", {});
    await probe.connect();
    const hello = await probe.ok("hello", { role: "user", displayName: "Probe" });
    await probe.close();
    const asVisitor = client("/admin with visitor token", "/admin", { token: hello.token });
    await asVisitor.expectRefused();
    const forged = client("/admin with forged token", "/admin", { token: forgedToken() });
    await forged.expectRefused();
    const tampered = client("/admin with tampered admin token", "/admin", { token: tamperedToken(S.adminToken) });
    await tampered.expectRefused();
    const none = client("/admin without token", "/admin", {});
    await none.expectRefused();
    // an agent is not an admin either
    const asAgent = client("/admin with agent token", "/admin", { token: S.agentA.token });
    await asAgent.expectRefused();
  }, () => S.admin?.connected);

  step("3. visitor says hello, opens a session, the bot answers, resending is idempotent", async () => {
    const v = (S.visitor = client("visitor", "/", {}));
    await v.connect();
    const hello = await v.ok("hello", { role: "user", displayName: "Ada" });
    assert.ok(hello.token, `hello should issue a token: ${show(hello)}`);
    assert.equal(hello.user?.role, "user", `hello should return a user: ${show(hello)}`);
    assert.equal(hello.user?.displayName, "Ada");
    S.visitorToken = hello.token;
    S.visitorUser = hello.user;

    const created = await v.ok("session:create", {});
    const session = created.session;
    assert.ok(session && UUID_RE.test(session.id), `session:create should return a session with a UUID id: ${show(created)}`);
    assert.equal(session.status, "bot_pending", "a new session starts with the bot");
    assert.equal(session.userId, S.visitorUser.id, "the session belongs to the visitor");
    S.sessionId = session.id;

    const mark = v.mark();
    const adminMark = S.admin.mark();
    S.firstText = `Hello, I need help with my order ${short()}`;
    const clientMsgId = uid();
    const sent = await v.ok("message:send", { sessionId: S.sessionId, text: S.firstText, clientMsgId });
    const msg = sent.message;
    assert.ok(msg && UUID_RE.test(msg.id), `message:send should ack the stored message: ${show(sent)}`);
    assert.equal(msg.sessionId, S.sessionId);
    assert.equal(msg.text, S.firstText);
    assert.equal(msg.senderType, "user");
    assert.ok(Number.isInteger(msg.seq) && msg.seq >= 1, `the message should have a seq: ${show(msg)}`);
    S.firstSent = true;

    const bot = await v.waitFor("message:new", (m) => m.sessionId === S.sessionId && m.senderType === "bot", {
      since: mark,
      timeout: SLOW_TIMEOUT,
      what: "the bot's answer",
    });
    assert.ok(typeof bot.text === "string" && bot.text.length > 0, `the bot answer should have text: ${show(bot)}`);
    assert.ok(bot.seq > msg.seq, `the bot answer comes after the question: question seq ${msg.seq}, answer ${show(bot)}`);

    const again = await v.ok("message:send", { sessionId: S.sessionId, text: S.firstText, clientMsgId });
    assert.equal(again.message?.id, msg.id, `resending the same clientMsgId should ack the same message, got ${show(again)}`);
    assert.equal(again.message?.seq, msg.seq, "resending the same clientMsgId keeps its seq");

    // no second copy stored: the full history has the clientMsgId once
    const all = await v.ok("session:join", { sessionId: S.sessionId });
    const copies = all.messages.filter((m) => m.clientMsgId === clientMsgId || m.id === msg.id);
    assert.equal(copies.length, 1, `the message is stored once, history: ${brief(all.messages)}`);
    assertContiguous(all.messages, 1, "full history after the bot's answer");

    await S.admin.waitFor(
      "admin:message:new",
      (m) => m.sessionId === S.sessionId && m.id === msg.id,
      { since: adminMark, what: "the visitor's first message" },
    );
  }, () => S.firstSent);

  step("4. agents say hello and get the queue; handoff puts the session in both queues", async () => {
    for (const [key, ag] of [["a", S.agentA], ["b", S.agentB]]) {
      const c = client(`agent ${key.toUpperCase()}`, "/", { token: ag.token });
      await c.connect();
      const hello = await c.ok("hello", { role: "agent", token: ag.token });
      assert.equal(hello.user?.id, ag.user.id, `agent hello should return the agent: ${show(hello)}`);
      assert.equal(hello.user?.role, "agent");
      const boot = await c.waitFor("queue:bootstrap", () => true, { what: "after hello" });
      assert.ok(Array.isArray(boot.items), `queue:bootstrap should carry items: ${show(boot)}`);
      S[key] = c;
    }

    const marks = [S.a.mark(), S.b.mark()];
    const ack = await S.visitor.ok("handoff:request", { sessionId: S.sessionId });
    assert.equal(ack.session?.status, "queued_for_agent", `after handoff the session waits for an agent: ${show(ack)}`);

    for (const [c, since] of [[S.a, marks[0]], [S.b, marks[1]]]) {
      const item = await c.waitFor("queue:new", (q) => q.sessionId === S.sessionId, { since, what: "the visitor's session" });
      assert.equal(item.userDisplayName, "Ada", `${c.name} should see who is waiting: ${show(item)}`);
      assert.ok(Array.isArray(item.preview), `queue:new should carry a preview: ${show(item)}`);
      assert.ok(
        item.preview.some((m) => m.text === S.firstText),
        `${c.name}'s queue preview should show what the visitor wrote: ${show(item.preview)}`,
      );
      assert.ok(item.preview.length <= 5, `preview holds at most 5 messages, got ${item.preview.length}`);
    }
  });

  step("5. both agents claim at once: exactly one wins", async () => {
    const vMark = S.visitor.mark();
    const marks = [S.a.mark(), S.b.mark()];
    const [ackA, ackB] = await Promise.all([
      S.a.call("agent:claim", { sessionId: S.sessionId }),
      S.b.call("agent:claim", { sessionId: S.sessionId }),
    ]);
    const wins = [ackA, ackB].filter((x) => x?.ok === true);
    assert.equal(wins.length, 1, `exactly one claim must win; acks A=${show(ackA)} B=${show(ackB)}`);
    const aWon = ackA?.ok === true;
    S.winner = aWon ? S.a : S.b;
    S.loser = aWon ? S.b : S.a;
    S.winnerUser = aWon ? S.agentA.user : S.agentB.user;
    const win = aWon ? ackA : ackB;
    const lose = aWon ? ackB : ackA;
    assertRefused(lose, "conflict", `${S.loser.name}'s losing claim`);
    assert.equal(win.session?.status, "active_with_agent", `the winner's session is active: ${show(win.session)}`);
    assert.equal(win.session?.agentId, S.winnerUser.id, "the session is assigned to the winner");
    assert.ok(Array.isArray(win.messages), `the winning claim returns the transcript: ${show(win)}`);
    assert.ok(
      win.messages.some((m) => m.text === S.firstText),
      `the winner sees what the visitor wrote before: ${show(win.messages)}`,
    );

    const accepted = await S.visitor.waitFor("handoff:accepted", (e) => e.sessionId === S.sessionId, {
      since: vMark,
      what: "an agent took the chat",
    });
    assert.equal(accepted.agent?.id, S.winnerUser.id, `the visitor is told who took the chat: ${show(accepted)}`);

    for (const [c, since] of [[S.a, marks[0]], [S.b, marks[1]]]) {
      const rm = await c.waitFor("queue:remove", (e) => e.sessionId === S.sessionId, {
        since,
        what: "the claimed session leaves the queue",
      });
      assert.equal(rm.reason, "claimed", `${c.name}: queue:remove reason ${show(rm)}`);
    }
  });

  step("6. agent and visitor chat both ways; the other agent is kept out", async () => {
    const vMark = S.visitor.mark();
    const agentText = `Hi Ada, I'm looking at your order ${short()}`;
    const sentA = await S.winner.ok("message:send", { sessionId: S.sessionId, text: agentText, clientMsgId: uid() });
    assert.equal(sentA.message?.senderType, "agent", `the agent's message is from an agent: ${show(sentA)}`);
    const got = await S.visitor.waitFor("message:new", (m) => m.sessionId === S.sessionId && m.text === agentText, {
      since: vMark,
      what: "the agent's reply",
    });
    assert.equal(got.senderType, "agent", `the visitor sees the reply as from the agent: ${show(got)}`);
    assert.equal(got.id, sentA.message.id);

    const wMark = S.winner.mark();
    const userText = `Thanks! Order number ${short()}`;
    const sentV = await S.visitor.ok("message:send", { sessionId: S.sessionId, text: userText, clientMsgId: uid() });
    S.visitorLastAckSeq = sentV.message.seq;
    const got2 = await S.winner.waitFor("message:new", (m) => m.sessionId === S.sessionId && m.text === userText, {
      since: wMark,
      what: "the visitor's message",
    });
    assert.equal(got2.senderType, "user", `the agent sees it as from the visitor: ${show(got2)}`);
    assert.equal(got2.seq, sentV.message.seq);

    const join = await S.loser.call("session:join", { sessionId: S.sessionId });
    assertRefused(join, "forbidden", `${S.loser.name} joining a chat another agent owns`);
    const send = await S.loser.call("message:send", { sessionId: S.sessionId, text: "let me in", clientMsgId: uid() });
    assertRefused(send, "forbidden", `${S.loser.name} writing into a chat another agent owns`);
    assert.ok(S.loser.connected, "a refused call does not drop the loser's connection");
  }, () => S.visitorLastAckSeq !== undefined);

  step("7. visitor drops, misses 3 messages, reconnects and gets exactly those", async () => {
    // the last seq the visitor saw: its own acks and every message:new
    const seen = S.visitor.all("message:new", (m) => m.sessionId === S.sessionId).map((m) => m.seq);
    const lastSeen = Math.max(S.visitorLastAckSeq, ...seen);
    assert.ok(Number.isInteger(lastSeen), `the visitor saw messages before dropping: ${show(seen)}`);
    await S.visitor.close();

    const texts = [1, 2, 3].map((i) => `While you were away #${i} ${short()}`);
    const sent = [];
    for (const text of texts) {
      sent.push((await S.winner.ok("message:send", { sessionId: S.sessionId, text, clientMsgId: uid() })).message);
    }
    assert.deepEqual(
      sent.map((m) => m.seq),
      [lastSeen + 1, lastSeen + 2, lastSeen + 3],
      `the three messages follow the last one the visitor saw (${lastSeen}) with no gaps`,
    );

    const v = (S.visitor = client("visitor (reconnected)", "/", { token: S.visitorToken }));
    await v.connect();
    const hello = await v.ok("hello", { role: "user", token: S.visitorToken });
    assert.equal(hello.user?.id, S.visitorUser.id, `the visitor is recognised by its token: ${show(hello.user)}`);
    assert.ok(Array.isArray(hello.sessions), `hello with a token should list open sessions: ${show(hello)}`);
    const open = hello.sessions.find((s) => s.id === S.sessionId);
    assert.ok(open, `the open chat is offered for resuming: ${show(hello.sessions)}`);
    assert.equal(open.status, "active_with_agent");

    const mark = v.mark();
    const join = await v.ok("session:join", { sessionId: S.sessionId, afterSeq: lastSeen });
    S.visitorRejoined = true;
    assert.equal(join.session?.id, S.sessionId);
    assert.deepEqual(
      join.messages.map((m) => m.text),
      texts,
      `resuming after seq ${lastSeen} returns exactly the 3 missed messages, got ${brief(join.messages)}`,
    );
    assertContiguous(join.messages, lastSeen + 1, "resumed messages");
    assert.ok(join.messages.every((m) => m.senderType === "agent"));

    const hist = await v.waitFor("message:history", (h) => h.sessionId === S.sessionId, {
      since: mark,
      what: "the resumed messages",
    });
    assert.deepEqual(
      hist.messages.map((m) => m.seq),
      join.messages.map((m) => m.seq),
      `message:history carries the same messages as the join ack: ${show(hist)}`,
    );
  }, () => S.visitorRejoined && S.visitor.connected);

  step("8. the agent sees the visitor typing", async () => {
    const mark = S.winner.mark();
    S.visitor.send("typing", { sessionId: S.sessionId, isTyping: true });
    const ty = await S.winner.waitFor("typing", (e) => e.sessionId === S.sessionId && e.isTyping === true, {
      since: mark,
      what: "the visitor started typing",
    });
    assert.equal(ty.senderType, "user", `typing comes from the visitor: ${show(ty)}`);
  }, () => true);

  step("9. visitor asks to end; agent declines, then accepts; admin gets the summary", async () => {
    // first request: declined
    let wMark = S.winner.mark();
    const r1 = await S.visitor.ok("session:end:request", { sessionId: S.sessionId });
    assert.ok(r1.requestId, `session:end:request should return a requestId: ${show(r1)}`);
    const req1 = await S.winner.waitFor("session:end:requested", (e) => e.sessionId === S.sessionId, {
      since: wMark,
      what: "the visitor wants to end",
    });
    assert.equal(req1.requestId, r1.requestId, `the agent sees the same request: ${show(req1)}`);
    assert.equal(req1.requestedBy, "user", `the request comes from the visitor: ${show(req1)}`);

    let vMark = S.visitor.mark();
    const dec = await S.winner.ok("session:end:decline", { sessionId: S.sessionId });
    assert.notEqual(dec.session?.status, "closed", `declining keeps the chat open: ${show(dec)}`);
    await S.visitor.waitFor("session:end:declined", (e) => e.sessionId === S.sessionId, {
      since: vMark,
      what: "the agent declined",
    });
    // still open: the visitor can write
    await S.visitor.ok("message:send", { sessionId: S.sessionId, text: "OK, one more question", clientMsgId: uid() });

    // second request: accepted
    wMark = S.winner.mark();
    vMark = S.visitor.mark();
    const adminMark = S.admin.mark();
    const r2 = await S.visitor.ok("session:end:request", { sessionId: S.sessionId });
    assert.ok(r2.requestId);
    await S.winner.waitFor("session:end:requested", (e) => e.sessionId === S.sessionId && e.requestId === r2.requestId, {
      since: wMark,
      what: "the second end request",
    });
    const acc = await S.winner.ok("session:end:accept", { sessionId: S.sessionId });
    assert.equal(acc.session?.status, "closed", `accepting closes the chat: ${show(acc)}`);

    for (const [c, since] of [[S.visitor, vMark], [S.winner, wMark]]) {
      const closed = await c.waitFor("session:closed", (e) => e.sessionId === S.sessionId, {
        since,
        what: "the chat ended",
      });
      assert.equal(closed.endedBy, "user", `${c.name}: the visitor ended the chat (the agent only agreed): ${show(closed)}`);
    }

    await S.admin.waitFor("admin:session:update", (s) => s.id === S.sessionId && s.status === "closed", {
      since: adminMark,
      what: "the chat is closed",
    });
    const sum = await S.admin.waitFor("admin:summary:ready", (s) => s.sessionId === S.sessionId, {
      since: adminMark,
      timeout: SLOW_TIMEOUT,
      what: "summary of the closed chat",
    });
    assert.ok(sum.messageCount > 0, `the summary counts the messages: ${show(sum)}`);
    assert.equal(sum.endedBy, "user", `summary: ended by the visitor: ${show(sum)}`);
    assert.equal(sum.endRequestedBy, "user", `summary: the visitor asked to end: ${show(sum)}`);
    assert.equal(sum.userDisplayName, "Ada");
    assert.ok(typeof sum.summary === "string", `the summary has text: ${show(sum)}`);
    assert.ok(Array.isArray(sum.topics), `the summary has topics: ${show(sum)}`);

    const late = await S.visitor.call("message:send", { sessionId: S.sessionId, text: "hello?", clientMsgId: uid() });
    assertRefused(late, ["conflict", "forbidden"], "writing into a closed chat");
    const lateAgent = await S.winner.call("message:send", { sessionId: S.sessionId, text: "bye", clientMsgId: uid() });
    assertRefused(lateAgent, ["conflict", "forbidden"], "the agent writing into a closed chat");
  });
});

// ========================================================================
describe("bad input is refused and the connection survives", () => {
  let v;
  let sessionId;

  before(async () => {
    await adminLogin(); // fails early and clearly when the server is down
    v = client("bad-input visitor", "/", {});
    await v.connect();
    await v.ok("hello", { role: "user", displayName: "Mallory" });
    sessionId = (await v.ok("session:create", {})).session.id;
  });

  const cases = [
    ["message:send with a number for text", "message:send", () => ({ sessionId, text: 42, clientMsgId: uid() })],
    ["message:send without text", "message:send", () => ({ sessionId, clientMsgId: uid() })],
    ["message:send without sessionId", "message:send", () => ({ text: "hi", clientMsgId: uid() })],
    ["message:send without clientMsgId", "message:send", () => ({ sessionId, text: "hi" })],
    ["message:send with an empty object", "message:send", () => ({})],
    ["message:send with 5000 characters of text", "message:send", () => ({ sessionId, text: "x".repeat(5000), clientMsgId: uid() })],
    ["message:send with a string instead of an object", "message:send", () => "hello"],
    ["session:join with a non-UUID id", "session:join", () => ({ sessionId: "not-a-uuid" })],
  ];

  for (const [name, event, payload] of cases) {
    it(`${name} → invalid`, async () => {
      const ack = await v.call(event, payload());
      assertRefused(ack, "invalid", name);
      assert.ok(v.connected, `${name}: the connection must stay up`);
      const fine = await v.call("message:send", { sessionId, text: `still here ${short()}`, clientMsgId: uid() });
      assert.equal(fine?.ok, true, `after ${name}, a valid message still goes through: ${show(fine)}`);
    });
  }

  it("a call to a session that is not the visitor's is refused", async () => {
    const ack = await v.call("session:join", { sessionId: uid() });
    assertRefused(ack, ["not_found", "forbidden"], "joining an unknown session");
    assert.ok(v.connected);
  });
});

// ========================================================================
describe("refused handshakes on the default namespace", () => {
  before(async () => {
    await adminLogin();
  });

  it("a well-formed token the server never issued is refused", async () => {
    const c = client("forged token", "/", { token: forgedToken() });
    const err = await c.expectRefused();
    assert.ok(err, "connect_error expected");
  });

  it("a garbage token is refused", async () => {
    const c = client("garbage token", "/", { token: "not a token at all" });
    await c.expectRefused();
  });

  it("hello claiming to be an agent with a visitor's token gets a visitor, not an agent", async () => {
    const c = client("role spoofing visitor", "/", {});
    await c.connect();
    const hello = await c.ok("hello", { role: "user", displayName: "Eve" });
    const spoof = await c.call("hello", { role: "agent", token: hello.token });
    // either refused, or accepted as what the token says: never an agent
    if (spoof?.ok) {
      assert.notEqual(spoof.user?.role, "agent", `the server trusted the claimed role: ${show(spoof)}`);
    } else {
      assertRefused(spoof, ["forbidden", "unauthorized", "invalid"], "hello as agent with a visitor token");
    }
    const claim = await c.call("agent:claim", { sessionId: uid() });
    assertRefused(claim, ["forbidden", "unauthorized"], "a visitor claiming a session");
  });
});

// ------------------------------------------------------------------------
function assertContiguous(messages, firstSeq, what) {
  const seqs = messages.map((m) => m.seq);
  const expected = seqs.map((_, i) => firstSeq + i);
  assert.deepEqual(
    seqs,
    expected,
    `${what}: seqs should run ${firstSeq}, ${firstSeq + 1}, … without gaps or repeats, got ${brief(messages)}`,
  );
}

/** Messages as `seq senderType "text"`, for assertion messages. */
function brief(messages) {
  return (messages || []).map((m) => `#${m.seq} ${m.senderType} ${JSON.stringify(String(m.text).slice(0, 40))}`).join(", ");
}

process.on("exit", () => {
  if (process.exitCode) console.error(`(server under test: ${BASE_URL})`);
});
