import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { startClient } from "./startClient";
import "@webchat/shared/ui/base.css";
import "./styles.css";

const client = startClient({});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App client={client} path={window.location.pathname} />
  </StrictMode>,
);
