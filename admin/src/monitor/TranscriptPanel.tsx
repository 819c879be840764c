import { channelName, STATUS_TEXT, type AdminSession, type Message, type Summary } from "@webchat/shared";
import { Citations } from "@webchat/shared/ui";

function who(m: Message): string {
  if (m.senderType === "user") return "Visitor";
  if (m.senderType === "system") return "System";
  return m.senderName || (m.senderType === "bot" ? "Bot" : "Agent");
}

function meta(s: AdminSession): string {
  const agent = s.agentDisplayName ? ` · agent ${s.agentDisplayName}` : "";
  return `${STATUS_TEXT[s.status] ?? s.status} · ${channelName(s.channel)}${agent} · started ${new Date(s.createdAt).toLocaleString()}`;
}

export function SummaryBox({ summary }: { summary: Summary }) {
  return (
    <div className="summary">
      <h3>Summary</h3>
      <p>{summary.summary}</p>
      {summary.topics?.length > 0 && <p className="muted">Topics: {summary.topics.join(", ")}</p>}
    </div>
  );
}

/** The followed session: what it is, its summary once closed, and its messages, live. */
export function TranscriptPanel({
  session,
  summary,
  messages,
  error,
}: {
  session: AdminSession | null;
  summary: Summary | null;
  messages: Message[];
  error: string | null;
}) {
  return (
    <section className="card detail" aria-labelledby="detail-title">
      <h2 id="detail-title">{session ? `Transcript: ${session.userDisplayName || ""}` : "Transcript"}</h2>
      {!session ? (
        <p className="muted">Choose a session to follow its transcript live.</p>
      ) : (
        <>
          <p className="muted">{error ?? meta(session)}</p>
          {summary && <SummaryBox summary={summary} />}
          <ol className="transcript" aria-label="Transcript">
            {messages.map((m) => (
              <li key={m.seq} className={`line line-${m.senderType}`}>
                <div className="line-meta">
                  <span className="line-who">{who(m)}</span>
                  <span className="muted">{new Date(m.createdAt).toLocaleTimeString()}</span>
                  {m.deliveryStatus && <span className="muted">{m.deliveryStatus}</span>}
                </div>
                <p className="line-text">{m.text}</p>
                {m.citations && m.citations.length > 0 && <Citations items={m.citations} />}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
