import { useEffect, useRef, useState, type FormEvent } from "react";
import { errorText, RestClient, type IngestProgress } from "@webchat/shared";

const api = new RestClient();
const POLL_MS = 1000;

function progressText(p: IngestProgress): string {
  const failed = p.pagesFailed ? `, ${p.pagesFailed} failed` : "";
  return `${p.status}: ${p.pagesDone} pages${failed}${p.error ? ` (${p.error})` : ""}`;
}

/** "Site to ingest" (shown when INGEST_PUBLIC=true): crawls a site so the bot answers from it, with live progress. */
export function IngestBar({ site }: { site: string }) {
  const [target, setTarget] = useState(site);
  const [status, setStatus] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  async function poll(jobId: string) {
    try {
      const p = await api.get<IngestProgress>(`/ingest/${encodeURIComponent(jobId)}`);
      setStatus(progressText(p));
      if (p.status === "queued" || p.status === "running") timer.current = setTimeout(() => void poll(jobId), POLL_MS);
    } catch (e) {
      setStatus(errorText(e, "failed"));
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setStatus("Starting…");
    try {
      const { jobId } = await api.post<{ jobId: string }>("/ingest", { site: target });
      await poll(jobId);
    } catch (err) {
      setStatus(errorText(err, "failed"));
    }
  }

  return (
    <form className="ingest-bar" onSubmit={submit}>
      <label htmlFor="ingest-site">Site to ingest</label>
      <input id="ingest-site" type="url" placeholder="https://example.com" value={target} onChange={(e) => setTarget(e.target.value)} required />
      <button type="submit">Ingest</button>
      <span className="ingest-status" aria-live="polite">
        {status}
      </span>
    </form>
  );
}
