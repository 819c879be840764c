import type { SearchResult } from "@webchat/shared";
import { channelName } from "@webchat/shared";
import { RouteLink, type Route } from "../console/route";
import { dateTime, statusText, visitorName } from "../transcript/format";
import { Tags } from "../transcript/SessionTranscript";
import { Snippet } from "./snippet";

/**
 * One entry per conversation: the visitor's name opens its transcript; then
 * status, channel, agent, date, tags, the matching messages' snippets with
 * the matched words marked, and a link to the contact. Load more asks for
 * the next page when there is one.
 */
export function SearchResults({
  results,
  openId,
  more,
  busy,
  route,
  buttons,
  onOpen,
  onMore,
}: {
  results: SearchResult[];
  openId: string | null;
  more: boolean;
  busy: boolean;
  route: Route;
  /** Each result's open button, by session id (the page moves the focus to them). */
  buttons: Map<string, HTMLButtonElement>;
  onOpen: (r: SearchResult) => void;
  onMore: () => void;
}) {
  return (
    <section className="card results" aria-labelledby="results-heading">
      <h2 id="results-heading">Results</h2>
      <ol className="result-list">
        {results.map((r) => {
          const s = r.session;
          const open = s.id === openId;
          return (
            <li key={s.id} className={`result${open ? " selected" : ""}`} aria-current={open ? "true" : undefined}>
              <h3 className="result-title">
                <button
                  type="button"
                  className="link"
                  ref={(el) => {
                    if (el) buttons.set(s.id, el);
                    else buttons.delete(s.id);
                  }}
                  onClick={() => onOpen(r)}
                >
                  {visitorName(s)}
                </button>
              </h3>
              <p className="result-meta muted">
                <span className={`status status-${s.status}`}>{statusText(s)}</span> {channelName(s.channel)}
                {s.agentDisplayName ? ` · agent ${s.agentDisplayName}` : " · no agent"} · <time dateTime={s.createdAt}>{dateTime(s.createdAt)}</time>
              </p>
              {s.tags?.length > 0 && <Tags tags={s.tags} />}
              {r.matches.length > 0 && (
                <ul className="snippets" aria-label={`Matching messages, ${r.matches.length}`}>
                  {r.matches.map((m) => (
                    <li key={m.seq} className="snippet">
                      <Snippet snippet={m.snippet} />
                    </li>
                  ))}
                </ul>
              )}
              {s.contactId && (
                <RouteLink route={route} path="contact" params={{ id: s.contactId }} className="result-contact">
                  View contact<span className="visually-hidden"> {visitorName(s)}</span>
                </RouteLink>
              )}
            </li>
          );
        })}
      </ol>
      {more && (
        <button type="button" onClick={onMore} disabled={busy}>
          {busy ? "Loading…" : "Load more results"}
        </button>
      )}
    </section>
  );
}
