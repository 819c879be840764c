import { useEffect, useState } from "react";
import { errorText, type ReportSummary } from "@webchat/shared";
import { download } from "../console/download";
import type { PageProps } from "../console/pages";
import { browserZone } from "../hours/hours";
import { AgentTable } from "./AgentTable";
import { BarChart } from "./BarChart";
import { DAY_SERIES, dayRows, daySummary, HOUR_SERIES, hourRows, hourSummary } from "./figures";
import { KpiCards } from "./KpiCards";
import { daysProblem, daysText, paramsOfShown, periodOf, presetDays, shownFrom, type Days, type Preset, type Shown } from "./period";
import { PeriodPicker } from "./PeriodPicker";

/**
 * How the team did over a period (days in the browser's time zone): the
 * headline numbers, conversations per day and per hour of day, each agent's
 * share, and every conversation as a CSV file. Supervisors and admins.
 * The period shown is in the address bar: a bookmark or a reload shows it again.
 */
export function ReportsPage({ api, route }: PageProps) {
  const tz = browserZone();
  const [view, setView] = useState<Shown>(() => shownFrom(route.params));
  const [preset, setPreset] = useState<Preset>(view.preset);
  const [custom, setCustom] = useState<Days>(view.days);
  const shown = view.days;
  const [problem, setProblem] = useState<string | null>(null);
  const [report, setReport] = useState<ReportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState("");
  const [csvBusy, setCsvBusy] = useState(false);
  const [csvSaid, setCsvSaid] = useState("");
  const [csvError, setCsvError] = useState<string | null>(null);

  useEffect(() => {
    route.replace(paramsOfShown(view));
    // `route` is new with every address; the period is written when it changes
  }, [view]);

  useEffect(() => {
    let live = true;
    setError(null);
    setSaid(`Loading the report for ${daysText(shown)}…`);
    api.reportSummary(periodOf(shown, tz)).then(
      (r) => {
        if (!live) return;
        setReport(r);
        setSaid(`Showing ${daysText(shown)}, days and hours in ${tz}.`);
      },
      (e) => {
        if (!live) return;
        setReport(null);
        setSaid("");
        setError(`Could not load the report: ${errorText(e)}`);
      },
    );
    return () => {
      live = false;
    };
  }, [api, shown, tz]);

  function choose(p: Preset) {
    setPreset(p);
    setProblem(null);
    if (p === "custom") setCustom(shown);
    else setView({ preset: p, days: presetDays(p) });
  }

  function applyCustom() {
    const p = daysProblem(custom);
    setProblem(p);
    if (p) return document.getElementById("report-from")?.focus();
    setView({ preset: "custom", days: { ...custom } });
  }

  async function csv() {
    setCsvBusy(true);
    setCsvError(null);
    setCsvSaid("");
    try {
      const name = `conversations-${shown.first}-${shown.last}.csv`;
      download(await api.reportCsv(periodOf(shown, tz)), name);
      setCsvSaid(`Downloaded ${name}.`);
    } catch (e) {
      setCsvError(`Could not download the CSV: ${errorText(e)}`);
    } finally {
      setCsvBusy(false);
    }
  }

  const days = report ? dayRows(report) : [];
  const hours = report ? hourRows(report) : [];
  return (
    <div className="people reports">
      <section className="card" aria-labelledby="reports-heading">
        <h2 id="reports-heading">Reports</h2>
        <PeriodPicker preset={preset} custom={custom} problem={problem} onPreset={choose} onCustom={setCustom} onApply={applyCustom} />
        <p className="hint">Days and hours are counted in your browser’s time zone, {tz}.</p>
        <div className="report-download">
          <button type="button" onClick={() => void csv()} disabled={csvBusy} aria-describedby="report-csv-hint">
            {csvBusy ? "Preparing the CSV…" : "Download CSV"}
          </button>
          <span id="report-csv-hint" className="hint">
            One row per conversation of the period shown.
          </span>
        </div>
        <p className="notice" role="status" aria-live="polite">
          {csvSaid}
        </p>
        {csvError && (
          <p className="form-error" role="alert">
            {csvError}
          </p>
        )}
      </section>
      <p className="search-count" role="status" aria-live="polite">
        {said}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <>
          <KpiCards report={report} />
          <BarChart id="report-days" title="Conversations per day" axis="Day" series={DAY_SERIES} rows={days} summary={daySummary(days)} />
          <BarChart id="report-hours" title="Conversations by hour of day" axis="Hour" series={HOUR_SERIES} rows={hours} summary={hourSummary(hours)} />
          <AgentTable agents={report.perAgent ?? []} />
        </>
      )}
    </div>
  );
}
