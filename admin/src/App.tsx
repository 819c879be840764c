import { useEffect, useMemo, useState } from "react";
import { LoginForm, useStore } from "@webchat/shared/ui";
import type { AuthClient } from "./auth";
import { Layout } from "./console/Layout";
import { pageFor, pagesFor, paramsFor } from "./console/pages";
import { hrefOf, type Params, type Route } from "./console/route";
import type { MonitorClient } from "./monitor/monitorClient";

/**
 * Login, then the console: the monitor's live connection is open while
 * logged in. `path` is where the console starts (path and query, as in the
 * address bar); moving between pages pushes history, and Back goes back; a
 * page's filters replace the query of its own entry.
 */
export function App({ auth, monitor, path }: { auth: AuthClient; monitor: MonitorClient; path: string }) {
  const { status, user, error } = useStore(auth);
  const { connection } = useStore(monitor);
  const [location, setLocation] = useState(path);
  const loggedIn = status === "loggedIn";

  useEffect(() => {
    if (!loggedIn) return;
    monitor.start();
    return () => monitor.stop();
  }, [loggedIn, monitor]);

  useEffect(() => {
    const back = () => setLocation(window.location.pathname + window.location.search);
    window.addEventListener("popstate", back);
    return () => window.removeEventListener("popstate", back);
  }, []);

  const allowed = pagesFor(user?.role);
  const found = pageFor(location);
  const page = allowed.includes(found) ? found : allowed[0];
  // a page shown in place of the one asked for (an admin's page before the login says who it is) leaves the address alone
  const owns = page === found;
  const query = location.includes("?") ? location.slice(location.indexOf("?")) : "";
  const route: Route = useMemo(
    () => ({
      params: paramsFor(query),
      go: (to: string, params?: Params) => {
        const href = hrefOf(to, params);
        window.history.pushState(null, "", href);
        setLocation(href);
      },
      replace: (params: Params) => {
        if (!owns) return;
        const href = hrefOf(page.path, params);
        window.history.replaceState(window.history.state, "", href);
        setLocation(href);
      },
    }),
    [query, page.path, owns],
  );

  if (!loggedIn) {
    return (
      <LoginForm
        title="Webchat Admin"
        intro="For supervisors and admins: the live monitor, the team's canned responses, search, reports, knowledge, the widget, the business hours, the audit log and API tokens."
        busy={status === "loggingIn"}
        error={error}
        onLogin={(e, p) => void auth.login(e, p)}
      />
    );
  }
  const Current = page.component;
  return (
    <Layout
      page={page}
      pages={allowed.filter((p) => p.nav !== false)}
      connection={connection}
      who={user?.displayName ?? null}
      onNavigate={(p) => route.go(p.path)}
      onLogout={() => void auth.logout()}
    >
      <Current key={page.path} monitor={monitor} api={auth.api} route={route} user={user} />
    </Layout>
  );
}
