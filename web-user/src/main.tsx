import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { startClient } from "./startClient";
import { ownPage, parseIdentity } from "./visitorContext";
import "@webchat/shared/ui/base.css";
import "./styles.css";

// A site serving this page itself may sign its users in the same way as the widget (widget/IDENTITY.md).
const identity = parseIdentity((window as { WebchatIdentity?: unknown }).WebchatIdentity);
const client = startClient({ identity, page: ownPage });

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App client={client} path={window.location.pathname} />
  </StrictMode>,
);
