// Webchat admin monitor: plain browser JavaScript, no build step.
// Every piece of server data is put on the page with textContent, never as HTML.
(function () {
  "use strict";

  var TOKEN_KEY = "webchat.admin.token";
  var STATUS_TEXT = {
    bot_pending: "With bot",
    queued_for_agent: "Queued",
    active_with_agent: "With agent",
    closed: "Closed",
  };

  var state = {
    token: localStorage.getItem(TOKEN_KEY),
    user: null,
    socket: null,
    sessions: new Map(),
    stats: { queued: 0, active: 0, closedToday: 0, medianWaitSeconds: null },
    summaries: new Map(),
    selectedId: null,
    transcript: new Map(),
    filter: "all",
  };

  function $(id) {
    return document.getElementById(id);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  // ---- HTTP ---------------------------------------------------------------

  function api(method, path, body) {
    var headers = {};
    if (body !== undefined) headers["content-type"] = "application/json";
    if (state.token) headers.authorization = "Bearer " + state.token;
    return fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) }).then(
      function (res) {
        return res.text().then(function (text) {
          var data = null;
          try {
            data = text ? JSON.parse(text) : null;
          } catch (e) {
            data = null;
          }
          if (!res.ok) {
            var err = new Error((data && data.error && data.error.message) || "HTTP " + res.status);
            err.status = res.status;
            throw err;
          }
          return data;
        });
      },
    );
  }

  // ---- login ----------------------------------------------------------------

  function showLogin(message) {
    $("app-view").hidden = true;
    $("login-view").hidden = false;
    var error = $("login-error");
    error.hidden = !message;
    error.textContent = message || "";
  }

  function showApp() {
    $("login-view").hidden = true;
    $("app-view").hidden = false;
    $("who").textContent = state.user ? state.user.displayName : "";
  }

  $("login-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var email = $("login-email").value.trim();
    var password = $("login-password").value;
    state.token = null;
    api("POST", "/api/auth/login", { email: email, password: password })
      .then(function (data) {
        if (!data || !data.user || data.user.role !== "admin") {
          showLogin("This account is not an admin.");
          return;
        }
        state.token = data.token;
        state.user = data.user;
        localStorage.setItem(TOKEN_KEY, data.token);
        start();
      })
      .catch(function (err) {
        showLogin(err.status === 401 ? "Wrong email or password." : err.message);
      });
  });

  $("logout").addEventListener("click", function () {
    var token = state.token;
    if (token) api("POST", "/api/auth/logout").catch(function () {});
    signOut(null);
  });

  function signOut(message) {
    if (state.socket) state.socket.disconnect();
    state.socket = null;
    state.token = null;
    state.user = null;
    localStorage.removeItem(TOKEN_KEY);
    state.sessions.clear();
    state.summaries.clear();
    state.selectedId = null;
    showLogin(message);
  }

  // ---- realtime -------------------------------------------------------------

  function start() {
    showApp();
    if (!state.user) {
      api("GET", "/api/me")
        .then(function (u) {
          state.user = (u && u.user) || u;
          $("who").textContent = state.user ? state.user.displayName : "";
        })
        .catch(function () {});
    }
    var socket = io(window.location.origin + "/admin", {
      path: "/socket.io",
      auth: function (cb) {
        cb({ token: state.token });
      },
    });
    state.socket = socket;
    socket.on("connect", function () {
      setConn("Live", "live");
      if (state.selectedId) loadTranscript(state.selectedId);
    });
    socket.on("disconnect", function (reason) {
      setConn("Reconnecting…", "down");
      if (reason === "io server disconnect") setTimeout(function () { socket.connect(); }, 1000);
    });
    socket.on("connect_error", function (err) {
      if (/^unauthorized|^forbidden/i.test(err.message)) signOut("Your login has expired or is not an admin's. Please log in again.");
      else setConn("Reconnecting…", "down");
    });
    socket.on("admin:bootstrap", function (data) {
      state.sessions.clear();
      (data.sessions || []).forEach(function (s) {
        state.sessions.set(s.id, s);
        if (s.summary && typeof s.summary === "object") state.summaries.set(s.id, s.summary);
      });
      if (data.stats) state.stats = data.stats;
      render();
    });
    socket.on("admin:stats", function (stats) {
      state.stats = stats;
      renderStats();
    });
    socket.on("admin:session:update", function (s) {
      var prev = state.sessions.get(s.id);
      if (s.status === "closed" && (!prev || prev.status !== "closed")) state.stats.closedToday = (state.stats.closedToday || 0) + 1;
      state.sessions.set(s.id, Object.assign({}, prev || {}, s));
      render();
    });
    socket.on("admin:message:new", function (m) {
      var s = state.sessions.get(m.sessionId);
      if (s) {
        s.messageCount = Math.max(s.messageCount || 0, m.seq || 0);
        s.lastMessageAt = m.createdAt;
        renderSessions();
      }
      if (m.sessionId === state.selectedId) {
        state.transcript.set(m.seq, m);
        renderTranscript();
      }
    });
    socket.on("admin:summary:ready", function (summary) {
      state.summaries.set(summary.sessionId, summary);
      renderSummaries();
      if (summary.sessionId === state.selectedId) renderDetail();
    });
  }

  function setConn(text, kind) {
    var c = $("conn");
    c.textContent = text;
    c.className = "conn conn-" + kind;
  }

  // ---- rendering -------------------------------------------------------------

  function age(iso) {
    var s = Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / 1000));
    if (!isFinite(s)) return "";
    if (s < 60) return s + " s";
    var m = Math.floor(s / 60);
    if (m < 60) return m + " min";
    var h = Math.floor(m / 60);
    if (h < 48) return h + " h " + (m % 60) + " min";
    return Math.floor(h / 24) + " d";
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined || !isFinite(seconds)) return "–";
    seconds = Math.round(seconds);
    if (seconds < 60) return seconds + " s";
    return Math.floor(seconds / 60) + " min " + (seconds % 60) + " s";
  }

  function render() {
    renderStats();
    renderSessions();
    renderSummaries();
    renderDetail();
  }

  function renderStats() {
    var queued = 0;
    var active = 0;
    state.sessions.forEach(function (s) {
      if (s.status === "queued_for_agent") queued += 1;
      if (s.status === "active_with_agent") active += 1;
    });
    $("stat-queued").textContent = String(queued);
    $("stat-active").textContent = String(active);
    $("stat-closed").textContent = String(state.stats.closedToday || 0);
    $("stat-wait").textContent = duration(state.stats.medianWaitSeconds);
  }

  function sortedSessions() {
    var list = [];
    state.sessions.forEach(function (s) {
      if (state.filter === "open" && s.status === "closed") return;
      if (state.filter === "closed" && s.status !== "closed") return;
      list.push(s);
    });
    return list.sort(function (a, b) {
      return String(b.createdAt).localeCompare(String(a.createdAt));
    });
  }

  function renderSessions() {
    renderStats();
    var body = $("sessions-body");
    clear(body);
    var list = sortedSessions();
    $("sessions-empty").hidden = list.length > 0;
    list.forEach(function (s) {
      var tr = el("tr", s.id === state.selectedId ? "selected" : "");
      tr.dataset.sessionId = s.id;
      var status = el("td");
      status.appendChild(el("span", "status status-" + s.status, STATUS_TEXT[s.status] || s.status));
      tr.appendChild(status);
      tr.appendChild(el("td", "", s.channel === "whatsapp" ? "WhatsApp" : "Web"));
      var user = el("td");
      var open = el("button", "link", s.userDisplayName || "(no name)");
      open.type = "button";
      open.addEventListener("click", function () {
        select(s.id);
      });
      user.appendChild(open);
      tr.appendChild(user);
      tr.appendChild(el("td", "", s.agentDisplayName || "—"));
      tr.appendChild(el("td", "num", s.messageCount || 0));
      tr.appendChild(el("td", "", age(s.createdAt)));
      body.appendChild(tr);
    });
  }

  function renderSummaries() {
    var list = $("summaries");
    clear(list);
    var items = Array.from(state.summaries.values()).sort(function (a, b) {
      return String(b.endedAt).localeCompare(String(a.endedAt));
    });
    $("summaries-empty").hidden = items.length > 0;
    items.forEach(function (s) {
      var li = el("li", "summary-item");
      var head = el("div", "summary-head");
      head.appendChild(el("strong", "", s.userDisplayName));
      if (s.agentDisplayName) head.appendChild(el("span", "muted", " with " + s.agentDisplayName));
      head.appendChild(el("span", "muted", " · " + (s.messageCount || 0) + " messages · ended by " + s.endedBy));
      li.appendChild(head);
      li.appendChild(el("p", "", s.summary));
      if (s.topics && s.topics.length) li.appendChild(el("p", "muted", "Topics: " + s.topics.join(", ")));
      list.appendChild(li);
    });
  }

  function select(id) {
    state.selectedId = id;
    state.transcript = new Map();
    renderSessions();
    renderDetail();
    loadTranscript(id);
  }

  function loadTranscript(id) {
    api("GET", "/api/sessions/" + encodeURIComponent(id) + "/messages")
      .then(function (data) {
        if (state.selectedId !== id) return;
        var messages = Array.isArray(data) ? data : (data && data.messages) || [];
        messages.forEach(function (m) {
          state.transcript.set(m.seq, m);
        });
        renderTranscript();
      })
      .catch(function (err) {
        if (state.selectedId === id) $("detail-meta").textContent = "Could not load the transcript: " + err.message;
      });
  }

  function renderDetail() {
    var s = state.sessions.get(state.selectedId);
    $("detail-hint").hidden = !!s;
    $("detail").hidden = !s;
    if (!s) return;
    $("detail-title").textContent = "Transcript: " + (s.userDisplayName || "");
    $("detail-meta").textContent =
      (STATUS_TEXT[s.status] || s.status) +
      " · " +
      (s.channel === "whatsapp" ? "WhatsApp" : "Web") +
      (s.agentDisplayName ? " · agent " + s.agentDisplayName : "") +
      " · started " +
      new Date(s.createdAt).toLocaleString();
    var summary = state.summaries.get(s.id);
    $("detail-summary").hidden = !summary;
    if (summary) {
      $("detail-summary-text").textContent = summary.summary;
      $("detail-summary-topics").textContent = summary.topics && summary.topics.length ? "Topics: " + summary.topics.join(", ") : "";
    }
    renderTranscript();
  }

  function renderTranscript() {
    var list = $("transcript");
    clear(list);
    Array.from(state.transcript.values())
      .sort(function (a, b) {
        return a.seq - b.seq;
      })
      .forEach(function (m) {
        var li = el("li", "line line-" + m.senderType);
        var meta = el("div", "line-meta");
        var who = m.senderType === "user" ? "Visitor" : m.senderType === "system" ? "System" : m.senderName || (m.senderType === "bot" ? "Bot" : "Agent");
        meta.appendChild(el("span", "line-who", who));
        meta.appendChild(el("span", "muted", new Date(m.createdAt).toLocaleTimeString()));
        if (m.deliveryStatus) meta.appendChild(el("span", "muted", m.deliveryStatus));
        li.appendChild(meta);
        li.appendChild(el("p", "line-text", m.text));
        if (m.citations && m.citations.length) {
          var cites = el("ul", "cites");
          m.citations.forEach(function (c) {
            var item = el("li");
            var safe = /^https?:\/\//i.test(c.url);
            var node = el(safe ? "a" : "span", "", c.title || c.url);
            if (safe) {
              node.href = c.url;
              node.target = "_blank";
              node.rel = "noopener noreferrer";
            }
            item.appendChild(node);
            cites.appendChild(item);
          });
          li.appendChild(cites);
        }
        list.appendChild(li);
      });
  }

  $("filter").addEventListener("change", function (e) {
    state.filter = e.target.value;
    renderSessions();
  });

  setInterval(renderSessions, 10000);

  if (state.token) start();
  else showLogin(null);
})();
