import { useNow, useStore } from "@webchat/shared/ui";
import type { PageProps } from "../console/pages";
import { AvailabilityStatus } from "../hours/AvailabilityStatus";
import { filterSessions } from "./filters";
import { liveCounts } from "./monitorClient";
import { SessionFilters } from "./SessionFilters";
import { SessionsTable } from "./SessionsTable";
import { StatsBar } from "./StatsBar";
import { SummaryList } from "./SummaryList";
import { TeamPanel } from "./TeamPanel";
import { TranscriptPanel } from "./TranscriptPanel";
import { useFiltersInAddress } from "./useFiltersInAddress";

const AGE_REFRESH_MS = 10_000;

/** The live monitor: whether visitors can reach the team, counters, every session (filtered, the filters in the address bar), the followed transcript, and the summaries. */
export function MonitorPage({ monitor, api, route }: PageProps) {
  const state = useStore(monitor);
  const now = useNow(AGE_REFRESH_MS);
  useFiltersInAddress(monitor, route, state.filters);
  const selected = state.selectedId ? (state.sessions.get(state.selectedId) ?? null) : null;
  const shown = filterSessions(state.sessions.values(), state.filters);
  const team = [...state.agents.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  return (
    <>
      <section className="card availability-bar" aria-label="Availability">
        <AvailabilityStatus api={api} />
      </section>
      <StatsBar {...liveCounts(state.sessions)} stats={state.stats} />
      <TeamPanel agents={[...state.agents.values()]} error={state.teamError} />
      <div className="columns">
        <SessionsTable sessions={shown} total={state.sessions.size} selectedId={state.selectedId} now={now} onSelect={(id) => monitor.select(id)}>
          <SessionFilters
            filters={state.filters}
            agents={team}
            shown={shown.length}
            total={state.sessions.size}
            route={route}
            onChange={(patch) => monitor.setFilters(patch)}
            onClear={() => monitor.clearFilters()}
          />
        </SessionsTable>
        <TranscriptPanel
          session={selected}
          summary={selected ? (state.summaries.get(selected.id) ?? null) : null}
          messages={state.transcript}
          error={state.transcriptError}
          api={api}
          route={route}
        />
      </div>
      <SummaryList summaries={[...state.summaries.values()]} />
    </>
  );
}
