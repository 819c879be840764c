import type { RefObject } from "react";
import { FieldError } from "../console/FieldError";
import { EVENT_TYPES } from "./words";

/**
 * "Events": All events (the default), or the event types ticked one by
 * one. Ticking one type clears All events; ticking All events clears the
 * types, so what is ticked is what is sent. `problem` is said in the
 * fieldset; `allRef` is All events, for the focus.
 */
export function EventsFieldset({
  all,
  chosen,
  problem,
  allRef,
  onChange,
}: {
  all: boolean;
  chosen: ReadonlySet<string>;
  problem: string | null;
  allRef: RefObject<HTMLInputElement | null>;
  onChange: (all: boolean, chosen: Set<string>) => void;
}) {
  function toggle(type: string, on: boolean) {
    const next = new Set(chosen);
    if (on) next.add(type);
    else next.delete(type);
    onChange(false, next);
  }
  return (
    <fieldset className="webhook-events" aria-describedby={problem ? "webhook-events-error" : "webhook-events-hint"}>
      <legend>Events</legend>
      <p id="webhook-events-hint" className="hint">
        All events includes the types added in later versions.
      </p>
      <label className="check webhook-events-all">
        <input ref={allRef} type="checkbox" checked={all} onChange={(e) => onChange(e.target.checked, new Set())} />
        All events
      </label>
      <ul className="event-list">
        {EVENT_TYPES.map((type) => (
          <li key={type}>
            <label className="check">
              <input type="checkbox" checked={!all && chosen.has(type)} onChange={(e) => toggle(type, e.target.checked)} />
              {type}
            </label>
          </li>
        ))}
      </ul>
      <FieldError id="webhook-events-error" text={problem} />
    </fieldset>
  );
}
