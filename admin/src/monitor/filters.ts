// The monitor's filters over the sessions it holds (from `admin:bootstrap`
// and the updates): words in the names, status, channel, agent, tag and the
// day it was created, all combined with AND, in the browser. Full text over
// every message is the Search page's.
import type { AdminSession, Channel, SessionStatus } from "@webchat/shared";
import { isDay, oneOf, textOf } from "../console/params";
import type { AnySession } from "../transcript/format";

/** A status, or "open" for every status but closed. */
export type StatusFilter = SessionStatus | "open" | "";

export interface MonitorFilters {
  words: string;
  status: StatusFilter;
  channel: Channel | "";
  agentId: string;
  tag: string;
  /** `YYYY-MM-DD` in the reader's time zone, inclusive. */
  from: string;
  to: string;
}

export const NO_FILTERS: MonitorFilters = { words: "", status: "", channel: "", agentId: "", tag: "", from: "", to: "" };

/** True when any filter is set. */
export function isFiltered(f: MonitorFilters): boolean {
  return (Object.keys(NO_FILTERS) as (keyof MonitorFilters)[]).some((k) => f[k].trim() !== "");
}

/** Local midnight of a `YYYY-MM-DD` day, `days` later; NaN for anything else. */
function midnight(day: string, days = 0): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days).getTime() : NaN;
}

/** True when `to` is a day before `from` (then nothing can match). */
export function datesReversed(f: Pick<MonitorFilters, "from" | "to">): boolean {
  return !!f.from && !!f.to && f.to < f.from;
}

function statusMatches(status: SessionStatus, wanted: StatusFilter): boolean {
  return !wanted || (wanted === "open" ? status !== "closed" : status === wanted);
}

/** Whether one session passes every filter that is set. */
export function matches(s: AnySession, f: MonitorFilters): boolean {
  if (!statusMatches(s.status, f.status)) return false;
  if (f.channel && s.channel !== f.channel) return false;
  if (f.agentId && s.agentId !== f.agentId) return false;
  // tags are stored trimmed and lower case: the typed one is compared the same way
  const tag = f.tag.trim().toLowerCase();
  if (tag && !(s.tags ?? []).includes(tag)) return false;
  const created = new Date(s.createdAt).getTime();
  if (f.from && !(created >= midnight(f.from))) return false;
  if (f.to && !(created < midnight(f.to, 1))) return false;
  const words = f.words.toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = [s.userDisplayName, s.agentDisplayName, s.id].join(" ").toLowerCase();
  return words.every((w) => haystack.includes(w));
}

/** The sessions the filters let through, newest first. */
export function filterSessions(sessions: Iterable<AdminSession>, f: MonitorFilters): AdminSession[] {
  return [...sessions].filter((s) => matches(s, f)).sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
}

/** "12 of 40 conversations" while filtered, else "40 conversations". */
export function countText(shown: number, total: number, filtered: boolean): string {
  const noun = total === 1 ? "conversation" : "conversations";
  return filtered ? `${shown} of ${total} ${noun}` : `${total} ${noun}`;
}

// ---- in the address bar ------------------------------------------------------
// The same names as the Search page's (`q`, `status`, `channel`, `agentId`,
// `tag`, `from`, `to`), so a monitor's view and a search read alike.

const STATUS_FILTERS: StatusFilter[] = ["open", "bot_pending", "queued_for_agent", "active_with_agent", "closed"];
const CHANNELS: Channel[] = ["web", "whatsapp"];

/** The filters a location's params give; a value the filters cannot hold (an unknown status, a day that is not one) is dropped. */
export function filtersFrom(params: URLSearchParams): MonitorFilters {
  const from = params.get("from");
  const to = params.get("to");
  return {
    words: textOf(params, "q"),
    status: oneOf(params.get("status"), STATUS_FILTERS),
    channel: oneOf(params.get("channel"), CHANNELS),
    agentId: textOf(params, "agentId"),
    tag: textOf(params, "tag"),
    from: isDay(from) ? from : "",
    to: isDay(to) ? to : "",
  };
}

/** The params of the filters that are set, for the address bar (words and tag trimmed). */
export function paramsOfFilters(f: MonitorFilters): Record<string, string> {
  const all: Record<string, string> = { q: f.words.trim(), status: f.status, channel: f.channel, agentId: f.agentId, tag: f.tag.trim(), from: f.from, to: f.to };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v));
}
