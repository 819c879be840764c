import { duration, type ReportSummary } from "@webchat/shared";
import { rating } from "./figures";

/** Each agent's share of the period, busiest first: conversations, median first response, rating. */
export function AgentTable({ agents }: { agents: ReportSummary["perAgent"] }) {
  const rows = [...agents].sort((a, b) => b.conversations - a.conversations || a.displayName.localeCompare(b.displayName));
  return (
    <section className="card" aria-labelledby="report-agents-heading">
      <h2 id="report-agents-heading">Per agent</h2>
      {rows.length === 0 ? (
        <p className="muted">No conversation reached an agent in this period.</p>
      ) : (
        <div className="table-wrap">
          <table aria-labelledby="report-agents-heading">
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col" className="num">
                  Conversations
                </th>
                <th scope="col" className="num">
                  Median first response
                </th>
                <th scope="col" className="num">
                  Satisfaction
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.agentId}>
                  <th scope="row" className="person-name">
                    {a.displayName}
                  </th>
                  <td className="num">{a.conversations}</td>
                  <td className="num">{duration(a.medianFirstResponseSecs)}</td>
                  <td className="num">{rating(a.csatAverage)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
