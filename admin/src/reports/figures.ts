// How the reports write their numbers: shares, ratings, and the charts'
// rows and one-sentence summaries (what a screen reader hears for a chart).
import type { ReportSummary } from "@webchat/shared";
import { longDay, shortDay } from "./period";

/** "38%" of `whole`; "–" when there is nothing to divide. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((100 * part) / whole)}%` : "–";
}

/** "4.3 / 5"; "–" when no one rated. */
export function rating(average: number | null | undefined): string {
  return average === null || average === undefined || !Number.isFinite(average) ? "–" : `${average.toFixed(1)} / 5`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One part of a stacked bar; `className` gives its colour. */
export interface Series {
  label: string;
  className: string;
}

/** One bar: its axis label, its name in the table and the summary, and a value per series. */
export interface ChartRow {
  short: string;
  label: string;
  values: number[];
}

export const DAY_SERIES: Series[] = [
  { label: "Resolved by the bot", className: "bar-bot" },
  { label: "Handed off", className: "bar-handed" },
  { label: "Still with the bot", className: "bar-open" },
];

export const HOUR_SERIES: Series[] = [
  { label: "Handed off", className: "bar-handed" },
  { label: "Not handed off", className: "bar-bot" },
];

export function dayRows(report: ReportSummary): ChartRow[] {
  return (report.byDay ?? []).map((d) => ({
    short: shortDay(d.date),
    label: longDay(d.date),
    values: [d.resolvedByBot, d.handedOff, Math.max(0, d.conversations - d.resolvedByBot - d.handedOff)],
  }));
}

const hh = (h: number) => `${String(h % 24).padStart(2, "0")}:00`;

export function hourRows(report: ReportSummary): ChartRow[] {
  return [...(report.byHour ?? [])]
    .sort((a, b) => a.hour - b.hour)
    .map((h) => ({ short: String(h.hour).padStart(2, "0"), label: `${hh(h.hour)}–${hh(h.hour + 1)}`, values: [h.handedOff, Math.max(0, h.conversations - h.handedOff)] }));
}

const total = (r: ChartRow) => r.values.reduce((a, b) => a + b, 0);

/** The bar with the most, the first of equals; null when all are empty. */
function busiest(rows: ChartRow[]): ChartRow | null {
  let top: ChartRow | null = null;
  for (const r of rows) if (total(r) > (top ? total(top) : 0)) top = r;
  return top;
}

/** "120 conversations over 7 days: 60 resolved by the bot, 45 handed off, 15 still with the bot. Busiest: Fri, 3 May, with 30." */
export function daySummary(rows: ChartRow[]): string {
  const all = rows.reduce((n, r) => n + total(r), 0);
  const parts = DAY_SERIES.map((s, i) => `${rows.reduce((n, r) => n + r.values[i], 0)} ${s.label.toLowerCase()}`).join(", ");
  const top = busiest(rows);
  const head = `${plural(all, "conversation")} over ${plural(rows.length, "day")}`;
  return top ? `${head}: ${parts}. Busiest: ${top.label}, with ${total(top)}.` : `${head}.`;
}

/** "Busiest hour: 14:00–15:00, with 18 conversations, 6 handed off." */
export function hourSummary(rows: ChartRow[]): string {
  const top = busiest(rows);
  if (!top) return "No conversations at any hour.";
  return `Busiest hour: ${top.label}, with ${plural(total(top), "conversation")}, ${top.values[0]} handed off.`;
}
