// A search as the form holds it, as the address bar holds it (the same
// names as `GET /api/search`), and what the form says is wrong with it.
import type { Channel, SearchQuery, SessionStatus } from "@webchat/shared";
import { isDay } from "../console/params";

export const PAGE_SIZE = 20;

export interface SearchFields {
  q: string;
  status: SessionStatus | "";
  agentId: string;
  tag: string;
  channel: Channel | "";
  /** `YYYY-MM-DD`, inclusive. */
  from: string;
  to: string;
}

export const NO_SEARCH: SearchFields = { q: "", status: "", agentId: "", tag: "", channel: "", from: "", to: "" };
const KEYS = Object.keys(NO_SEARCH) as (keyof SearchFields)[];
const STATUSES: SessionStatus[] = ["bot_pending", "queued_for_agent", "active_with_agent", "closed"];
const CHANNELS: Channel[] = ["web", "whatsapp"];

/** The fields a location's params give; values the form cannot show are dropped. */
export function fieldsFrom(params: URLSearchParams): SearchFields {
  const get = (k: string) => params.get(k) ?? "";
  const status = get("status") as SessionStatus;
  const channel = get("channel") as Channel;
  return {
    q: get("q"),
    status: STATUSES.includes(status) ? status : "",
    agentId: get("agentId"),
    tag: get("tag"),
    channel: CHANNELS.includes(channel) ? channel : "",
    from: isDay(get("from")) ? get("from") : "",
    to: isDay(get("to")) ? get("to") : "",
  };
}

/** The params of a search (for the address bar), without empty values. */
export function paramsOf(f: SearchFields): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of KEYS) {
    const v = k === "q" || k === "tag" ? f[k].trim() : f[k];
    if (v) out[k] = v;
  }
  return out;
}

/** Whether there is anything to search for. */
export function hasCriteria(f: SearchFields): boolean {
  return Object.keys(paramsOf(f)).length > 0;
}

/** The API query for a page of results. */
export function queryOf(f: SearchFields, cursor?: string): SearchQuery {
  const p = paramsOf(f);
  return { ...p, q: p.q ?? "", limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } as SearchQuery;
}

/** What is wrong with the form, and the field to focus; null when it may be sent. */
export function problemOf(f: SearchFields): { field: keyof SearchFields; text: string } | null {
  if (!hasCriteria(f)) return { field: "q", text: "Type words to search for, or choose at least one filter." };
  if (f.from && f.to && f.to < f.from) return { field: "to", text: "The “To” date is before the “From” date. Change one of them." };
  return null;
}
