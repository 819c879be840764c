import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { ChatClient } from "./chatClient";
import { openSocket } from "./socket";
import "./styles.css";

const client = new ChatClient({ storage: window.localStorage, open: (getToken) => openSocket(getToken) });
client.init();
window.addEventListener("online", () => client.setBrowserOnline(true));
window.addEventListener("offline", () => client.setBrowserOnline(false));

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App client={client} path={window.location.pathname} />
  </StrictMode>,
);
