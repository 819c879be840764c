import type { ReactNode } from "react";
import type { ConnectionStatus } from "@webchat/shared";
import type { Page } from "./pages";

/** The server's API docs page (admin/api-docs.html, served there). */
export const API_DOCS = "/api/docs";

const CONNECTION_TEXT: Record<ConnectionStatus, string> = {
  idle: "Connecting…",
  connecting: "Connecting…",
  online: "Live",
  reconnecting: "Reconnecting…",
};

/** The console's frame: top bar (live status, who, log out), the page nav (and the API docs), and the page. */
export function Layout({
  page,
  pages,
  connection,
  who,
  onNavigate,
  onLogout,
  children,
}: {
  page: Page;
  /** The pages in the nav, in order. */
  pages: Page[];
  connection: ConnectionStatus;
  who: string | null;
  onNavigate: (page: Page) => void;
  onLogout: () => void;
  children: ReactNode;
}) {
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Webchat Admin</span>
        <span className={`conn conn-${connection === "online" ? "live" : "down"}`} role="status">
          {CONNECTION_TEXT[connection]}
        </span>
        <span className="spacer" />
        {who && <span className="who">{who}</span>}
        <button type="button" className="ghost" onClick={onLogout}>
          Log out
        </button>
      </header>
      <nav className="nav" aria-label="Console">
        <ul>
          {pages.map((p) => (
            <li key={p.path}>
              <a
                href={`/admin/${p.path}`}
                aria-current={p === page ? "page" : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  onNavigate(p);
                }}
              >
                {p.title}
              </a>
            </li>
          ))}
          <li>
            {/* every route of the server, with Swagger UI: a page of its own, not the console's */}
            <a href={API_DOCS}>API docs</a>
          </li>
        </ul>
      </nav>
      <main className="page">{children}</main>
    </div>
  );
}
