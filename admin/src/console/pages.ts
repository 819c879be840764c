// The console's pages, in nav order. Each is a path under /admin/ and a
// component; the monitor is the first, then people. Knowledge, settings, reports
// and privacy join this list as they are built.
import type { ComponentType } from "react";
import type { MonitorClient } from "../monitor/monitorClient";
import { MonitorPage } from "../monitor/MonitorPage";
import { PeoplePage } from "../people/PeoplePage";

export interface PageProps {
  monitor: MonitorClient;
}

export interface Page {
  /** Path under /admin/, "" for the first page. */
  path: string;
  title: string;
  component: ComponentType<PageProps>;
}

export const PAGES: Page[] = [
  { path: "", title: "Monitor", component: MonitorPage },
  { path: "people", title: "People", component: PeoplePage },
];

/** The page for a location path under `base` ("/admin/"); the first page for anything unknown. */
export function pageFor(pathname: string, base = "/admin/"): Page {
  const rest = pathname.startsWith(base) ? pathname.slice(base.length).replace(/\/+$/, "") : "";
  return PAGES.find((p) => p.path === rest) ?? PAGES[0];
}
