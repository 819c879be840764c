// A crawl as the Knowledge page follows it: what `GET /ingest/{jobId}`
// answered and what `ingest:progress` said, merged, and the words for it.
import type { IngestProgress, IngestProgressEvent, IngestStatus } from "@webchat/shared";
import { plural } from "../reports/figures";

/** The server's bounds for a crawl's pages (`MAX_PAGES_LIMIT`, `DEFAULT_MAX_PAGES` in src/rag/ingest.rs). */
export const MAX_PAGES_MIN = 1;
export const MAX_PAGES_MAX = 500;
export const DEFAULT_MAX_PAGES = 50;

export const STATUS_TEXT: Record<IngestStatus, string> = { queued: "Waiting", running: "Crawling", done: "Done", failed: "Failed" };

export const finished = (status: string | undefined) => status === "done" || status === "failed";

export type JobView = IngestProgress & { currentUrl?: string | null };

/** The furthest of the poll and the live event: a finished poll is the last word (it has the error), then a finished event, then the most pages. */
export function merge(polled: IngestProgress | null, live: IngestProgressEvent | undefined): JobView | null {
  if (!polled || !live) return polled ?? live ?? null;
  const ahead = finished(polled.status) ? polled : finished(live.status) || live.pagesDone >= polled.pagesDone ? live : polled;
  return { ...ahead, error: polled.error, currentUrl: finished(ahead.status) ? null : live.currentUrl };
}

/** "12 pages read, 1 failed — reading https://…", "Done: 30 pages.", "Failed: …". */
export function jobText(job: JobView | null): string {
  if (!job || job.status === "queued") return "Waiting to start…";
  const failed = job.pagesFailed ? `, ${job.pagesFailed} failed` : "";
  if (job.status === "done") return `Done: ${plural(job.pagesDone, "page")}${failed}.`;
  if (job.status === "failed") return `Failed: ${job.error || "the crawl stopped"} (${plural(job.pagesDone, "page")} read${failed}).`;
  const reading = job.currentUrl ? ` — reading ${job.currentUrl}` : "";
  return `${plural(job.pagesDone, "page")} read${failed}${reading}`;
}

/** What a site's last crawl did: "Done · 30 pages, 1 failed". */
export function lastJobText(job: { status: IngestStatus; pagesDone: number; pagesFailed: number } | null): string {
  if (!job) return "—";
  const failed = job.pagesFailed ? `, ${job.pagesFailed} failed` : "";
  return `${STATUS_TEXT[job.status] ?? job.status} · ${plural(job.pagesDone, "page")}${failed}`;
}

/** A site field's value as an http(s) address, or a sentence saying what is wrong. */
export function siteProblem(value: string): string | null {
  try {
    const u = new URL(value.trim());
    if (u.protocol === "http:" || u.protocol === "https:") return null;
  } catch {
    // not an address at all
  }
  return "Enter the site’s full address, starting with https:// (or http://).";
}

export function maxPagesProblem(value: string): string | null {
  const n = Number(value.trim());
  return value.trim() && Number.isInteger(n) && n >= MAX_PAGES_MIN && n <= MAX_PAGES_MAX ? null : `Enter a whole number from ${MAX_PAGES_MIN} to ${MAX_PAGES_MAX}.`;
}
