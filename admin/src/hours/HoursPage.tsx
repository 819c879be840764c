import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { errorText, type Weekday } from "@webchat/shared";
import { FieldError } from "../console/FieldError";
import type { PageProps } from "../console/pages";
import { AvailabilityStatus } from "./AvailabilityStatus";
import { DayEditor } from "./DayEditor";
import { HolidaysEditor } from "./HolidaysEditor";
import { browserZone, check, copyMondayToWeekdays, draftOf, hoursOf, timeZones, WEEKDAYS, type HoursDraft, type OpenWindow } from "./hours";
import { LoadState } from "../console/LoadState";

/**
 * When the team answers: the time zone, always open or a weekly schedule
 * (windows per day, overnight ones allowed), holidays, and the live status
 * visitors see. Admins change it (the whole object is PUT); supervisors
 * read it.
 */
export function HoursPage({ api, user }: PageProps) {
  const canEdit = user?.role === "admin";
  const [savedZone, setSavedZone] = useState<string | undefined>(undefined);
  const [draft, setDraft] = useState<HoursDraft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState("");
  const [version, setVersion] = useState(0);
  const focusId = useRef<string | null>(null);
  const problems = draft && tried ? check(draft) : {};
  const here = browserZone();

  useEffect(() => {
    // After adding or removing, the focus goes where the change asked (drawn by now).
    if (!focusId.current) return;
    document.getElementById(focusId.current)?.focus();
    focusId.current = null;
  });
  const focus = (id: string) => {
    focusId.current = id;
  };

  const load = useCallback(() => {
    setLoadError(null);
    api.businessHours().then(
      (h) => {
        setSavedZone(h.timezone);
        setDraft(draftOf(h));
      },
      (e) => setLoadError(`Could not load the business hours: ${errorText(e)}`),
    );
  }, [api]);
  useEffect(load, [load]);

  const set = (patch: Partial<HoursDraft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const setDay = (day: Weekday, windows: OpenWindow[]) => setDraft((d) => (d ? { ...d, days: { ...d.days, [day]: windows } } : d));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    setTried(true);
    setNotice("");
    const first = Object.keys(check(draft))[0];
    if (first) return document.getElementById(first === "timezone" ? "hours-timezone" : `hours-${first}-start`)?.focus();
    setBusy(true);
    setError(null);
    try {
      const saved = await api.saveBusinessHours(hoursOf(draft));
      setSavedZone(saved.timezone);
      setDraft(draftOf(saved));
      setTried(false);
      setNotice("Business hours saved.");
      setVersion((v) => v + 1);
    } catch (err) {
      setError(`Could not save: ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="people hours">
      <section className="card" aria-labelledby="hours-now-heading">
        <h2 id="hours-now-heading">Right now</h2>
        {/* once the hours are read, so the line knows their time zone without reading them again */}
        {draft || loadError ? <AvailabilityStatus api={api} timezone={savedZone} version={version} /> : <p className="muted">Checking availability…</p>}
      </section>
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      <section className="card" aria-labelledby="hours-heading">
        <h2 id="hours-heading">Business hours</h2>
        <p className="hint">
          Outside these hours, or when no agent is online, visitors can still write: they are asked for an email, and replies reach them by email.
        </p>
        {!canEdit && <p className="muted">Only admins can change the business hours.</p>}
        <LoadState error={loadError} loaded={!!draft} onRetry={load} />
        {draft && (
          <form className="hours-form" onSubmit={(e) => void submit(e)} noValidate aria-describedby={error ? "hours-error" : undefined}>
            <fieldset className="plain" disabled={!canEdit}>
              <div className="field">
                <label htmlFor="hours-timezone">Time zone</label>
                <select
                  id="hours-timezone"
                  value={draft.timezone}
                  onChange={(e) => set({ timezone: e.target.value })}
                  aria-invalid={problems.timezone ? true : undefined}
                  aria-describedby={["hours-timezone-hint", problems.timezone ? "hours-timezone-error" : ""].filter(Boolean).join(" ")}
                >
                  {!draft.timezone && <option value="">Choose a time zone</option>}
                  {timeZones(draft.timezone).map((z) => (
                    <option key={z} value={z}>
                      {z}
                    </option>
                  ))}
                </select>
                <span id="hours-timezone-hint" className="hint">
                  The hours and holidays are local times there. Your browser’s time zone is {here}.
                </span>
                {canEdit && draft.timezone !== here && (
                  <button type="button" className="link" onClick={() => set({ timezone: here })}>
                    Use {here}
                  </button>
                )}
                <FieldError id="hours-timezone-error" text={problems.timezone} />
              </div>
              <label className="check switch">
                <input type="checkbox" role="switch" checked={draft.alwaysOpen} onChange={(e) => set({ alwaysOpen: e.target.checked })} aria-describedby="hours-always-hint" />
                Always open
              </label>
              <span id="hours-always-hint" className="hint">
                On: every day, at every hour. Off: only during the weekly hours below.
              </span>
              {!draft.alwaysOpen && (
                <fieldset className="week">
                  <legend>Weekly hours</legend>
                  <button type="button" onClick={() => set({ days: copyMondayToWeekdays(draft.days) })}>
                    Copy Monday to weekdays
                  </button>
                  {WEEKDAYS.map((day) => (
                    <DayEditor key={day} day={day} windows={draft.days[day]} problems={problems} onChange={(w) => setDay(day, w)} focus={focus} />
                  ))}
                </fieldset>
              )}
              <HolidaysEditor holidays={draft.holidays} onChange={(holidays) => set({ holidays })} />
              {canEdit && (
                <div className="field-submit">
                  <button type="submit" className="primary" disabled={busy}>
                    {busy ? "Saving…" : "Save business hours"}
                  </button>
                </div>
              )}
            </fieldset>
            {error && (
              <p id="hours-error" className="form-error" role="alert">
                {error}
              </p>
            )}
          </form>
        )}
      </section>
    </div>
  );
}
