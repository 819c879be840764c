/* Webchat widget: one <script> tag adds floating chat bubbles to any page.
 *
 *   <script src="https://chat.example.com/widget.js" async></script>
 *
 * Its look comes from the console's widget settings (GET /api/settings/widget
 * on the Webchat server): the title, the greeting, the colour, the side of
 * the page, the site the bot answers about and the language. Attributes (all
 * optional) override them on this page:
 *   data-title     the chat's header
 *   data-greeting  the first line a visitor reads
 *   data-color     #rgb or #rrggbb (anything else is ignored)
 *   data-position  right or left
 *   data-locale    en, es, fr, de, pt or ar (default: the settings', else the browser's language)
 *   data-site      the site the bot answers about (default: the settings', else this page's origin)
 *   data-base      the Webchat server (default: where this script came from)
 *   data-src       the chat page to frame (default: <base>/widget.html)
 *
 * The agent sees the page the visitor is on (address, title, referrer): it is
 * passed to the chat frame in its URL fragment (never sent to a server by
 * the browser) and again whenever a single-page site navigates.
 *
 * Signed-in users: set `window.WebchatIdentity = { externalId, email, name,
 * hash }` before this script (see IDENTITY.md); the chat then knows who they
 * are on every device. Without it visitors are anonymous, as before.
 *
 * Keyboard: opening the chat moves the focus into it; Escape (in the chat or
 * on the bubble) closes it and gives the focus back to the bubble.
 *
 * Everything lives in a closed shadow root (the host page's CSS cannot reach
 * it, and its CSS cannot leak out), in fixed position (no layout shift), and
 * nothing is added to `window` (WebchatIdentity is read, never written).
 * Errors stay inside.
 */
(function () {
  "use strict";
  // (ASCII only, non-ASCII letters escaped: the script is read in the host page's encoding, whatever it is)
  var TEXTS = {
    en: { chat: "Chat", close: "Close", frame: "Chat", whatsapp: "WhatsApp", whatsappLabel: "Chat on WhatsApp" },
    es: { chat: "Chat", close: "Cerrar", frame: "Chat", whatsapp: "WhatsApp", whatsappLabel: "Chatear por WhatsApp" },
    fr: { chat: "Chat", close: "Fermer", frame: "Chat", whatsapp: "WhatsApp", whatsappLabel: "Discuter sur WhatsApp" },
    de: { chat: "Chat", close: "Schlie\u00dfen", frame: "Chat", whatsapp: "WhatsApp", whatsappLabel: "Per WhatsApp chatten" },
    pt: { chat: "Chat", close: "Fechar", frame: "Chat", whatsapp: "WhatsApp", whatsappLabel: "Conversar pelo WhatsApp" },
    ar: { chat: "\u062f\u0631\u062f\u0634\u0629", close: "\u0625\u063a\u0644\u0627\u0642", frame: "\u0627\u0644\u062f\u0631\u062f\u0634\u0629", whatsapp: "\u0648\u0627\u062a\u0633\u0627\u0628", whatsappLabel: "\u0627\u0644\u062f\u0631\u062f\u0634\u0629 \u0639\u0628\u0631 \u0648\u0627\u062a\u0633\u0627\u0628" }
  };
  var SETTINGS_WAIT_MS = 3000;

  var warn = function (e) {
    if (window.console) console.warn("webchat widget:", e);
  };
  var baseOf = function (tag) {
    return String(tag || "").toLowerCase().split(/[-_]/)[0];
  };
  // the asked-for language if we have it, else the browser's first one we have, else English
  var pickLocale = function (wanted) {
    var tags = [wanted].concat(navigator.languages || [navigator.language]);
    for (var i = 0; i < tags.length; i++) {
      if (Object.prototype.hasOwnProperty.call(TEXTS, baseOf(tags[i]))) return baseOf(tags[i]);
    }
    return "en";
  };
  // only a colour this exact shape ever reaches the CSS
  var checkedColor = function (value) {
    return typeof value === "string" && /^#(?:[0-9a-fA-F]{3}){1,2}$/.test(value.trim()) ? value.trim() : null;
  };
  var luminance = function (hex) {
    var h = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, "$&$&") : hex;
    var sum = 0, weights = [0.2126, 0.7152, 0.0722];
    for (var i = 0; i < 3; i++) {
      var c = parseInt(h.substr(1 + 2 * i, 2), 16) / 255;
      sum += weights[i] * (c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
    }
    return sum;
  };
  // white or dark text, whichever reads better on the colour
  var textOn = function (hex) {
    var l = luminance(hex);
    return 1.05 / (l + 0.05) >= (l + 0.05) / 0.0671 ? "#fff" : "#1b2333";
  };

  try {
    var script = document.currentScript;
    if (!script || script.getAttribute("data-webchat-mounted")) return;
    script.setAttribute("data-webchat-mounted", "1");
    var base = (script.getAttribute("data-base") || new URL(script.src, location.href).origin).replace(/\/+$/, "");
    var frameUrl = new URL(script.getAttribute("data-src") || base + "/widget.html", base);
    var attr = function (name) {
      return (script.getAttribute("data-" + name) || "").trim();
    };

    // this page's attributes over the console's settings
    var resolve = function (settings) {
      var s = settings && typeof settings === "object" ? settings : {};
      var pick = function (name) {
        return attr(name) || (typeof s[name] === "string" ? s[name].trim() : "");
      };
      return {
        title: pick("title"),
        greeting: pick("greeting"),
        color: checkedColor(attr("color")) || checkedColor(s.color),
        position: pick("position") === "left" ? "left" : "right",
        site: pick("site") || location.origin,
        locale: pickLocale(pick("locale"))
      };
    };

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

    var mounted = false;
    var mount = function (settings, config) {
      if (mounted) return;
      mounted = true;
      try {
        build(resolve(settings), config && config.whatsappNumber ? String(config.whatsappNumber).replace(/[^0-9]/g, "") : "");
      } catch (e) {
        warn(e);
      }
    };

    var build = function (look, whatsappNumber) {
      var text = TEXTS[look.locale];
      var host = document.createElement("div");
      host.style.cssText = "all:initial;position:fixed;z-index:2147483000;bottom:0;width:0;height:0;" + look.position + ":0;";
      var root = host.attachShadow({ mode: "closed" });
      var style = document.createElement("style");
      style.textContent = [
        ":host{all:initial}",
        ".bubbles{position:fixed;right:20px;bottom:20px;display:flex;flex-direction:column;gap:12px;align-items:flex-end;font:14px/1.4 system-ui,sans-serif}",
        ".left .bubbles{right:auto;left:20px;align-items:flex-start}",
        ".bubble{min-width:56px;height:56px;padding:0 16px;box-sizing:border-box;border-radius:28px;border:0;cursor:pointer;color:#fff;box-shadow:0 4px 14px rgba(0,0,0,.25);display:flex;align-items:center;justify-content:center;text-decoration:none;font:600 14px/1.2 system-ui,sans-serif;white-space:nowrap}",
        ".chat{background:#1f4fd1}.wa{background:#25d366;color:#0b2e17}",
        ".bubble:focus-visible{outline:3px solid #111;outline-offset:2px}",
        ".panel{position:fixed;right:20px;bottom:90px;width:min(380px,calc(100vw - 40px));height:min(560px,calc(100vh - 120px));height:min(560px,calc(100dvh - 120px));border:0;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);background:#fff;display:none}",
        ".left .panel{right:auto;left:20px}",
        ".panel.open{display:block}",
        ".opened .wa{display:none}"
      ].join("\n");
      root.appendChild(style);

      var box = document.createElement("div");
      box.className = look.position;
      var wrap = document.createElement("div");
      wrap.className = "bubbles";
      var panel = document.createElement("iframe");
      panel.className = "panel";
      panel.title = text.frame;
      panel.setAttribute("allow", "clipboard-write");
      var loaded = false;
      panel.addEventListener("load", function () {
        loaded = true;
      });

      var chat = document.createElement("button");
      chat.type = "button";
      chat.className = "bubble chat";
      chat.lang = look.locale;
      chat.dir = look.locale === "ar" ? "rtl" : "ltr";
      chat.textContent = text.chat;
      chat.setAttribute("aria-expanded", "false");
      if (look.color) {
        chat.style.background = look.color;
        chat.style.color = textOn(look.color);
      }

      var frameSrc = function () {
        var u = new URL(frameUrl.toString());
        u.searchParams.set("site", look.site);
        if (look.title) u.searchParams.set("title", look.title);
        if (look.greeting) u.searchParams.set("greeting", look.greeting);
        if (look.color) u.searchParams.set("color", look.color);
        u.searchParams.set("locale", look.locale);
        return u.toString() + fragment();
      };
      var open = false;
      var setOpen = function (want) {
        if (want === open) return;
        open = want;
        if (open && !panel.src) panel.src = frameSrc();
        panel.classList.toggle("open", open);
        wrap.classList.toggle("opened", open); // the WhatsApp bubble would sit on the panel
        chat.setAttribute("aria-expanded", open ? "true" : "false");
        chat.textContent = open ? text.close : text.chat;
        if (!open) {
          chat.focus();
          return;
        }
        // into the chat: the frame puts the focus on its name field or message box
        panel.focus();
        if (loaded && panel.contentWindow) panel.contentWindow.postMessage({ type: "webchat:focus" }, frameUrl.origin);
      };
      chat.addEventListener("click", function () {
        setOpen(!open);
      });
      root.addEventListener("keydown", function (e) {
        if (e.key === "Escape" && open) setOpen(false);
      });
      window.addEventListener("message", function (e) {
        if (e.source !== panel.contentWindow || e.origin !== frameUrl.origin) return;
        if (e.data && e.data.type === "webchat:close") setOpen(false);
      });

      if (whatsappNumber) {
        var wa = document.createElement("a");
        wa.className = "bubble wa";
        wa.lang = look.locale;
        wa.dir = chat.dir;
        wa.textContent = text.whatsapp;
        wa.target = "_blank";
        wa.rel = "noopener noreferrer";
        wa.href = "https://wa.me/" + whatsappNumber + "?text=" + encodeURIComponent("site " + look.site);
        wa.setAttribute("aria-label", text.whatsappLabel);
        wrap.appendChild(wa);
      }
      box.appendChild(panel);
      wrap.appendChild(chat);
      box.appendChild(wrap);
      root.appendChild(box);

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

      var attach = function () { (document.body || document.documentElement).appendChild(host); };
      if (document.body) attach(); else document.addEventListener("DOMContentLoaded", attach);
    };

    // the bubbles show once the settings (their colour and side) and the config (WhatsApp) are in, or after a short wait without them
    var get = function (path) {
      return fetch(base + path, { credentials: "omit" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; });
    };
    Promise.all([get("/api/settings/widget"), get("/api/config")]).then(function (answers) {
      mount(answers[0], answers[1]);
    });
    setTimeout(function () { mount(null, null); }, SETTINGS_WAIT_MS);
  } catch (e) {
    warn(e);
  }
})();
