import { useEffect, useRef, useState } from "react";
import { errorText, HttpError, type IngestProgress, type RestClient } from "@webchat/shared";
import { useStore } from "@webchat/shared/ui";
import type { MonitorClient } from "../monitor/monitorClient";
import { finished, jobText, merge } from "./job";

export const POLL_MS = 2000;

/** A crawl the page started. */
export interface Job {
  jobId: string;
  site: string;
  maxPages: number;
}

/**
 * One crawl's live progress: `ingest:progress` from the /admin socket as it
 * goes, and `GET /ingest/{jobId}` every 2 s in case the socket misses some
 * (and at once when the socket says it ended, for the error). The line is
 * read out politely; `onFinished` runs once, when it is done or failed.
 */
export function JobProgress({ api, monitor, job, onFinished, onDismiss }: { api: RestClient; monitor: MonitorClient; job: Job; onFinished: () => void; onDismiss: () => void }) {
  const live = useStore(monitor).ingest.get(job.jobId);
  const [polled, setPolled] = useState<IngestProgress | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const liveEnded = finished(live?.status);
  const view = merge(polled, live);
  const done = finished(view?.status);
  const told = useRef(false);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const p = await api.ingestJob(job.jobId);
        if (stopped) return;
        setPolled(p);
        setPollError(null);
        if (finished(p.status)) return;
      } catch (e) {
        if (stopped) return;
        setPollError(`Could not follow this crawl: ${errorText(e)}`);
        if (e instanceof HttpError && e.status === 404) return;
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // liveEnded: polled once more at once when the socket says the crawl ended.
  }, [api, job.jobId, liveEnded]);

  useEffect(() => {
    if (!done || told.current) return;
    told.current = true;
    onFinished();
  }, [done, onFinished]);

  const count = view ? view.pagesDone + view.pagesFailed : 0;
  const labelId = `job-${job.jobId}-site`;
  return (
    <li className={`job job-${view?.status ?? "queued"}`}>
      <span id={labelId} className="job-site">
        {job.site}
      </span>
      {view?.status === "done" ? (
        <progress aria-labelledby={labelId} max={1} value={1} />
      ) : view?.status === "running" ? (
        <progress aria-labelledby={labelId} max={job.maxPages} value={Math.min(count, job.maxPages)} />
      ) : (
        view?.status !== "failed" && <progress aria-labelledby={labelId} />
      )}
      <p className={view?.status === "failed" ? "job-text form-error" : "job-text"} role="status" aria-live="polite">
        {pollError && !view ? pollError : jobText(view)}
      </p>
      {done && (
        <button type="button" onClick={onDismiss}>
          Dismiss<span className="visually-hidden"> the crawl of {job.site}</span>
        </button>
      )}
    </li>
  );
}
