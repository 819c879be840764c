// Whether visitors can reach someone now (`GET /api/availability`), in one
// line: "Open now · 2 agents online" or "Closed · opens again Mon 09:00
// (Europe/Paris)". Asked again every half minute and whenever `version`
// changes (the hours were saved).
import { useEffect, useState } from "react";
import { errorText, type Availability, type RestClient } from "@webchat/shared";

const REFRESH_MS = 30_000;
const WEEK_MS = 6 * 24 * 3600_000;

const agents = (n: number) => (n === 0 ? "no agent online" : `${n} ${n === 1 ? "agent" : "agents"} online`);

/** "Mon 09:00" in `timezone` (with the date when it is a week or more away); the reader's zone when it is unknown. */
export function openingText(iso: string, timezone: string | undefined, now = Date.now()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "";
  const far = at.getTime() - now >= WEEK_MS;
  const options: Intl.DateTimeFormatOptions = { weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23", ...(far ? { day: "numeric", month: "short" } : {}) };
  try {
    const text = new Intl.DateTimeFormat("en-GB", { ...options, timeZone: timezone }).format(at);
    return timezone ? `${text} (${timezone})` : text;
  } catch {
    return new Intl.DateTimeFormat("en-GB", options).format(at);
  }
}

export function availabilityText(a: Availability, timezone?: string, now = Date.now()): string {
  if (a.online) return `Open now · ${agents(a.agentsOnline)}`;
  if (a.withinBusinessHours) return `Within business hours, but ${agents(0)} · visitors are asked for an email`;
  const next = a.nextOpenAt ? openingText(a.nextOpenAt, timezone, now) : "";
  const opens = next ? `opens again ${next}` : "no opening hours ahead";
  return `Closed · ${opens}${a.agentsOnline ? ` · ${agents(a.agentsOnline)}` : ""}`;
}

/**
 * The live line. `timezone` is the business hours' zone; without it the
 * hours are read once to learn it.
 */
export function AvailabilityStatus({ api, timezone, version = 0 }: { api: RestClient; timezone?: string; version?: number }) {
  const [availability, setAvailability] = useState<Availability | null>(null);
  const [zone, setZone] = useState<string | undefined>(timezone);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (timezone !== undefined) return setZone(timezone);
    let live = true;
    api.businessHours().then(
      (h) => live && setZone(h.timezone),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, timezone]);

  useEffect(() => {
    let live = true;
    const ask = () =>
      api.availability().then(
        (a) => {
          if (!live) return;
          setAvailability(a);
          setError(null);
        },
        (e) => live && setError(`Could not check availability: ${errorText(e)}`),
      );
    void ask();
    const t = setInterval(ask, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [api, version]);

  const state = !availability ? "unknown" : availability.online ? "open" : "closed";
  return (
    <p className={`availability availability-${state}`} role="status">
      <span className="presence-dot" aria-hidden="true" />
      {error ?? (availability ? availabilityText(availability, zone) : "Checking availability…")}
    </p>
  );
}
