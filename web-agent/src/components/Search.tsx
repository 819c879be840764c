// Searching every conversation: the box in the header (role=search), and
// the results with filters (status, tag, channel, dates), snippets with the
// matched words marked, "Load more", and a result opened read-only at the
// matched message.
import { useEffect, useId, useState, type FormEvent } from "react";
import {
  channelName,
  errorText,
  STATUS_TEXT,
  type Channel,
  type SearchQuery,
  type SearchResult,
  type SessionStatus,
} from "@webchat/shared";
import { Snippet } from "@webchat/shared/ui";
import type { WorkspaceApi } from "../workspaceApi";
import { TranscriptDialog } from "./TranscriptDialog";

export function SearchBox({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const [q, setQ] = useState(initial);
  useEffect(() => setQ(initial), [initial]);
  return (
    <form
      role="search"
      className="search-box"
      onSubmit={(e) => {
        e.preventDefault();
        if (q.trim()) onSearch(q.trim());
      }}
    >
      <label htmlFor="search-q" className="visually-hidden">
        Search conversations
      </label>
      <input id="search-q" type="search" value={q} placeholder="Search conversations…" onChange={(e) => setQ(e.target.value)} />
      <button type="submit" className="ghost">
        Search
      </button>
    </form>
  );
}

type Filters = Pick<SearchQuery, "status" | "tag" | "channel" | "from" | "to">;
const PAGE = 20;

export function SearchView({ api, q, onClose }: { api: Pick<WorkspaceApi, "search" | "transcript">; q: string; onClose: () => void }) {
  const ids = useId();
  const [form, setForm] = useState<Filters>({});
  const [filters, setFilters] = useState<Filters>({});
  const [results, setResults] = useState<SearchResult[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [open, setOpen] = useState<{ result: SearchResult; seq?: number } | null>(null);

  async function run(more: boolean) {
    setBusy(true);
    setError(null);
    try {
      const page = await api.search({ q, ...filters, limit: PAGE, ...(more && cursor ? { cursor } : {}) });
      setResults((r) => (more ? [...r, ...page.results] : page.results));
      setCursor(page.nextCursor ?? null);
      setDone(true);
    } catch (e) {
      setError(errorText(e, "The search failed."));
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    setResults([]);
    setCursor(null);
    setDone(false);
    void run(false);
  }, [q, filters]);

  function apply(e: FormEvent) {
    e.preventDefault();
    const clean = Object.fromEntries(Object.entries(form).filter(([, v]) => v)) as Filters;
    if (clean.tag) clean.tag = clean.tag.trim().toLowerCase();
    setFilters(clean);
  }

  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value || undefined }));
  const count = results.length;
  const said = busy ? "Searching…" : done ? (count ? `${count}${cursor ? "+" : ""} conversation${count === 1 && !cursor ? "" : "s"} found.` : `No conversation matches “${q}”.`) : "";

  return (
    <section className="search-view" aria-labelledby={`${ids}-h`}>
      <header className="search-head">
        <h2 id={`${ids}-h`}>Results for “{q}”</h2>
        <button type="button" onClick={onClose}>
          Back to chats
        </button>
      </header>
      <form className="search-filters" onSubmit={apply} aria-label="Filters">
        <label>
          Status
          <select value={form.status ?? ""} onChange={set("status")}>
            <option value="">Any</option>
            {(Object.keys(STATUS_TEXT) as SessionStatus[]).map((s) => (
              <option key={s} value={s}>
                {STATUS_TEXT[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tag
          <input value={form.tag ?? ""} onChange={set("tag")} />
        </label>
        <label>
          Channel
          <select value={form.channel ?? ""} onChange={set("channel")}>
            <option value="">Any</option>
            {(["web", "whatsapp"] as Channel[]).map((c) => (
              <option key={c} value={c}>
                {channelName(c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={form.from ?? ""} onChange={set("from")} />
        </label>
        <label>
          To
          <input type="date" value={form.to ?? ""} onChange={set("to")} />
        </label>
        <button type="submit">Apply filters</button>
      </form>
      <p className="muted" role="status">
        {said}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}{" "}
          <button type="button" className="link-button" onClick={() => void run(count > 0)}>
            Try again
          </button>
        </p>
      )}
      <ol className="search-results" aria-label="Search results">
        {results.map((r) => (
          <li key={r.session.id} className="search-result">
            <div className="search-result-head">
              <button type="button" className="link-button" onClick={() => setOpen({ result: r, seq: r.matches[0]?.seq })}>
                {r.session.userDisplayName}
              </button>
              <span className="muted">
                {new Date(r.session.createdAt).toLocaleDateString()} · {channelName(r.session.channel)} · {STATUS_TEXT[r.session.status]}
                {r.session.agentDisplayName ? ` · ${r.session.agentDisplayName}` : ""}
              </span>
              {r.session.tags?.length > 0 && <span className="muted"> · {r.session.tags.join(", ")}</span>}
            </div>
            <ul className="search-matches">
              {r.matches.map((m) => (
                <li key={m.seq}>
                  <button type="button" className="search-match" onClick={() => setOpen({ result: r, seq: m.seq })}>
                    <Snippet snippet={m.snippet} />
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {cursor && (
        <button type="button" disabled={busy} onClick={() => void run(true)}>
          Load more
        </button>
      )}
      {open && (
        <TranscriptDialog
          api={api}
          sessionId={open.result.session.id}
          title={`${open.result.session.userDisplayName}, ${new Date(open.result.session.createdAt).toLocaleDateString()}`}
          highlightSeq={open.seq}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}
