import type { Ref } from "react";
import type { Contact } from "@webchat/shared";
import { dateTime } from "../transcript/format";

/** Who the contact is: name, whether verified, how to reach them, and when they were seen. */
export function ContactCard({ contact, heading }: { contact: Contact; heading: Ref<HTMLHeadingElement> }) {
  const none = <span className="muted">—</span>;
  return (
    <section className="card contact-card" aria-labelledby="contact-name">
      <h2 id="contact-name" ref={heading} tabIndex={-1}>
        {contact.displayName || "(no name)"}{" "}
        <span className={`badge ${contact.verified ? "badge-verified" : "badge-anonymous"}`}>{contact.verified ? "Verified" : "Not verified"}</span>
      </h2>
      {contact.erased && <p className="muted">This contact’s details and messages were erased.</p>}
      <dl className="contact-facts">
        <div>
          <dt>Email</dt>
          <dd>{contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : none}</dd>
        </div>
        <div>
          <dt>Phone</dt>
          <dd>{contact.phone || none}</dd>
        </div>
        <div>
          <dt>External id</dt>
          <dd>{contact.externalId ? <code>{contact.externalId}</code> : none}</dd>
        </div>
        <div>
          <dt>First seen</dt>
          <dd>
            <time dateTime={contact.firstSeenAt}>{dateTime(contact.firstSeenAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Last seen</dt>
          <dd>
            <time dateTime={contact.lastSeenAt}>{dateTime(contact.lastSeenAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Conversations</dt>
          <dd>{contact.sessionCount}</dd>
        </div>
      </dl>
    </section>
  );
}
