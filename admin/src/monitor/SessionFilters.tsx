import { useRef } from "react";
import { STATUS_TEXT, type Agent, type SessionStatus } from "@webchat/shared";
import { AgentField, ChannelField } from "../console/FilterFields";
import { RouteLink, type Route } from "../console/route";
import { countText, datesReversed, isFiltered, type MonitorFilters, type StatusFilter } from "./filters";

const STATUSES = Object.keys(STATUS_TEXT) as SessionStatus[];

/**
 * The monitor's filters: names, status, channel, agent, tag and the days
 * created, applied as they change; how many of the conversations they let
 * through, said politely; Clear filters; and a link to search every
 * message for the typed words on the Search page.
 */
export function SessionFilters({
  filters,
  agents,
  shown,
  total,
  route,
  onChange,
  onClear,
}: {
  filters: MonitorFilters;
  /** The team, in the order to list them. */
  agents: Agent[];
  shown: number;
  total: number;
  route: Route;
  onChange: (patch: Partial<MonitorFilters>) => void;
  onClear: () => void;
}) {
  const words = useRef<HTMLInputElement>(null);
  const reversed = datesReversed(filters);
  const q = filters.words.trim();
  return (
    <>
      <form className="search-form monitor-filters" role="search" aria-label="Filter conversations" onSubmit={(e) => e.preventDefault()}>
        <div className="field field-grow">
          <label htmlFor="mf-words">Search</label>
          <input
            id="mf-words"
            ref={words}
            type="search"
            value={filters.words}
            onChange={(e) => onChange({ words: e.target.value })}
            aria-describedby="mf-words-hint"
            autoComplete="off"
          />
          <span id="mf-words-hint" className="hint">
            Visitors’ and agents’ names, here.
          </span>
          <RouteLink route={route} path="search" params={{ q }} className="hint">
            Search all messages…
          </RouteLink>
        </div>
        <div className="field">
          <label htmlFor="mf-status">Status</label>
          <select id="mf-status" value={filters.status} onChange={(e) => onChange({ status: e.target.value as StatusFilter })}>
            <option value="">Any</option>
            <option value="open">Open (not closed)</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_TEXT[s]}
              </option>
            ))}
          </select>
        </div>
        <ChannelField id="mf-channel" value={filters.channel} onChange={(channel) => onChange({ channel })} />
        <AgentField id="mf-agent" value={filters.agentId} agents={agents} onChange={(agentId) => onChange({ agentId })} />
        <div className="field">
          <label htmlFor="mf-tag">Tag</label>
          <input id="mf-tag" value={filters.tag} onChange={(e) => onChange({ tag: e.target.value })} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="mf-from">Created from</label>
          <input id="mf-from" type="date" value={filters.from} onChange={(e) => onChange({ from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="mf-to">Created to</label>
          <input
            id="mf-to"
            type="date"
            value={filters.to}
            min={filters.from || undefined}
            onChange={(e) => onChange({ to: e.target.value })}
            aria-invalid={reversed || undefined}
            aria-describedby={reversed ? "mf-dates-problem" : undefined}
          />
        </div>
        <div className="field field-submit">
          <button
            type="button"
            onClick={() => {
              onClear();
              words.current?.focus();
            }}
          >
            Clear filters
          </button>
        </div>
        {reversed && (
          <p id="mf-dates-problem" className="field-error field-wide">
            The “to” day is before the “from” day, so no conversation can match. Change one of them.
          </p>
        )}
      </form>
      <p className="search-count" role="status" aria-live="polite">
        {countText(shown, total, isFiltered(filters))}
      </p>
    </>
  );
}
