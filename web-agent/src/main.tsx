import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { TeamClient } from "./teamClient";
import { App } from "./App";
import { followMonitorLink } from "./monitorLink";
import { inviteLink } from "./inviteLink";
import { openSocket, type ChatSocket } from "@webchat/shared";
import { beep } from "./sound";
import "@webchat/shared/ui/base.css";
import "./styles.css";

const client = new TeamClient({
  storage: window.localStorage,
  open: (getToken) => openSocket<ChatSocket>(getToken),
  beep,
  isHidden: () => document.hidden,
  hasFocus: () => document.hasFocus(),
});
followMonitorLink(client);
// An invitation's page runs no one's session: a login this browser has
// resumes at /agent/, or is replaced once the invitation is accepted.
if (!inviteLink(window.location)) client.init();
document.addEventListener("visibilitychange", () => {
  if (!document.hidden) client.visible();
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);
