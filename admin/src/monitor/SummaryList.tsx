import type { Summary } from "@webchat/shared";

/** Every closed chat's summary, the latest first. */
export function SummaryList({ summaries }: { summaries: Summary[] }) {
  const items = [...summaries].sort((a, b) => String(b.endedAt).localeCompare(String(a.endedAt)));
  return (
    <section className="card summaries" aria-labelledby="summaries-title">
      <h2 id="summaries-title">Summaries</h2>
      {items.length === 0 ? (
        <p className="muted">Summaries appear here as chats end.</p>
      ) : (
        <ul className="summary-list">
          {items.map((s) => (
            <li key={s.sessionId} className="summary-item">
              <div className="summary-head">
                <strong>{s.userDisplayName}</strong>
                {s.agentDisplayName && <span className="muted"> with {s.agentDisplayName}</span>}
                <span className="muted">
                  {" "}
                  · {s.messageCount || 0} messages · ended by {s.endedBy}
                </span>
              </div>
              <p>{s.summary}</p>
              {s.topics?.length > 0 && <p className="muted">Topics: {s.topics.join(", ")}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
