import { duration, type ReportSummary } from "@webchat/shared";
import { percent, plural, rating } from "./figures";

/** The period's headline numbers, each with a line saying what it is out of. */
export function KpiCards({ report }: { report: ReportSummary }) {
  const { conversations, handedOff, resolvedByBot, csat } = report;
  const items: [string, string, string][] = [
    ["Conversations", String(conversations), "started in the period"],
    ["Handed off", String(handedOff), `${percent(handedOff, conversations)} of conversations`],
    ["Resolved by the bot", String(resolvedByBot), `${percent(resolvedByBot, conversations)} deflection`],
    ["Median first response", duration(report.medianFirstResponseSecs), "from an agent taking the chat to their first reply"],
    ["Median wait", duration(report.medianWaitSecs), "in the queue, before an agent took the chat"],
    ["Median resolution", duration(report.medianResolutionSecs), "from the start of the conversation to its end"],
    ["Satisfaction", rating(csat.average), csat.count ? `from ${plural(csat.count, "rating")}` : "no ratings yet"],
  ];
  return (
    <section aria-label="Key figures">
      <dl className="stats kpis">
        {items.map(([label, value, note]) => (
          <div className="stat" key={label}>
            <dt className="stat-label">{label}</dt>
            <dd className="stat-value">{value}</dd>
            <dd className="stat-note">{note}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
