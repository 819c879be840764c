import { useState, type FormEvent } from "react";
import { useI18n } from "../i18n/context";
import { problemText } from "./problem";

/**
 * A labelled email field and its button. The server judges the address:
 * what it refuses (a bad address, too many sends) is said under the field,
 * which is marked invalid and described by it.
 */
export function EmailForm({
  id,
  label,
  submitLabel,
  initial,
  onSubmit,
}: {
  id: string;
  label: string;
  submitLabel: string;
  initial: string | null;
  /** Rejects with what the server answered. */
  onSubmit: (email: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [email, setEmail] = useState(initial ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorId = `${id}-error`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const value = email.trim();
    if (!value || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(value);
    } catch (err) {
      setError(problemText(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="email-form" onSubmit={submit} noValidate>
      <label htmlFor={id}>{label}</label>
      <div className="email-row">
        <input
          id={id}
          type="email"
          inputMode="email"
          autoComplete="email"
          maxLength={254}
          value={email}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => setEmail(e.target.value)}
        />
        <button type="submit" className="primary" disabled={busy || !email.trim()}>
          {submitLabel}
        </button>
      </div>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
