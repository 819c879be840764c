import { useCallback } from "react";
import type { AdminSession, Message, RestClient, Summary } from "@webchat/shared";
import { RouteLink, type Route } from "../console/route";
import { sessionMeta, visitorName, type AnySession } from "../transcript/format";
import { SessionFlags } from "../transcript/SessionFlags";
import { TranscriptLines } from "../transcript/TranscriptLines";

export function SummaryBox({ summary }: { summary: Summary }) {
  return (
    <div className="summary">
      <h3>Summary</h3>
      <p>{summary.summary}</p>
      {summary.topics?.length > 0 && <p className="muted">Topics: {summary.topics.join(", ")}</p>}
    </div>
  );
}

/** The agent app's address that opens a chat in monitoring mode (supervisors and admins). */
const agentAppHref = (sessionId: string) => `/agent/?monitor=${encodeURIComponent(sessionId)}`;

/**
 * The followed session: what it is (offline, rated), its summary once
 * closed, links to the contact and, while open, to monitor it in the agent
 * app (where notes, take over and transfer are), and its messages, live.
 */
export function TranscriptPanel({
  session,
  summary,
  messages,
  error,
  api,
  route,
}: {
  session: AdminSession | null;
  summary: Summary | null;
  messages: Message[];
  error: string | null;
  api: RestClient;
  route: Route;
}) {
  const load = useCallback((url: string) => api.attachmentBlob(url), [api]);
  const contactId = (session as AnySession | null)?.contactId;
  return (
    <section className="card detail" aria-labelledby="detail-title">
      <h2 id="detail-title">{session ? `Transcript: ${session.userDisplayName || ""}` : "Transcript"}</h2>
      {!session ? (
        <p className="muted">Choose a session to follow its transcript live.</p>
      ) : (
        <>
          <p className="muted">{error ?? sessionMeta(session)}</p>
          <SessionFlags session={session as AnySession} />
          {(contactId || session.status !== "closed") && (
            <p className="detail-links">
              {contactId && (
                <RouteLink route={route} path="contact" params={{ id: contactId }}>
                  View contact<span className="visually-hidden"> {visitorName(session)}</span>
                </RouteLink>
              )}
              {session.status !== "closed" && (
                <a href={agentAppHref(session.id)}>
                  Open in the agent app<span className="visually-hidden"> to monitor the chat with {visitorName(session)}</span>
                </a>
              )}
            </p>
          )}
          {summary && <SummaryBox summary={summary} />}
          <TranscriptLines messages={messages} load={load} />
        </>
      )}
    </section>
  );
}
