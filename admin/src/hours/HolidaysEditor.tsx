import { useRef, useState, type KeyboardEvent } from "react";
import { FieldError } from "../console/FieldError";
import { dateText, holidayProblem } from "./hours";

/** The dates closed all day: a date picker with Add, and the list with Remove on each. */
export function HolidaysEditor({ holidays, onChange }: { holidays: string[]; onChange: (holidays: string[]) => void }) {
  const [date, setDate] = useState("");
  const field = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  function add() {
    const p = holidayProblem(holidays, date);
    setProblem(p);
    if (p) return field.current?.focus();
    onChange([...holidays, date].sort());
    setDate("");
  }

  function remove(day: string) {
    // the focused button goes: the date field takes the focus
    field.current?.focus();
    onChange(holidays.filter((d) => d !== day));
  }

  // Enter in the date field adds it, rather than saving the whole form.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    add();
  };

  return (
    <fieldset className="holidays">
      <legend>Holidays</legend>
      <p className="hint" id="holiday-hint">
        Closed all day on these dates, in the business time zone.
      </p>
      <div className="holiday-add">
        <div className="field">
          <label htmlFor="holiday-date">Date</label>
          <input
            id="holiday-date"
            ref={field}
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            onKeyDown={onKeyDown}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? "holiday-hint holiday-error" : "holiday-hint"}
          />
        </div>
        <button type="button" onClick={add}>
          Add holiday
        </button>
      </div>
      <FieldError id="holiday-error" text={problem} />
      {holidays.length === 0 ? (
        <p className="muted">No holidays.</p>
      ) : (
        <ul className="holiday-list" aria-label="Holidays">
          {holidays.map((d) => (
            <li key={d}>
              <time dateTime={d}>{dateText(d)}</time>
              <button type="button" onClick={() => remove(d)}>
                Remove<span className="visually-hidden"> {dateText(d)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
