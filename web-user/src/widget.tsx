// The chat in the widget's frame (/widget.html?site=…&title=…&greeting=…&
// color=…&locale=…#page=…): the visitor app in its embed layout, with its
// own identity and one session per host site. widget.js passes the look it
// resolved (the console's widget settings under the script's data-*
// attributes) in the query, and the host page (url, title, referrer) and
// the host's signed-in user in the fragment; it posts later page changes.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RestClient } from "@webchat/shared";
import { EmbedApp } from "./EmbedApp";
import { focusEntry } from "./focus";
import { connectHost } from "./hostBridge";
import { I18nProvider } from "./i18n/context";
import { applyColor, fetchSettings, resolveLook } from "./look";
import { startClient } from "./startClient";
import { adoptLegacyWidgetKeys } from "./storageKeys";
import { readHostContext } from "./visitorContext";
import "@webchat/shared/ui/base.css";
import "./styles.css";

async function boot() {
  const query = new URLSearchParams(window.location.search);
  const asked = (key: string) => query.get(key);
  const api = new RestClient();
  const look = resolveLook(await fetchSettings(() => api.widgetSettings()), {
    title: asked("title"),
    greeting: asked("greeting"),
    color: asked("color"),
    locale: asked("locale"),
    site: asked("site"),
  });
  applyColor(document.documentElement, look.color);
  document.title = look.title;
  const site = look.site || undefined;
  adoptLegacyWidgetKeys(window.localStorage, site);
  const host = readHostContext(window.location.hash);
  // the identity is not left in the frame's address (nor its history)
  if (window.location.hash) history.replaceState(null, "", window.location.pathname + window.location.search);
  const client = startClient({
    site,
    keyPrefix: "webchat.widget",
    socket: { transports: ["websocket", "polling"] },
    identity: host.identity,
    page: () => host.page,
    locale: look.locale,
  });
  connectHost(window, window.parent, { pageChanged: (page) => client.pageChanged(page), focus: () => focusEntry(document) });

  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <I18nProvider locale={look.locale}>
        <EmbedApp client={client} look={look} />
      </I18nProvider>
    </StrictMode>,
  );
}

void boot();
