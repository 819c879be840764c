import { useEffect, useRef, useState, type FormEvent } from "react";
import { errorText, RestClient, type IngestProgress } from "@webchat/shared";
import type { Translate } from "../i18n";
import { useI18n } from "../i18n/context";

const api = new RestClient();
const POLL_MS = 1000;

const STATUS = { queued: "ingest.queued", running: "ingest.running", done: "ingest.done", failed: "ingest.failed" } as const;

function progressText(t: Translate, p: IngestProgress): string {
  const status = p.status in STATUS ? t(STATUS[p.status]) : p.status;
  const pages = t("ingest.pages", { status, count: p.pagesDone });
  const all = p.pagesFailed ? t("ingest.pagesFailed", { pages, count: p.pagesFailed }) : pages;
  return p.error ? `${all} (${p.error})` : all;
}

/** "Site to ingest" (shown when INGEST_PUBLIC=true): crawls a site so the bot answers from it, with live progress. */
export function IngestBar({ site }: { site: string }) {
  const { t } = useI18n();
  const [target, setTarget] = useState(site);
  const [status, setStatus] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  async function poll(jobId: string) {
    try {
      const p = await api.get<IngestProgress>(`/ingest/${encodeURIComponent(jobId)}`);
      setStatus(progressText(t, p));
      if (p.status === "queued" || p.status === "running") timer.current = setTimeout(() => void poll(jobId), POLL_MS);
    } catch (e) {
      setStatus(errorText(e, t("ingest.failed")));
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setStatus(t("ingest.starting"));
    try {
      const { jobId } = await api.post<{ jobId: string }>("/ingest", { site: target });
      await poll(jobId);
    } catch (err) {
      setStatus(errorText(err, t("ingest.failed")));
    }
  }

  return (
    <form className="ingest-bar" onSubmit={submit}>
      <label htmlFor="ingest-site">{t("ingest.site")}</label>
      <input id="ingest-site" type="url" placeholder="https://example.com" value={target} onChange={(e) => setTarget(e.target.value)} required />
      <button type="submit">{t("ingest.button")}</button>
      <span className="ingest-status" aria-live="polite">
        {status}
      </span>
    </form>
  );
}
