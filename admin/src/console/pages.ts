// The console's pages, in nav order. Each is a path under /admin/ and a
// component; the monitor is the first, then people, canned responses,
// search, reports, knowledge, the widget, the business hours, the audit log,
// the API tokens and the webhooks. The contact view is a page too (reached
// from a search result or a transcript), kept out of the nav.
import type { ComponentType } from "react";
import type { RestClient, User } from "@webchat/shared";
import { AuditPage } from "../audit/AuditPage";
import { CannedPage } from "../canned/CannedPage";
import { ContactPage } from "../contact/ContactPage";
import { HoursPage } from "../hours/HoursPage";
import { KnowledgePage } from "../knowledge/KnowledgePage";
import type { MonitorClient } from "../monitor/monitorClient";
import { MonitorPage } from "../monitor/MonitorPage";
import { PeoplePage } from "../people/PeoplePage";
import { ReportsPage } from "../reports/ReportsPage";
import { SearchPage } from "../search/SearchPage";
import { TokensPage } from "../tokens/TokensPage";
import { WebhooksPage } from "../webhooks/WebhooksPage";
import { WidgetPage } from "../widget/WidgetPage";
import { BASE, type Route } from "./route";

export interface PageProps {
  monitor: MonitorClient;
  /** The logged-in operator's REST client. */
  api: RestClient;
  route: Route;
  user: User | null;
}

export interface Page {
  /** Path under /admin/, "" for the first page. */
  path: string;
  title: string;
  component: ComponentType<PageProps>;
  /** False for a page reached only from another (the contact view). */
  nav?: boolean;
  /** Admins only (supervisors do not see it). */
  adminOnly?: boolean;
}

export const PAGES: Page[] = [
  { path: "", title: "Monitor", component: MonitorPage },
  { path: "people", title: "People", component: PeoplePage, adminOnly: true },
  { path: "canned-responses", title: "Canned responses", component: CannedPage },
  { path: "search", title: "Search", component: SearchPage },
  { path: "reports", title: "Reports", component: ReportsPage },
  { path: "knowledge", title: "Knowledge", component: KnowledgePage, adminOnly: true },
  { path: "widget", title: "Widget", component: WidgetPage, adminOnly: true },
  // supervisors read the hours; only admins may save them (the page says so)
  { path: "business-hours", title: "Business hours", component: HoursPage },
  { path: "audit", title: "Audit log", component: AuditPage, adminOnly: true },
  { path: "tokens", title: "API tokens", component: TokensPage, adminOnly: true },
  { path: "webhooks", title: "Webhooks", component: WebhooksPage, adminOnly: true },
  { path: "contact", title: "Contact", component: ContactPage, nav: false },
];

/** The pages `role` may open: supervisors see all but the admins' own. */
export function pagesFor(role: string | undefined): Page[] {
  return PAGES.filter((p) => !p.adminOnly || role === "admin");
}

/** The page for a location path under `base` ("/admin/"), a query string ignored; the first page for anything unknown. */
export function pageFor(pathname: string, base = BASE): Page {
  const path = pathname.split(/[?#]/)[0];
  const rest = path.startsWith(base) ? path.slice(base.length).replace(/\/+$/, "") : "";
  return PAGES.find((p) => p.path === rest) ?? PAGES[0];
}

/** The search params of a location ("/admin/search?q=x" → q=x). */
export function paramsFor(location: string): URLSearchParams {
  const i = location.indexOf("?");
  return new URLSearchParams(i < 0 ? "" : location.slice(i + 1).split("#")[0]);
}
