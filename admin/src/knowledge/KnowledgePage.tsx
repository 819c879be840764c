import { useCallback, useEffect, useState } from "react";
import { errorText, type KnowledgeSite } from "@webchat/shared";
import { ConfirmDialog } from "@webchat/shared/ui";
import type { PageProps } from "../console/pages";
import { plural } from "../reports/figures";
import { AddSiteForm } from "./AddSiteForm";
import { DEFAULT_MAX_PAGES, MAX_PAGES_MAX } from "./job";
import { JobProgress, type Job } from "./JobProgress";
import { SitesTable } from "./SitesTable";
import { LoadState } from "../console/LoadState";

/** A re-crawl reads at least as many pages as the site has now (and the default), within the server's limit. */
const recrawlPages = (s: KnowledgeSite) => Math.min(MAX_PAGES_MAX, Math.max(DEFAULT_MAX_PAGES, s.pages));

/**
 * What the bot answers from: the ingested sites, adding one (a crawl whose
 * progress is followed live), crawling one again and forgetting one. Admins.
 */
export function KnowledgePage({ api, monitor }: PageProps) {
  const [sites, setSites] = useState<KnowledgeSite[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [jobs, setJobs] = useState<(Job & { running: boolean })[]>([]);
  const [notice, setNotice] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [forgetting, setForgetting] = useState<KnowledgeSite | null>(null);

  const load = useCallback(() => {
    setLoadError(null);
    api.knowledgeSites().then(
      (d) => setSites(d.sites ?? []),
      (e) => setLoadError(`Could not load the sites: ${errorText(e)}`),
    );
  }, [api]);
  useEffect(load, [load]);

  async function start(site: string, maxPages: number) {
    const { jobId } = await api.ingest(site, maxPages);
    setJobs((js) => [{ jobId, site, maxPages, running: true }, ...js.filter((j) => j.site !== site)]);
    setNotice(`Crawling ${site}: its progress is below.`);
  }

  function recrawl(s: KnowledgeSite) {
    setError(null);
    start(s.site, recrawlPages(s)).catch((e) => setError(`Could not crawl ${s.site} again: ${errorText(e)}`));
  }

  const ended = useCallback(
    (jobId: string) => {
      setJobs((js) => js.map((j) => (j.jobId === jobId ? { ...j, running: false } : j)));
      load();
    },
    [load],
  );

  function dismiss(jobId: string) {
    setJobs((js) => js.filter((j) => j.jobId !== jobId));
    document.getElementById("knowledge-heading")?.focus();
  }

  return (
    <div className="people knowledge">
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      <section className="card" aria-labelledby="knowledge-heading">
        <h2 id="knowledge-heading" tabIndex={-1}>
          Knowledge
        </h2>
        <p className="hint">The bot answers visitors from the pages of these sites. A site’s pages are read again when it is crawled again.</p>
        <LoadState error={loadError} loaded onRetry={load} />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {!sites && !loadError && <p className="muted">Loading…</p>}
        {sites && <SitesTable sites={sites} crawling={new Set(jobs.filter((j) => j.running).map((j) => j.site))} onRecrawl={recrawl} onForget={setForgetting} />}
      </section>
      {jobs.length > 0 && (
        <section className="card" aria-labelledby="jobs-heading">
          <h2 id="jobs-heading">Crawls</h2>
          <ul className="jobs">
            {jobs.map((j) => (
              <JobProgress key={j.jobId} api={api} monitor={monitor} job={j} onFinished={() => ended(j.jobId)} onDismiss={() => dismiss(j.jobId)} />
            ))}
          </ul>
        </section>
      )}
      <AddSiteForm onStart={start} />
      {forgetting && (
        <ConfirmDialog
          id="forget"
          title={`Forget ${forgetting.site}?`}
          action="Forget site"
          onConfirm={async () => {
            await api.forgetSite(forgetting.site);
            setForgetting(null);
            setNotice(`${forgetting.site} was forgotten.`);
            load();
          }}
          failed={(e) => `Could not forget ${forgetting.site}: ${errorText(e)}`}
          onClose={() => setForgetting(null)}
        >
          Its {plural(forgetting.pages, "page")} are deleted and the bot stops answering from them. You can add the site again later.
        </ConfirmDialog>
      )}
    </div>
  );
}
