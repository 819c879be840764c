import { useEffect, useRef, useState } from "react";
import { channelName, errorText, HttpError, type Contact, type SessionDetails } from "@webchat/shared";
import type { PageProps } from "../console/pages";
import { RouteLink } from "../console/route";
import { dateTime, statusText } from "../transcript/format";
import { SessionTranscript, Tags } from "../transcript/SessionTranscript";
import { ContactCard } from "./ContactCard";
import { ContactPrivacy } from "./ContactPrivacy";

/**
 * One contact (`?id=` in the address): their card and every conversation
 * they had, newest first; each opens read-only beside the list. Admins
 * also export or erase the contact (then it is read again, erased).
 */
export function ContactPage({ api, route, user }: PageProps) {
  const id = route.params.get("id") ?? "";
  const [data, setData] = useState<{ contact: Contact; sessions: SessionDetails[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);
  const openers = useRef(new Map<string, HTMLButtonElement>()).current;

  useEffect(() => {
    let live = true;
    setData(null);
    setOpenId(null);
    setError(id ? null : "No contact was chosen. Open one from a search result or a transcript.");
    if (!id) return;
    api
      .contact(id)
      .then((d) => live && setData({ contact: d.contact, sessions: d.sessions ?? [] }))
      .catch((e) => {
        if (!live) return;
        const missing = e instanceof HttpError && e.status === 404;
        setError(missing ? "This contact does not exist (the link may be wrong, or it was removed)." : `Could not load this contact: ${errorText(e)}. Reload the page to try again.`);
      });
    return () => {
      live = false;
    };
  }, [api, id, version]);

  useEffect(() => setNotice(""), [id]);

  useEffect(() => {
    if (data) heading.current?.focus();
  }, [data]);

  function close() {
    const was = openId;
    setOpenId(null);
    if (was) openers.get(was)?.focus();
  }

  return (
    <div className="people contact">
      <p>
        <RouteLink route={route} path="search">
          Search conversations
        </RouteLink>
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!data && !error && (
        <p className="muted" role="status">
          Loading the contact…
        </p>
      )}
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      {data && <ContactCard contact={data.contact} heading={heading} />}
      {data && (
        <div className={openId ? "search-columns" : undefined}>
          <section className="card" aria-labelledby="contact-sessions-heading">
            <h2 id="contact-sessions-heading">Conversations</h2>
            {data.sessions.length === 0 ? (
              <p className="muted">No conversations yet.</p>
            ) : (
              <div className="table-wrap">
                <table aria-labelledby="contact-sessions-heading">
                  <thead>
                    <tr>
                      <th scope="col">Started</th>
                      <th scope="col">Status</th>
                      <th scope="col">Channel</th>
                      <th scope="col">Agent</th>
                      <th scope="col">Tags</th>
                      <th scope="col">Page</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.sessions.map((s) => (
                      <tr key={s.id} className={s.id === openId ? "selected" : undefined}>
                        <th scope="row" className="person-name">
                          <button
                            type="button"
                            className="link"
                            ref={(el) => {
                              if (el) openers.set(s.id, el);
                              else openers.delete(s.id);
                            }}
                            onClick={() => setOpenId(s.id)}
                          >
                            {dateTime(s.createdAt)}
                          </button>
                        </th>
                        <td>
                          <span className={`status status-${s.status}`}>{statusText(s)}</span>
                        </td>
                        <td>{channelName(s.channel)}</td>
                        <td>{s.agentDisplayName || "—"}</td>
                        <td>{s.tags?.length ? <Tags tags={s.tags} /> : "—"}</td>
                        <td className="cell-wrap">{s.page ? s.page.title || s.page.url : "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          {openId && (
            <SessionTranscript
              key={openId}
              api={api}
              route={route}
              sessionId={openId}
              known={data.sessions.find((s) => s.id === openId)}
              contactLink={false}
              onClose={close}
            />
          )}
        </div>
      )}
      {data && user?.role === "admin" && (
        <ContactPrivacy
          api={api}
          contact={data.contact}
          onErased={() => {
            setNotice(`${data.contact.displayName || "The contact"} was erased.`);
            setVersion((v) => v + 1);
          }}
        />
      )}
    </div>
  );
}
