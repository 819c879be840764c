// Where the console is: a page path under /admin/ and its search params
// (a search's query, the contact shown, the monitor's filters, the reports'
// period), kept in the address bar so a view can be shared, reloaded and
// gone back to.
import type { MouseEvent, ReactNode } from "react";

export const BASE = "/admin/";

export type Params = Record<string, string | undefined>;

export interface Route {
  /** The current page's search params. */
  params: URLSearchParams;
  /** Goes to a page path ("search", "contact") with params; empty values are left out. */
  go: (path: string, params?: Params) => void;
  /**
   * Puts the current page's state (filters, a period) in the address bar in
   * place of the current params, without a new history entry: for what
   * changes as the operator types or picks. The page keeps its own state;
   * it reads the params only when it opens.
   */
  replace: (params: Params) => void;
}

/** The search string for `params`, without empty values: "?q=refund&status=closed" or "". */
export function searchOf(params: Params = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}

export function hrefOf(path: string, params?: Params): string {
  return `${BASE}${path}${searchOf(params)}`;
}

/** A link to a console page that moves without a reload (a new tab with Ctrl/Cmd still works). */
export function RouteLink({
  route,
  path,
  params,
  children,
  className,
}: {
  route: Route;
  path: string;
  params?: Params;
  children: ReactNode;
  className?: string;
}) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    route.go(path, params);
  };
  return (
    <a href={hrefOf(path, params)} onClick={onClick} className={className}>
      {children}
    </a>
  );
}
