import { useCallback, useEffect, useRef, useState } from "react";
import { errorText, type AuditEntry } from "@webchat/shared";
import type { PageProps } from "../console/pages";
import { plural } from "../reports/figures";
import { dateTime } from "../transcript/format";
import { actionText, actorText, detailText } from "./actions";
import { LoadState } from "../console/LoadState";

export const PAGE_SIZE = 50;

/**
 * Who did what, newest first: sign-ins, staff and settings changes, exports
 * and erasures, tokens, knowledge. Fifty at a time; "Load more" reads on
 * and moves the focus to the first entry it added. Admins.
 */
export function AuditPage({ api }: PageProps) {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState("");
  const cells = useRef(new Map<string, HTMLTableCellElement>()).current;
  const focusNext = useRef<string | null>(null);

  const load = useCallback(
    async (shown: AuditEntry[], after: string | null) => {
      setBusy(true);
      setError(null);
      try {
        const page = await api.audit(PAGE_SIZE, after);
        const got = page.entries ?? [];
        const more = page.nextCursor ? "; more can be loaded." : ".";
        setEntries([...shown, ...got]);
        setCursor(page.nextCursor || null);
        setSaid(after ? `${plural(got.length, "more entry", "more entries")} loaded${more}` : `${plural(got.length, "entry", "entries")} shown${more}`);
        focusNext.current = after ? (got[0]?.id ?? null) : null;
      } catch (e) {
        setError(`Could not load the audit log: ${errorText(e)}`);
      } finally {
        setBusy(false);
      }
    },
    [api],
  );
  useEffect(() => void load([], null), [load]);

  useEffect(() => {
    if (!focusNext.current) return;
    cells.get(focusNext.current)?.focus();
    focusNext.current = null;
  });

  return (
    <div className="people audit">
      <section className="card" aria-labelledby="audit-heading">
        <h2 id="audit-heading">Audit log</h2>
        <p className="hint">Sign-ins, changes to staff accounts, settings and tokens, contact exports and erasures, and knowledge changes, newest first.</p>
        <p className="search-count" role="status" aria-live="polite">
          {said}
        </p>
        <LoadState error={error} loaded={!!entries} onRetry={() => void load(entries ?? [], entries ? cursor : null)} />
        {entries && entries.length === 0 && <p className="muted">Nothing has been recorded yet.</p>}
        {entries && entries.length > 0 && (
          <div className="table-wrap">
            <table aria-labelledby="audit-heading">
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Target</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    <th
                      scope="row"
                      className="person-name"
                      tabIndex={-1}
                      ref={(el) => {
                        if (el) cells.set(e.id, el);
                        else cells.delete(e.id);
                      }}
                    >
                      <time dateTime={e.at}>{dateTime(e.at)}</time>
                    </th>
                    <td>{actorText(e)}</td>
                    <td>{actionText(e.action)}</td>
                    <td className="cell-wrap">{e.target || "—"}</td>
                    <td className="cell-wrap audit-detail">{detailText(e.detail) ? <code>{detailText(e.detail)}</code> : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {cursor && entries && (
          <button type="button" onClick={() => void load(entries, cursor)} disabled={busy}>
            {busy ? "Loading…" : "Load more"}
          </button>
        )}
      </section>
    </div>
  );
}
