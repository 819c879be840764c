// The chat in the widget's frame (/widget.html?site=…): the visitor app in
// its embed layout, with its own identity and one session per host site.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { EmbedApp } from "./EmbedApp";
import { startClient } from "./startClient";
import { adoptLegacyWidgetKeys } from "./storageKeys";
import "@webchat/shared/ui/base.css";
import "./styles.css";

const site = new URLSearchParams(window.location.search).get("site") || undefined;
adoptLegacyWidgetKeys(window.localStorage, site);
const client = startClient({ site, keyPrefix: "webchat.widget", socket: { transports: ["websocket", "polling"] } });

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <EmbedApp client={client} site={site ?? ""} />
  </StrictMode>,
);
