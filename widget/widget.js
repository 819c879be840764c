/* Webchat widget: one <script> tag adds floating chat bubbles to any page.
 *
 *   <script src="https://chat.example.com/widget.js" async></script>
 *
 * Attributes (all optional):
 *   data-base  the Webchat server (default: where this script came from)
 *   data-src   the chat page to frame (default: <base>/widget.html)
 *   data-site  the site the bot answers about (default: this page's origin)
 *
 * The agent sees the page the visitor is on (address, title, referrer): it is
 * passed to the chat frame in its URL fragment (never sent to a server by
 * the browser) and again whenever a single-page site navigates.
 *
 * Signed-in users: set `window.WebchatIdentity = { externalId, email, name,
 * hash }` before this script (see IDENTITY.md); the chat then knows who they
 * are on every device. Without it visitors are anonymous, as before.
 *
 * Everything lives in a closed shadow root (the host page's CSS cannot reach
 * it, and its CSS cannot leak out), in fixed position (no layout shift), and
 * nothing is added to `window` (WebchatIdentity is read, never written).
 * Errors stay inside.
 */
(function () {
  "use strict";
  try {
    var script = document.currentScript;
    if (!script || script.getAttribute("data-webchat-mounted")) return;
    script.setAttribute("data-webchat-mounted", "1");
    var base = (script.getAttribute("data-base") || new URL(script.src, location.href).origin).replace(/\/+$/, "");
    var site = script.getAttribute("data-site") || location.origin;
    var src = script.getAttribute("data-src") || base + "/widget.html";
    var frameUrl = new URL(src, base);
    frameUrl.searchParams.set("site", site);

    // what the frame learns from this page: where the visitor is, and who they are if signed in
    var identity = null;
    var given = window.WebchatIdentity;
    if (given && typeof given === "object" && given.externalId && given.hash) {
      identity = { externalId: String(given.externalId), hash: String(given.hash) };
      if (given.email) identity.email = String(given.email);
      if (given.name) identity.name = String(given.name);
    }
    var pageInfo = function () {
      return { url: location.href, title: document.title || "", referrer: document.referrer || "" };
    };
    var fragment = function () {
      var p = pageInfo();
      var params = new URLSearchParams();
      params.set("page", p.url);
      if (p.title) params.set("title", p.title);
      if (p.referrer) params.set("referrer", p.referrer);
      if (identity) params.set("identity", JSON.stringify(identity));
      return "#" + params.toString();
    };

    var host = document.createElement("div");
    host.style.cssText = "all:initial;position:fixed;z-index:2147483000;right:0;bottom:0;width:0;height:0;";
    var root = host.attachShadow({ mode: "closed" });
    var style = document.createElement("style");
    style.textContent = [
      ":host{all:initial}",
      ".bubbles{position:fixed;right:20px;bottom:20px;display:flex;flex-direction:column;gap:12px;align-items:flex-end;font:14px/1.4 system-ui,sans-serif}",
      ".bubble{width:56px;height:56px;border-radius:50%;border:0;cursor:pointer;color:#fff;box-shadow:0 4px 14px rgba(0,0,0,.25);display:flex;align-items:center;justify-content:center;text-decoration:none;font-size:13px;font-weight:600}",
      ".chat{background:#2563eb}.wa{background:#25d366}",
      ".bubble:focus-visible{outline:3px solid #111;outline-offset:2px}",
      ".panel{position:fixed;right:20px;bottom:90px;width:min(380px,calc(100vw - 40px));height:min(560px,calc(100vh - 120px));border:0;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);background:#fff;display:none}",
      ".panel.open{display:block}"
    ].join("\n");
    root.appendChild(style);

    var wrap = document.createElement("div");
    wrap.className = "bubbles";
    var panel = document.createElement("iframe");
    panel.className = "panel";
    panel.title = "Chat";
    panel.setAttribute("allow", "clipboard-write");

    var chat = document.createElement("button");
    chat.type = "button";
    chat.className = "bubble chat";
    chat.textContent = "Chat";
    chat.setAttribute("aria-expanded", "false");
    chat.addEventListener("click", function () {
      if (!panel.src) panel.src = frameUrl.toString() + fragment();
      var open = panel.classList.toggle("open");
      chat.setAttribute("aria-expanded", open ? "true" : "false");
      chat.textContent = open ? "Close" : "Chat";
    });
    root.appendChild(panel);
    wrap.appendChild(chat);
    root.appendChild(wrap);

    fetch(base + "/api/config", { credentials: "omit" })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (cfg) {
        var number = cfg && cfg.whatsappNumber ? String(cfg.whatsappNumber).replace(/[^0-9]/g, "") : "";
        if (!number) return;
        var wa = document.createElement("a");
        wa.className = "bubble wa";
        wa.textContent = "WhatsApp";
        wa.target = "_blank";
        wa.rel = "noopener noreferrer";
        wa.href = "https://wa.me/" + number + "?text=" + encodeURIComponent("site " + site);
        wa.setAttribute("aria-label", "Chat on WhatsApp");
        wrap.insertBefore(wa, chat);
      })
      .catch(function () {});

    // a single-page site changed its address: tell the frame (only the frame's own origin may read it)
    var lastUrl = location.href;
    var pageChanged = function () {
      if (!panel.src || !panel.contentWindow || location.href === lastUrl) return;
      lastUrl = location.href;
      var p = pageInfo();
      panel.contentWindow.postMessage({ type: "webchat:page", url: p.url, title: p.title, referrer: p.referrer }, frameUrl.origin);
    };
    window.addEventListener("popstate", pageChanged);
    window.addEventListener("hashchange", pageChanged);
    setInterval(pageChanged, 2000);

    var mount = function () { (document.body || document.documentElement).appendChild(host); };
    if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
  } catch (e) {
    if (window.console) console.warn("webchat widget:", e);
  }
})();
