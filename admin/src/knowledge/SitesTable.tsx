import type { KnowledgeSite } from "@webchat/shared";
import { dateTime } from "../transcript/format";
import { lastJobText } from "./job";

/** The ingested sites: pages the bot answers from, the last crawl, and Re-crawl / Forget for each. */
export function SitesTable({
  sites,
  crawling,
  onRecrawl,
  onForget,
}: {
  sites: KnowledgeSite[];
  /** Sites with a crawl the page is following now (their Re-crawl waits). */
  crawling: Set<string>;
  onRecrawl: (s: KnowledgeSite) => void;
  onForget: (s: KnowledgeSite) => void;
}) {
  if (sites.length === 0) return <p className="muted">No site yet: add one below, and the bot answers from its pages.</p>;
  return (
    <div className="table-wrap">
      <table aria-labelledby="knowledge-heading">
        <thead>
          <tr>
            <th scope="col">Site</th>
            <th scope="col" className="num">
              Pages
            </th>
            <th scope="col">Last crawl</th>
            <th scope="col">Last job</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sites.map((s) => (
            <tr key={s.site}>
              <th scope="row" className="person-name cell-wrap">
                {s.site}
              </th>
              <td className="num">{s.pages}</td>
              <td>{s.lastIngestAt ? <time dateTime={s.lastIngestAt}>{dateTime(s.lastIngestAt)}</time> : "Never"}</td>
              <td>{lastJobText(s.lastJob)}</td>
              <td>
                <div className="row-actions">
                  <button type="button" onClick={() => onRecrawl(s)} disabled={crawling.has(s.site)}>
                    {crawling.has(s.site) ? "Crawling…" : "Re-crawl"}
                    <span className="visually-hidden"> {s.site}</span>
                  </button>
                  <button type="button" onClick={() => onForget(s)}>
                    Forget<span className="visually-hidden"> {s.site}</span>
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
