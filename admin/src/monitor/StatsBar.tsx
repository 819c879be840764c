import { duration, type Stats } from "@webchat/shared";

/** The counters: queued and active (live from the sessions), closed today and the median wait (from `admin:stats`). */
export function StatsBar({ queued, active, stats }: { queued: number; active: number; stats: Stats }) {
  const items: [string, string][] = [
    ["Queued now", String(queued)],
    ["Active", String(active)],
    ["Closed today", String(stats.closedToday || 0)],
    ["Median wait for an agent", duration(stats.medianWaitSeconds)],
  ];
  return (
    <section aria-label="Counters">
      <dl className="stats">
        {items.map(([label, value]) => (
          <div className="stat" key={label}>
            <dt className="stat-label">{label}</dt>
            <dd className="stat-value">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
