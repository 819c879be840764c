import { useCallback, useEffect, useRef, useState } from "react";
import { errorText, safeUrl, type Message, type RestClient } from "@webchat/shared";
import { RouteLink, type Route } from "../console/route";
import { sessionMeta, visitorName, type AnySession } from "./format";
import { SessionFlags } from "./SessionFlags";
import { TranscriptLines } from "./TranscriptLines";

/**
 * One conversation, read-only: what it is (status, channel, agent, date,
 * tags, the page the visitor was on, whether it came in offline, the
 * visitor's rating), a link to the contact, and its messages with `matches`
 * marked. The heading takes the focus when a conversation opens, so a
 * keyboard user lands on it.
 */
export function SessionTranscript({
  api,
  route,
  sessionId,
  known,
  matches = [],
  contactLink = true,
  onClose,
}: {
  api: RestClient;
  route: Route;
  sessionId: string;
  /** What is already known of the session (a search result's), shown while it loads. */
  known?: AnySession;
  matches?: number[];
  contactLink?: boolean;
  onClose: () => void;
}) {
  const [loaded, setLoaded] = useState<{ id: string; session: AnySession; messages: Message[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const load = useCallback((url: string) => api.attachmentBlob(url), [api]);

  useEffect(() => {
    let live = true;
    setError(null);
    heading.current?.focus();
    api
      .sessionMessages(sessionId)
      .then(({ session, messages }) => live && setLoaded({ id: sessionId, session: session ?? known, messages: messages ?? [] }))
      .catch((e) => live && setError(`Could not load this conversation: ${errorText(e)}. Close it and open it again to retry.`));
    return () => {
      live = false;
    };
    // `known` is only a placeholder while loading; a new one does not reload.
  }, [api, sessionId]);

  const current = loaded?.id === sessionId ? loaded : null;
  const session = current?.session ?? known;
  const page = session?.page;
  const pageUrl = page?.url ? safeUrl(page.url) : null;
  return (
    <section className="card detail" aria-labelledby="conversation-title">
      <div className="section-head">
        <h2 id="conversation-title" ref={heading} tabIndex={-1}>
          Conversation{session ? ` with ${visitorName(session)}` : ""}
        </h2>
        <button type="button" onClick={onClose}>
          Close<span className="visually-hidden"> conversation</span>
        </button>
      </div>
      {session && <p className="muted">{sessionMeta(session)} · read-only</p>}
      {session?.tags && session.tags.length > 0 && <Tags tags={session.tags} />}
      {page && (
        <p className="muted">
          Page: {pageUrl ? <a href={pageUrl} target="_blank" rel="noopener noreferrer nofollow">{page.title || page.url}</a> : page.title || page.url}
        </p>
      )}
      {session && <SessionFlags session={session} />}
      {contactLink && session?.contactId && (
        <p>
          <RouteLink route={route} path="contact" params={{ id: session.contactId }}>
            View contact<span className="visually-hidden"> {visitorName(session)}</span>
          </RouteLink>
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!current && !error && <p className="muted" role="status">Loading the conversation…</p>}
      {current && current.messages.length === 0 && <p className="muted">No messages in this conversation.</p>}
      {current && <TranscriptLines messages={current.messages} matches={matches} load={load} />}
    </section>
  );
}

export function Tags({ tags }: { tags: string[] }) {
  return (
    <ul className="tags" aria-label="Tags">
      {tags.map((t) => (
        <li key={t} className="tag">
          {t}
        </li>
      ))}
    </ul>
  );
}
