// The chat inside /widget.html (a file of its own: the page's CSP allows no inline script).
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var site = params.get("site") || "";
  var log = document.getElementById("log");
  var status = document.getElementById("status");
  var tokenKey = "webchat-widget-token";
  var sessionKey = "webchat-widget-session:" + site;
  var sessionId = null;
  var seen = {};

  function say(text) { status.textContent = text; }
  function safeHref(url) { return /^https?:\/\//i.test(url) ? url : null; }

  function render(m) {
    if (!m || m.sessionId !== sessionId || seen[m.id]) return;
    seen[m.id] = true;
    var div = document.createElement("div");
    div.className = "msg " + m.senderType;
    div.textContent = m.text;
    (m.citations || []).forEach(function (c, i) {
      var href = safeHref(c.url);
      if (!href) return;
      var box = div.querySelector(".cites") || div.appendChild(document.createElement("div"));
      box.className = "cites";
      var a = document.createElement("a");
      a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
      a.textContent = "[" + (i + 1) + "] " + (c.title || c.url);
      box.appendChild(a);
    });
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
  }

  var socket = io(location.origin, { transports: ["websocket", "polling"] });
  function call(event, payload) {
    return new Promise(function (resolve) { socket.emit(event, payload, resolve); });
  }

  async function start() {
    var token = localStorage.getItem(tokenKey);
    var ack = token ? await call("hello", { role: "user", token: token }) : null;
    if (!ack || !ack.ok) ack = await call("hello", { role: "user", displayName: "Visitor" });
    if (!ack.ok) return say("Could not start the chat.");
    localStorage.setItem(tokenKey, ack.token);
    var stored = localStorage.getItem(sessionKey);
    if (stored) {
      var joined = await call("session:join", { sessionId: stored });
      if (joined.ok && joined.session.status !== "closed") {
        sessionId = stored;
        (joined.messages || []).forEach(render);
        return say("");
      }
    }
    var created = await call("session:create", site ? { site: site } : {});
    if (!created.ok) return say(created.error.message);
    sessionId = created.session.id;
    localStorage.setItem(sessionKey, sessionId);
    say("");
  }

  socket.on("connect", function () { start().catch(function () { say("Could not start the chat."); }); });
  socket.on("disconnect", function () { say("Reconnecting…"); });
  socket.on("message:new", render);
  socket.on("message:history", function (h) { (h.messages || []).forEach(render); });
  socket.on("handoff:accepted", function (e) { say((e.agent && e.agent.displayName || "An agent") + " joined the chat."); });
  socket.on("session:closed", function () { localStorage.removeItem(sessionKey); say("The chat has ended."); });

  document.getElementById("form").addEventListener("submit", async function (e) {
    e.preventDefault();
    var input = document.getElementById("text");
    var text = input.value.trim();
    if (!text || !sessionId) return;
    input.value = "";
    var id = (crypto.randomUUID && crypto.randomUUID()) || String(Date.now()) + Math.random();
    var ack = await call("message:send", { sessionId: sessionId, text: text, clientMsgId: id });
    if (ack.ok) render(ack.message); else say(ack.error.message);
  });
  document.getElementById("human").addEventListener("click", async function () {
    if (!sessionId) return;
    var ack = await call("handoff:request", { sessionId: sessionId });
    say(ack.ok ? "Waiting for an agent…" : ack.error.message);
  });

  fetch("/api/config").then(function (r) { return r.json(); }).then(function (cfg) {
    if (!cfg.ingestPublic) return;
    document.getElementById("ingest").classList.add("on");
    document.getElementById("ingest-site").value = site;
  }).catch(function () {});
  document.getElementById("ingest-go").addEventListener("click", async function () {
    var out = document.getElementById("ingest-status");
    var res = await fetch("/ingest", { method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ site: document.getElementById("ingest-site").value }) });
    var body = await res.json();
    if (!res.ok) { out.textContent = body.error ? body.error.message : "failed"; return; }
    var poll = async function () {
      var p = await (await fetch("/ingest/" + body.jobId)).json();
      out.textContent = p.status + ": " + p.pagesDone + " pages" + (p.pagesFailed ? ", " + p.pagesFailed + " failed" : "") + (p.error ? " (" + p.error + ")" : "");
      if (p.status === "queued" || p.status === "running") setTimeout(poll, 1000);
    };
    poll();
  });
})();
