import { useEffect, useState } from "react";
import { LoginForm, useStore } from "@webchat/shared/ui";
import type { AuthClient } from "./auth";
import { Layout } from "./console/Layout";
import { pageFor, type Page } from "./console/pages";
import type { MonitorClient } from "./monitor/monitorClient";

/** Login, then the console: the monitor's live connection is open while logged in. */
export function App({ auth, monitor, path }: { auth: AuthClient; monitor: MonitorClient; path: string }) {
  const { status, user, error } = useStore(auth);
  const { connection } = useStore(monitor);
  const [page, setPage] = useState<Page>(() => pageFor(path));
  const loggedIn = status === "loggedIn";

  useEffect(() => {
    if (!loggedIn) return;
    monitor.start();
    return () => monitor.stop();
  }, [loggedIn, monitor]);

  if (!loggedIn) {
    return (
      <LoginForm
        title="Webchat Admin"
        intro="Live monitor of every conversation."
        busy={status === "loggingIn"}
        error={error}
        onLogin={(e, p) => void auth.login(e, p)}
      />
    );
  }
  const navigate = (p: Page) => {
    window.history.pushState(null, "", `/admin/${p.path}`);
    setPage(p);
  };
  const Current = page.component;
  return (
    <Layout page={page} connection={connection} who={user?.displayName ?? null} onNavigate={navigate} onLogout={() => void auth.logout()}>
      <Current monitor={monitor} />
    </Layout>
  );
}
