// Opening hours as the form edits them, and as the server stores them
// (`BusinessHours`): windows `[start, end)` in local "HH:MM" per day, "24:00"
// ending a day, an end before its start running past midnight, `weekly:
// null` for always open. The checks mirror the server's limits so the form
// says what is wrong before sending; the server still decides.
import type { BusinessHours, Weekday } from "@webchat/shared";

export const WEEKDAYS: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
export const DAY_NAMES: Record<Weekday, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};
export const MAX_WINDOWS = 6;
export const MAX_HOLIDAYS = 100;
export const END_OF_DAY = "24:00";

/** One opening window; `endOfDay` stands for "24:00" (a time input cannot hold it), `end` keeps the time typed. */
export interface OpenWindow {
  start: string;
  end: string;
  endOfDay: boolean;
}

export type Days = Record<Weekday, OpenWindow[]>;

export interface HoursDraft {
  timezone: string;
  alwaysOpen: boolean;
  /** Kept while "Always open" is on, so switching it off brings them back. */
  days: Days;
  holidays: string[];
}

/** What is wrong: the time zone, or a window by `windowKey(day, i)`. */
export type HoursProblems = Partial<Record<string, string>>;

export const windowKey = (day: Weekday, i: number) => `${day}-${i}`;

const nineToFive = (): OpenWindow[] => [{ start: "09:00", end: "17:00", endOfDay: false }];

/** Monday to Friday 09:00–17:00: where a week starts when "Always open" is switched off for the first time. */
export function officeWeek(): Days {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, d === "sat" || d === "sun" ? [] : nineToFive()])) as Days;
}

export function draftOf(hours: BusinessHours): HoursDraft {
  const weekly = hours.weekly;
  const days = weekly
    ? (Object.fromEntries(
        WEEKDAYS.map((d) => [d, (weekly[d] ?? []).map(([start, end]) => (end === END_OF_DAY ? { start, end: "", endOfDay: true } : { start, end, endOfDay: false }))]),
      ) as Days)
    : officeWeek();
  return { timezone: hours.timezone, alwaysOpen: !weekly, days, holidays: [...(hours.holidays ?? [])].sort() };
}

/** The whole object to PUT: every day listed (closed ones empty), or `weekly: null` when always open. */
export function hoursOf(draft: HoursDraft): BusinessHours {
  const weekly = draft.alwaysOpen
    ? null
    : (Object.fromEntries(WEEKDAYS.map((d) => [d, draft.days[d].map((w): [string, string] => [w.start, w.endOfDay ? END_OF_DAY : w.end])])) as Record<
        Weekday,
        [string, string][]
      >);
  return { timezone: draft.timezone, weekly, holidays: [...draft.holidays].sort() };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const validTime = (t: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(t);
const endOf = (w: OpenWindow) => (w.endOfDay ? END_OF_DAY : w.end);

/** Closes before it opens: runs past midnight into the next day. */
export const overnight = (w: OpenWindow) => !w.endOfDay && validTime(w.start) && validTime(w.end) && w.end < w.start;

/** The minutes a window covers from its day's midnight, `[from, to)`; an overnight one goes past 1440. */
function span(w: OpenWindow): [number, number] {
  const from = minutes(w.start);
  const to = w.endOfDay ? 24 * 60 : minutes(w.end);
  return [from, to < from ? to + 24 * 60 : to];
}

function windowProblem(w: OpenWindow, others: OpenWindow[]): string | undefined {
  if (!validTime(w.start)) return "Enter the opening time.";
  if (!w.endOfDay && !validTime(w.end)) return "Enter the closing time, or tick End of day.";
  if (w.start === endOf(w)) return "The opening and closing times are the same. Change one, or remove this window.";
  const [from, to] = span(w);
  const clash = others.find((o) => {
    if (!validTime(o.start) || (!o.endOfDay && !validTime(o.end)) || o.start === endOf(o)) return false;
    const [a, b] = span(o);
    return from < b && a < to;
  });
  return clash ? `Overlaps ${clash.start}–${endOf(clash)}. Change the times, or remove one of the windows.` : undefined;
}

export function check(draft: HoursDraft): HoursProblems {
  const problems: HoursProblems = {};
  if (!draft.timezone) problems.timezone = "Choose the time zone the hours are in.";
  if (draft.alwaysOpen) return problems;
  for (const day of WEEKDAYS) {
    const windows = draft.days[day];
    windows.forEach((w, i) => {
      const problem = windowProblem(w, windows.slice(0, i));
      if (problem) problems[windowKey(day, i)] = problem;
    });
  }
  return problems;
}

const pad = (n: number) => String(n).padStart(2, "0");
const hhmm = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;

/** A window to add after `windows`: from the last closing time, an hour long; 09:00–17:00 on a closed day. */
export function nextWindow(windows: OpenWindow[]): OpenWindow {
  const last = windows[windows.length - 1];
  if (!last || last.endOfDay || !validTime(last.end) || overnight(last)) return nineToFive()[0];
  const from = minutes(last.end);
  return from + 60 >= 24 * 60 ? { start: hhmm(from), end: "", endOfDay: true } : { start: hhmm(from), end: hhmm(from + 60), endOfDay: false };
}

/** Tuesday to Friday get Monday's windows. */
export function copyMondayToWeekdays(days: Days): Days {
  const copy = () => days.mon.map((w) => ({ ...w }));
  return { ...days, tue: copy(), wed: copy(), thu: copy(), fri: copy() };
}

/** "Thu 25 Dec 2026" for a local date "2026-12-25". */
export function dateText(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return d.toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/** Why `date` cannot be added to `holidays`, or null. */
export function holidayProblem(holidays: string[], date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return "Choose a date to add.";
  if (holidays.includes(date)) return `${dateText(date)} is already in the list.`;
  if (holidays.length >= MAX_HOLIDAYS) return `At most ${MAX_HOLIDAYS} holidays; remove past ones first.`;
  return null;
}

/** The zones a browser knows, with `current` and UTC kept even when it does not list them. */
export function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set([...known, "UTC", ...(current ? [current] : [])])].sort();
}

/** The browser's own zone, e.g. "Europe/Paris". */
export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
