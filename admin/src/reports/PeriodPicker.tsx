import type { FormEvent } from "react";
import { FieldError } from "../console/FieldError";
import { PRESETS, type Days, type Preset } from "./period";

/**
 * Which days the report covers: a preset (applied at once) or custom dates
 * (applied by "Show report", both days included).
 */
export function PeriodPicker({
  preset,
  custom,
  problem,
  onPreset,
  onCustom,
  onApply,
}: {
  preset: Preset;
  custom: Days;
  problem: string | null;
  onPreset: (p: Preset) => void;
  onCustom: (d: Days) => void;
  onApply: () => void;
}) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply();
  };
  const invalid = problem ? true : undefined;
  const described = `report-dates-hint${problem ? " report-dates-error" : ""}`;
  return (
    <form className="period" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Period</legend>
        <div className="radios">
          {PRESETS.map((p) => (
            <label key={p.value} className="check">
              <input type="radio" name="report-period" value={p.value} checked={preset === p.value} onChange={() => onPreset(p.value)} />
              {p.label}
            </label>
          ))}
        </div>
      </fieldset>
      {preset === "custom" && (
        <div className="period-dates">
          <div className="field">
            <label htmlFor="report-from">From</label>
            <input id="report-from" type="date" value={custom.first} onChange={(e) => onCustom({ ...custom, first: e.target.value })} aria-invalid={invalid} aria-describedby={described} />
          </div>
          <div className="field">
            <label htmlFor="report-to">To</label>
            <input id="report-to" type="date" value={custom.last} onChange={(e) => onCustom({ ...custom, last: e.target.value })} aria-invalid={invalid} aria-describedby={described} />
          </div>
          <div className="field field-submit">
            <button type="submit" className="primary">
              Show report
            </button>
          </div>
          <span id="report-dates-hint" className="hint">
            Both days are included.
          </span>
          <FieldError id="report-dates-error" text={problem} />
        </div>
      )}
    </form>
  );
}
