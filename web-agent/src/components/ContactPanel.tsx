// Who the visitor is: the contact's name, verified badge, email, phone
// (WhatsApp), the page they are on and where they came from, first and last
// seen, and their earlier conversations (with the visitor's rating), each
// openable read-only.
import { useCallback, useEffect, useState } from "react";
import { channelName, errorText, safeUrl, STATUS_TEXT, type Session, type SessionDetails } from "@webchat/shared";
import type { ContactHistory, WorkspaceApi } from "../workspaceApi";
import { CsatRating } from "./SessionBadges";

export type ContactLoad = { history: ContactHistory | null; error: string | null; loading: boolean; reload: () => void };

/** The contact of the chat, loaded when its id is known (and again on request). */
export function useContact(api: Pick<WorkspaceApi, "contact">, contactId: string | null | undefined): ContactLoad {
  const [history, setHistory] = useState<ContactHistory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    setHistory(null);
    setError(null);
    if (!contactId) return;
    let live = true;
    api.contact(contactId).then(
      (h) => live && setHistory(h),
      (e) => live && setError(errorText(e, "Could not load the contact.")),
    );
    return () => {
      live = false;
    };
  }, [api, contactId, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { history, error, loading: !!contactId && !history && !error, reload };
}

const when = (iso?: string | null) => (iso ? new Date(iso).toLocaleString([], { dateStyle: "medium", timeStyle: "short" }) : "–");

function PageLink({ url, title }: { url: string; title?: string | null }) {
  const href = safeUrl(url);
  if (!href) return <span>{title || url}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {title || url}
    </a>
  );
}

export function ContactPanel({
  session,
  contact,
  onOpen,
}: {
  session: Session;
  contact: ContactLoad;
  onOpen: (session: SessionDetails) => void;
}) {
  const details = session as Session & Partial<SessionDetails>;
  const page = details.page;
  const c = contact.history?.contact;
  const earlier = (contact.history?.sessions ?? []).filter((s) => s.id !== session.id);
  return (
    <aside className="contact-panel" aria-label="Contact">
      <h3 className="contact-name">
        {c?.displayName ?? session.userDisplayName}{" "}
        {c?.verified ? <span className="badge badge-verified">Verified</span> : c ? <span className="badge badge-unverified">Not verified</span> : null}
      </h3>
      {contact.loading && <p role="status">Loading the contact…</p>}
      {contact.error && (
        <p className="form-error" role="alert">
          {contact.error}{" "}
          <button type="button" className="link-button" onClick={contact.reload}>
            Try again
          </button>
        </p>
      )}
      <dl className="contact-facts">
        {c?.email && (
          <>
            <dt>Email</dt>
            <dd>
              <a href={`mailto:${c.email}`}>{c.email}</a>
            </dd>
          </>
        )}
        {c?.phone && (
          <>
            <dt>Phone</dt>
            <dd>{c.phone}</dd>
          </>
        )}
        <dt>Channel</dt>
        <dd>{channelName(session.channel)}</dd>
        {page?.url && (
          <>
            <dt>On page</dt>
            <dd>
              <PageLink url={page.url} title={page.title} />
            </dd>
          </>
        )}
        {page?.referrer && (
          <>
            <dt>Came from</dt>
            <dd>
              <PageLink url={page.referrer} />
            </dd>
          </>
        )}
        {c && (
          <>
            <dt>First seen</dt>
            <dd>{when(c.firstSeenAt)}</dd>
            <dt>Last seen</dt>
            <dd>{when(c.lastSeenAt)}</dd>
          </>
        )}
      </dl>
      {contact.history && (
        <section aria-label="Earlier conversations">
          <h4>Earlier conversations</h4>
          {earlier.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul className="earlier">
              {earlier.map((s) => (
                <li key={s.id}>
                  <button type="button" className="link-button" onClick={() => onOpen(s)}>
                    {when(s.createdAt)}
                  </button>{" "}
                  <span className="muted">
                    {channelName(s.channel)} · {STATUS_TEXT[s.status]}
                    {s.agentDisplayName ? ` · ${s.agentDisplayName}` : ""}
                    {s.tags?.length ? ` · ${s.tags.join(", ")}` : ""}
                  </span>
                  {s.csat && (
                    <span className="muted">
                      {" "}
                      · rated <CsatRating csat={s.csat} />
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </aside>
  );
}
