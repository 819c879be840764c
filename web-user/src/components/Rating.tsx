import { useRef, useState, type KeyboardEvent } from "react";
import { RequestError, type SessionDetails } from "@webchat/shared";
import { useFocusWhenShown } from "../focus";
import { useI18n } from "../i18n/context";
import { problemText } from "./problem";

const SCALE = [1, 2, 3, 4, 5] as const;
const LABELS = { 1: "csat.rating1", 2: "csat.rating2", 3: "csat.rating3", 4: "csat.rating4", 5: "csat.rating5" } as const;

/**
 * After the chat: an optional comment, then one tap on 1–5 sends both.
 * The arrow keys move along the scale (mirrored right to left), Enter or
 * Space picks. A chat rated before (`session.csat`, or the server's
 * `conflict`) only says thanks.
 */
export function Rating({ session, onRate }: { session: SessionDetails; onRate: (rating: number, comment: string) => Promise<void> }) {
  const { t, dir } = useI18n();
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<"thanks" | "already" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const scale = useRef<HTMLDivElement>(null);
  const done = session.csat ? "thanks" : outcome;
  const thanks = useFocusWhenShown<HTMLParagraphElement>(!!done);

  async function rate(rating: number) {
    setBusy(true);
    setError(null);
    try {
      await onRate(rating, comment);
      setOutcome("thanks");
    } catch (e) {
      if (e instanceof RequestError && e.code === "conflict") setOutcome("already");
      else setError(problemText(t, e));
    } finally {
      setBusy(false);
    }
  }

  function arrows(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const buttons = [...(scale.current?.querySelectorAll("button") ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    e.preventDefault();
    const step = (e.key === "ArrowRight") === (dir === "ltr") ? 1 : -1;
    buttons[Math.min(buttons.length - 1, Math.max(0, at + step))].focus();
  }

  if (done) {
    return (
      <p ref={thanks} tabIndex={-1} className="csat-done">
        {t(done === "already" ? "csat.already" : "csat.thanks")}
      </p>
    );
  }
  return (
    <div className="csat">
      <h3 id="csat-question">{t("csat.question")}</h3>
      <label htmlFor="csat-comment">{t("csat.comment")}</label>
      <textarea id="csat-comment" rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
      <div ref={scale} className="csat-scale" role="group" aria-labelledby="csat-question" onKeyDown={arrows}>
        {SCALE.map((n) => (
          <button key={n} type="button" aria-label={t(LABELS[n])} disabled={busy} onClick={() => void rate(n)}>
            {n}
          </button>
        ))}
      </div>
      <div className="csat-ends" aria-hidden="true">
        <span>{t("csat.low")}</span>
        <span>{t("csat.high")}</span>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
