import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { openSocket } from "@webchat/shared";
import { App } from "./App";
import { AuthClient } from "./auth";
import { MonitorClient, type AdminSocket } from "./monitor/monitorClient";
import "@webchat/shared/ui/base.css";
import "./styles.css";

const auth = new AuthClient({ storage: window.localStorage });
const monitor = new MonitorClient({
  open: () => openSocket<AdminSocket>(() => auth.token, { namespace: "/admin" }),
  api: auth.api,
  refused: (message) => auth.signOut(message),
});
auth.init();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App auth={auth} monitor={monitor} path={window.location.pathname + window.location.search} />
  </StrictMode>,
);
