import type { Weekday } from "@webchat/shared";
import { FieldError } from "../console/FieldError";
import { DAY_NAMES, MAX_WINDOWS, nextWindow, overnight, WEEKDAYS, windowKey, type HoursProblems, type OpenWindow } from "./hours";

const label = (w: OpenWindow) => `${w.start || "…"}–${w.endOfDay ? "24:00" : w.end || "…"}`;
const nextDay = (day: Weekday) => DAY_NAMES[WEEKDAYS[(WEEKDAYS.indexOf(day) + 1) % 7]];

/**
 * One day's opening windows: each an opening and a closing time (or End of
 * day, 24:00), removable; "Closed" when there are none. A closing time
 * before the opening one runs past midnight, and the form says so. `focus`
 * asks the page to move the focus to an element by id once it is drawn.
 */
export function DayEditor({
  day,
  windows,
  problems,
  onChange,
  focus,
}: {
  day: Weekday;
  windows: OpenWindow[];
  problems: HoursProblems;
  onChange: (windows: OpenWindow[]) => void;
  focus: (id: string) => void;
}) {
  const name = DAY_NAMES[day];
  const id = (i: number, part: string) => `hours-${day}-${i}-${part}`;
  const set = (i: number, patch: Partial<OpenWindow>) => onChange(windows.map((w, j) => (j === i ? { ...w, ...patch } : w)));

  function add() {
    focus(id(windows.length, "start"));
    onChange([...windows, nextWindow(windows)]);
  }

  function remove(i: number) {
    focus(`hours-${day}-add`);
    onChange(windows.filter((_, j) => j !== i));
  }

  return (
    <fieldset className="day">
      <legend>{name}</legend>
      {windows.length === 0 && <p className="day-closed">Closed</p>}
      {windows.length > 0 && (
        <ol className="windows" aria-label={`${name} opening hours`}>
          {windows.map((w, i) => {
            const where = ` on ${name}${windows.length > 1 ? `, window ${i + 1}` : ""}`;
            const problem = problems[windowKey(day, i)];
            const late = overnight(w);
            const describe = [late ? id(i, "overnight") : "", problem ? id(i, "error") : ""].filter(Boolean).join(" ") || undefined;
            return (
              <li key={i} className="window">
                <div className="field">
                  <label htmlFor={id(i, "start")}>
                    Opens<span className="visually-hidden">{where}</span>
                  </label>
                  <input
                    id={id(i, "start")}
                    type="time"
                    value={w.start}
                    onChange={(e) => set(i, { start: e.target.value })}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={problem ? id(i, "error") : undefined}
                  />
                </div>
                <div className="field">
                  <label htmlFor={id(i, "end")}>
                    Closes<span className="visually-hidden">{where}</span>
                  </label>
                  <input
                    id={id(i, "end")}
                    type="time"
                    value={w.endOfDay ? "" : w.end}
                    disabled={w.endOfDay}
                    onChange={(e) => set(i, { end: e.target.value })}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={describe}
                  />
                </div>
                <label className="check">
                  <input type="checkbox" checked={w.endOfDay} onChange={(e) => set(i, { endOfDay: e.target.checked })} />
                  End of day (24:00)<span className="visually-hidden">{where}</span>
                </label>
                <button type="button" onClick={() => remove(i)}>
                  Remove<span className="visually-hidden">
                    {" "}
                    {name} {label(w)}
                  </span>
                </button>
                {late && (
                  <span id={id(i, "overnight")} className="hint window-note">
                    Runs past midnight, until {w.end} on {nextDay(day)}.
                  </span>
                )}
                <FieldError id={id(i, "error")} text={problem} className="window-note" />
              </li>
            );
          })}
        </ol>
      )}
      <button type="button" id={`hours-${day}-add`} onClick={add} disabled={windows.length >= MAX_WINDOWS}>
        {windows.length ? "Add hours" : "Open this day"}
        <span className="visually-hidden"> on {name}</span>
      </button>
      {windows.length >= MAX_WINDOWS && <span className="hint"> At most {MAX_WINDOWS} windows a day.</span>}
    </fieldset>
  );
}
