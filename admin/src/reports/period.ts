// The reports' period: a preset (today, the last 7 or 30 days) or custom
// dates, as whole days in the browser's time zone. The server takes `from`
// (inclusive) and `to` (exclusive, the start of the day after the last one)
// as instants, and `tz` to count days and hours in. The period shown is
// kept in the address bar (`?period=30d`, `?from=…&to=…`).
import type { ReportPeriod } from "@webchat/shared";
import { isDay, oneOf } from "../console/params";
import { browserZone } from "../hours/hours";

export type Preset = "today" | "7d" | "30d" | "custom";

export const PRESETS: { value: Preset; label: string }[] = [
  { value: "today", label: "Today" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
  { value: "custom", label: "Custom dates" },
];

/** Whole days, "YYYY-MM-DD", both included. */
export interface Days {
  first: string;
  last: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A local day as "YYYY-MM-DD". */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Local midnight of "YYYY-MM-DD", `plus` days on. */
export function midnight(day: string, plus = 0): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y, m - 1, d + plus);
}

/** The days of a preset, ending today. */
export function presetDays(preset: Exclude<Preset, "custom">, now = new Date()): Days {
  const last = isoDate(now);
  const back = preset === "today" ? 0 : preset === "7d" ? 6 : 29;
  return { first: isoDate(midnight(last, -back)), last };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with custom dates, or null. */
export function daysProblem({ first, last }: Days): string | null {
  if (!DAY.test(first) || !DAY.test(last)) return "Choose both a first and a last day.";
  if (first > last) return "The first day must not be after the last.";
  return null;
}

/** What the server is asked for: local midnights as instants, and the browser's time zone. */
export function periodOf({ first, last }: Days, tz = browserZone()): ReportPeriod {
  return { from: midnight(first).toISOString(), to: midnight(last, 1).toISOString(), tz };
}

/** "3 May" for a day of the period. */
export function shortDay(day: string): string {
  return midnight(day).toLocaleDateString([], { day: "numeric", month: "short" });
}

/** "Sun, 3 May" for a day of the period. */
export function longDay(day: string): string {
  return midnight(day).toLocaleDateString([], { weekday: "short", day: "numeric", month: "short" });
}

/** "3 May – 9 May 2026", or one day. */
export function daysText({ first, last }: Days): string {
  const year = (d: string) => midnight(d).toLocaleDateString([], { day: "numeric", month: "short", year: "numeric" });
  return first === last ? year(first) : `${shortDay(first)} – ${year(last)}`;
}

// ---- in the address bar ------------------------------------------------------

/** The period a report shows: the preset that chose its days (or "custom"), and the days. */
export interface Shown {
  preset: Preset;
  days: Days;
}

export const DEFAULT_PRESET = "7d";

/**
 * The period a location's params ask for: custom days (`from` and `to`,
 * both included, the right way round), or a `period` preset; the last 7 days
 * for anything else.
 */
export function shownFrom(params: URLSearchParams, now = new Date()): Shown {
  const days = { first: params.get("from") ?? "", last: params.get("to") ?? "" };
  if (isDay(days.first) && isDay(days.last) && !daysProblem(days)) return { preset: "custom", days };
  const preset = oneOf(params.get("period"), ["today", "7d", "30d"] as const) || DEFAULT_PRESET;
  return { preset, days: presetDays(preset, now) };
}

/** The params of a period for the address bar: none for the default, a preset's name, or custom days. */
export function paramsOfShown({ preset, days }: Shown): Record<string, string> {
  if (preset === "custom") return { from: days.first, to: days.last };
  return preset === DEFAULT_PRESET ? {} : { period: preset };
}
