import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RestClient } from "@webchat/shared";
import { App } from "./App";
import { I18nProvider } from "./i18n/context";
import { applyColor, DEFAULT_TITLE, fetchSettings, resolveLook } from "./look";
import { startClient } from "./startClient";
import { ownPage, parseIdentity } from "./visitorContext";
import "@webchat/shared/ui/base.css";
import "./styles.css";

async function boot() {
  const api = new RestClient();
  const look = resolveLook(await fetchSettings(() => api.widgetSettings()));
  applyColor(document.documentElement, look.color);
  if (look.title !== DEFAULT_TITLE) document.title = look.title;
  // A site serving this page itself may sign its users in the same way as the widget (widget/IDENTITY.md).
  const identity = parseIdentity((window as { WebchatIdentity?: unknown }).WebchatIdentity);
  const client = startClient({ identity, page: ownPage, locale: look.locale });

  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <I18nProvider locale={look.locale}>
        <App client={client} look={look} path={window.location.pathname} />
      </I18nProvider>
    </StrictMode>,
  );
}

void boot();
