import { useState } from "react";
import type { ChartRow, Series } from "./figures";

const WIDTH = 640;
const HEIGHT = 220;
const LEFT = 36;
const RIGHT = 8;
const TOP = 10;
const BOTTOM = 24;
const PLOT = HEIGHT - TOP - BOTTOM;
/** At most this many labels under the bars (the others are skipped; the table has all). */
const MAX_LABELS = 12;

/** Round steps for the value axis: 1, 2, 5, 10, 20, 50 … at least a quarter of the top value. */
export function ticksFor(max: number): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!);
  const top = Math.ceil(max / step) * step;
  return Array.from({ length: top / step + 1 }, (_, i) => i * step);
}

/**
 * A stacked bar chart drawn by hand: a titled card, a legend, the bars as
 * one image whose label sums them up (`summary`), and the numbers as a
 * table, hidden from the eye until "Show the numbers" (screen readers
 * always have it).
 */
export function BarChart({ id, title, axis, series, rows, summary }: { id: string; title: string; axis: string; series: Series[]; rows: ChartRow[]; summary: string }) {
  const [showTable, setShowTable] = useState(false);
  const totals = rows.map((r) => r.values.reduce((a, b) => a + b, 0));
  const ticks = ticksFor(Math.max(0, ...totals));
  const top = ticks[ticks.length - 1];
  const y = (v: number) => TOP + PLOT - (v / top) * PLOT;
  const slot = (WIDTH - LEFT - RIGHT) / Math.max(1, rows.length);
  const bar = Math.min(slot * 0.7, 48);
  const every = Math.ceil(rows.length / MAX_LABELS);

  return (
    <section className="card chart" aria-labelledby={`${id}-title`}>
      <div className="section-head">
        <h2 id={`${id}-title`}>{title}</h2>
        <button type="button" aria-expanded={showTable} aria-controls={`${id}-table`} onClick={() => setShowTable((s) => !s)}>
          {showTable ? "Hide the numbers" : "Show the numbers"}
          <span className="visually-hidden"> for {title.toLowerCase()}</span>
        </button>
      </div>
      <ul className="legend">
        {series.map((s) => (
          <li key={s.label}>
            <span className={`legend-swatch ${s.className}`} aria-hidden="true" />
            {s.label}
          </li>
        ))}
      </ul>
      <svg className="chart-svg" role="img" aria-label={`${title}. ${summary}`} viewBox={`0 0 ${WIDTH} ${HEIGHT}`}>
        {ticks.map((t) => (
          <g key={t} className="chart-tick">
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(t)} y2={y(t)} />
            <text x={LEFT - 6} y={y(t) + 4} textAnchor="end">
              {t}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const x = LEFT + i * slot + (slot - bar) / 2;
          let base = 0;
          return (
            <g key={r.label}>
              <title>{`${r.label}: ${totals[i]}`}</title>
              {r.values.map((v, j) => {
                const from = base;
                base += v;
                return v > 0 ? <rect key={j} className={series[j].className} x={x} width={bar} y={y(base)} height={y(from) - y(base)} /> : null;
              })}
              {i % every === 0 && (
                <text className="chart-label" x={x + bar / 2} y={HEIGHT - 6} textAnchor="middle">
                  {r.short}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <div id={`${id}-table`} className={showTable ? "table-wrap" : "visually-hidden"}>
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{axis}</th>
              {series.map((s) => (
                <th key={s.label} scope="col" className="num">
                  {s.label}
                </th>
              ))}
              <th scope="col" className="num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.label}>
                <th scope="row" className="person-name">
                  {r.label}
                </th>
                {r.values.map((v, j) => (
                  <td key={j} className="num">
                    {v}
                  </td>
                ))}
                <td className="num">{totals[i]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
