import { useRef, useState, type FormEvent } from "react";
import { errorText } from "@webchat/shared";
import { FieldError } from "../console/FieldError";
import { DEFAULT_MAX_PAGES, MAX_PAGES_MAX, MAX_PAGES_MIN, maxPagesProblem, siteProblem } from "./job";

/** "Add a site": its address and how many pages to read at most; the server's refusal (a private address, too many crawls) is shown beside it. */
export function AddSiteForm({ onStart }: { onStart: (site: string, maxPages: number) => Promise<void> }) {
  const [site, setSite] = useState("");
  const [maxPages, setMaxPages] = useState(String(DEFAULT_MAX_PAGES));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const siteInput = useRef<HTMLInputElement>(null);
  const pagesInput = useRef<HTMLInputElement>(null);
  const problems = tried ? { site: siteProblem(site), maxPages: maxPagesProblem(maxPages) } : { site: null, maxPages: null };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (siteProblem(site)) return siteInput.current?.focus();
    if (maxPagesProblem(maxPages)) return pagesInput.current?.focus();
    setBusy(true);
    setError(null);
    try {
      await onStart(site.trim(), Number(maxPages.trim()));
      setSite("");
      setTried(false);
    } catch (err) {
      setError(`Could not start the crawl: ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="add-site-heading">
      <h2 id="add-site-heading">Add a site</h2>
      <form className="person-form" onSubmit={(e) => void submit(e)} noValidate aria-describedby={error ? "add-site-error" : undefined}>
        <div className="field field-grow">
          <label htmlFor="add-site-url">Site address</label>
          <input
            id="add-site-url"
            ref={siteInput}
            type="url"
            inputMode="url"
            placeholder="https://www.example.com"
            value={site}
            onChange={(e) => setSite(e.target.value)}
            aria-invalid={problems.site ? true : undefined}
            aria-describedby={`add-site-url-hint${problems.site ? " add-site-url-error" : ""}`}
          />
          <span id="add-site-url-hint" className="hint">
            The crawler reads this page and the pages it links to on the same site.
          </span>
          <FieldError id="add-site-url-error" text={problems.site} />
        </div>
        <div className="field">
          <label htmlFor="add-site-pages">Max pages</label>
          <input
            id="add-site-pages"
            ref={pagesInput}
            type="number"
            inputMode="numeric"
            min={MAX_PAGES_MIN}
            max={MAX_PAGES_MAX}
            value={maxPages}
            onChange={(e) => setMaxPages(e.target.value)}
            aria-invalid={problems.maxPages ? true : undefined}
            aria-describedby={`add-site-pages-hint${problems.maxPages ? " add-site-pages-error" : ""}`}
          />
          <span id="add-site-pages-hint" className="hint">
            {MAX_PAGES_MIN}–{MAX_PAGES_MAX}.
          </span>
          <FieldError id="add-site-pages-error" text={problems.maxPages} />
        </div>
        <div className="field field-submit">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Starting…" : "Crawl site"}
          </button>
        </div>
      </form>
      {error && (
        <p id="add-site-error" className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
