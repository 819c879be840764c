import { useEffect, useRef, useState } from "react";
import { errorText, HttpError, type SearchResult } from "@webchat/shared";
import { useStore } from "@webchat/shared/ui";
import type { PageProps } from "../console/pages";
import { searchOf } from "../console/route";
import { SessionTranscript } from "../transcript/SessionTranscript";
import { fieldsFrom, hasCriteria, NO_SEARCH, paramsOf, problemOf, queryOf, type SearchFields } from "./query";
import { SearchForm } from "./SearchForm";
import { SearchResults } from "./SearchResults";

/** Adds a page of results to those shown: a conversation already listed gains the new matches. */
export function mergeResults(shown: SearchResult[], page: SearchResult[]): SearchResult[] {
  const out = [...shown];
  for (const r of page) {
    const i = out.findIndex((x) => x.session.id === r.session.id);
    if (i < 0) out.push(r);
    else {
      const seqs = new Set(out[i].matches.map((m) => m.seq));
      out[i] = { session: r.session, matches: [...out[i].matches, ...r.matches.filter((m) => !seqs.has(m.seq))] };
    }
  }
  return out;
}

const count = (n: number) => `${n} ${n === 1 ? "conversation" : "conversations"}`;
const trimDot = (s: string) => s.replace(/\.+$/, "");

function failure(e: unknown): string {
  if (e instanceof HttpError && e.code === "invalid") return `The server refused this search: ${trimDot(e.message)}. Change the words or filters and search again.`;
  return `Could not search: ${trimDot(errorText(e))}. Try again in a moment.`;
}

/**
 * Full-text search over every conversation, with filters. The search lives
 * in the address bar (shareable, kept on reload, Back returns to it); each
 * result opens its transcript read-only beside the list, the matches marked.
 */
export function SearchPage({ monitor, api, route }: PageProps) {
  const { agents } = useStore(monitor);
  const team = [...agents.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  const key = route.params.toString();
  const [fields, setFields] = useState<SearchFields>(() => fieldsFrom(route.params));
  const [problem, setProblem] = useState<ReturnType<typeof problemOf>>(null);
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState("");
  const [open, setOpen] = useState<SearchResult | null>(null);
  const [run, setRun] = useState(0);
  const asked = useRef(0);
  const buttons = useRef(new Map<string, HTMLButtonElement>()).current;
  const focusNext = useRef<string | null>(null);
  const refs = { q: useRef<HTMLInputElement>(null), to: useRef<HTMLInputElement>(null) };

  async function search(f: SearchFields, after?: string, shown: SearchResult[] = []) {
    const n = ++asked.current;
    setBusy(true);
    setError(null);
    setSaid(after ? "Loading more results…" : "Searching…");
    try {
      const page = await api.search(queryOf(f, after));
      if (n !== asked.current) return;
      const got = page.results ?? [];
      const next = page.nextCursor || null;
      const all = mergeResults(shown, got);
      const tail = next ? "; more can be loaded." : ".";
      if (!after) setSaid(all.length ? `${count(all.length)} found${tail}` : "No conversations match this search. Try other words or fewer filters.");
      else setSaid(`${all.length - shown.length} more loaded, ${count(all.length)} shown${tail}`);
      focusNext.current = after ? (all[shown.length]?.session.id ?? null) : null;
      setResults(all);
      setCursor(next);
    } catch (e) {
      if (n !== asked.current) return;
      setSaid("");
      setError(failure(e));
    } finally {
      if (n === asked.current) setBusy(false);
    }
  }

  useEffect(() => {
    const f = fieldsFrom(new URLSearchParams(key));
    setFields(f);
    setOpen(null);
    if (hasCriteria(f)) void search(f);
    else {
      asked.current += 1;
      setResults(null);
      setCursor(null);
      setSaid("");
      setBusy(false);
    }
    // `search` is this render's; the search runs again only when the address or a re-submit asks.
  }, [key, run]);

  useEffect(() => {
    // After Load more the focus goes to the first new conversation.
    if (!focusNext.current) return;
    buttons.get(focusNext.current)?.focus();
    focusNext.current = null;
  });

  function submit() {
    const p = problemOf(fields);
    setProblem(p);
    if (p) return refs[p.field === "to" ? "to" : "q"].current?.focus();
    const params = paramsOf(fields);
    if (searchOf(params).slice(1) === key) setRun((r) => r + 1);
    else route.go("search", params);
  }

  function clear() {
    setProblem(null);
    setFields(NO_SEARCH);
    route.go("search");
    refs.q.current?.focus();
  }

  function close() {
    const id = open?.session.id;
    setOpen(null);
    if (id) buttons.get(id)?.focus();
  }

  return (
    <div className="people search">
      <section className="card" aria-labelledby="search-heading">
        <h2 id="search-heading">Search conversations</h2>
        <SearchForm
          fields={fields}
          agents={team}
          problem={problem}
          busy={busy}
          refs={refs}
          onChange={(patch) => setFields((f) => ({ ...f, ...patch }))}
          onSubmit={submit}
          onClear={clear}
        />
      </section>
      <p className="search-count" role="status" aria-live="polite">
        {said}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {results && results.length > 0 && (
        <div className={open ? "search-columns" : undefined}>
          <SearchResults
            results={results}
            openId={open?.session.id ?? null}
            more={!!cursor}
            busy={busy}
            route={route}
            buttons={buttons}
            onOpen={setOpen}
            onMore={() => cursor && void search(fieldsFrom(route.params), cursor, results)}
          />
          {open && (
            <SessionTranscript
              key={open.session.id}
              api={api}
              route={route}
              sessionId={open.session.id}
              known={open.session}
              matches={open.matches.map((m) => m.seq)}
              onClose={close}
            />
          )}
        </div>
      )}
    </div>
  );
}
