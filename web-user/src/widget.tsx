// The chat in the widget's frame (/widget.html?site=…#page=…): the visitor
// app in its embed layout, with its own identity and one session per host
// site. widget.js passes the host page (url, title, referrer) and the host's
// signed-in user in the fragment, and posts later page changes.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { EmbedApp } from "./EmbedApp";
import { startClient } from "./startClient";
import { adoptLegacyWidgetKeys } from "./storageKeys";
import { hostPageMessage, readHostContext } from "./visitorContext";
import "@webchat/shared/ui/base.css";
import "./styles.css";

const site = new URLSearchParams(window.location.search).get("site") || undefined;
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
});
window.addEventListener("message", (e) => {
  if (e.source !== window.parent) return;
  const page = hostPageMessage(e.data);
  if (page) client.pageChanged(page);
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <EmbedApp client={client} site={site ?? ""} />
  </StrictMode>,
);
