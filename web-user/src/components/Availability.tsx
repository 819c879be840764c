import type { Availability } from "@webchat/shared";
import { useI18n } from "../i18n/context";
import type { I18n } from "../i18n";

type Kind = "online" | "away" | "closed";

/** Someone online (the hours open); no one online though open; or outside the hours. */
function kindOf(a: Availability): Kind {
  if (a.online) return "online";
  return a.withinBusinessHours ? "away" : "closed";
}

/** "We're online · usually answer in about 2 min", "No one is available right now", "We're closed · we open again Monday 9:00 AM". */
export function availabilityText({ t, when, wait }: I18n, a: Availability): string {
  switch (kindOf(a)) {
    case "online": {
      const w = wait(a.estimatedWaitSecs);
      return w ? t("availability.onlineWait", { wait: w }) : t("availability.online");
    }
    case "away":
      return t("availability.away");
    case "closed":
      return a.nextOpenAt ? t("availability.closedUntil", { when: when(a.nextOpenAt) }) : t("availability.closed");
  }
}

/** What "Talk to a human" will do, said before the click. */
export function handoffText({ t, when, wait }: I18n, a: Availability): string {
  switch (kindOf(a)) {
    case "online": {
      const w = wait(a.estimatedWaitSecs);
      return w ? t("handoff.onlineWait", { wait: w }) : t("handoff.online");
    }
    case "away":
      return t("handoff.away");
    case "closed":
      return a.nextOpenAt ? t("handoff.closedUntil", { when: when(a.nextOpenAt) }) : t("handoff.closed");
  }
}

/** A dot and a sentence: whether someone can answer now. */
export function AvailabilityLine({ availability, className = "" }: { availability: Availability; className?: string }) {
  const i18n = useI18n();
  return (
    <p className={`availability ${className}`} data-availability={kindOf(availability)}>
      <span className="availability-dot" aria-hidden="true" />
      {availabilityText(i18n, availability)}
    </p>
  );
}

/** "Talk to a human", with what happens next under it (once availability is known). */
export function HandoffButton({ availability, onClick }: { availability: Availability | null; onClick: () => void }) {
  const i18n = useI18n();
  return (
    <div className="handoff">
      <button type="button" onClick={onClick} aria-describedby={availability ? "handoff-hint" : undefined}>
        {i18n.t("handoff.button")}
      </button>
      {availability && (
        <p id="handoff-hint" className="handoff-hint">
          {handoffText(i18n, availability)}
        </p>
      )}
    </div>
  );
}
