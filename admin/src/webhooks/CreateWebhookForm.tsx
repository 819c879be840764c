import { useRef, useState, type FormEvent } from "react";
import { errorText } from "@webchat/shared";
import { FieldError } from "../console/FieldError";
import type { NewWebhook } from "./api";
import { EventsFieldset } from "./EventsFieldset";
import { eventsToSend, NO_EVENTS } from "./words";

/**
 * Adds a webhook: the URL events are POSTed to, and which events. What is
 * missing is said beside its field without asking the server; the server's
 * refusal (a bad or private address, an unknown event) is shown below the
 * form, which keeps what was typed.
 */
export function CreateWebhookForm({ onCreate }: { onCreate: (body: NewWebhook) => Promise<void> }) {
  const [url, setUrl] = useState("");
  const [all, setAll] = useState(true);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const urlInput = useRef<HTMLInputElement>(null);
  const allInput = useRef<HTMLInputElement>(null);
  const events = eventsToSend(all, chosen);
  const urlProblem = tried && !url.trim() ? "Enter the URL to send events to." : null;
  const eventsProblem = tried && !events ? NO_EVENTS : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (!url.trim()) return urlInput.current?.focus();
    if (!events) return allInput.current?.focus();
    setBusy(true);
    setError(null);
    try {
      await onCreate({ url: url.trim(), events });
      setUrl("");
      setAll(true);
      setChosen(new Set());
      setTried(false);
    } catch (err) {
      setError(`Could not add the webhook: ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="add-webhook-heading">
      <h2 id="add-webhook-heading">Add a webhook</h2>
      <form className="person-form webhook-form" onSubmit={(e) => void submit(e)} noValidate aria-describedby={error ? "add-webhook-error" : undefined}>
        <div className="field field-grow">
          <label htmlFor="webhook-url">URL</label>
          <input
            id="webhook-url"
            ref={urlInput}
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            autoComplete="off"
            placeholder="https://crm.example.com/hooks/webchat"
            aria-invalid={urlProblem ? true : undefined}
            aria-describedby={urlProblem ? "webhook-url-error" : "webhook-url-hint"}
          />
          <span id="webhook-url-hint" className="hint">
            Each event is POSTed there as JSON, signed with the webhook&apos;s secret.
          </span>
          <FieldError id="webhook-url-error" text={urlProblem} />
        </div>
        <EventsFieldset
          allRef={allInput}
          all={all}
          chosen={chosen}
          problem={eventsProblem}
          onChange={(a, c) => {
            setAll(a);
            setChosen(c);
          }}
        />
        <div className="field">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Adding…" : "Add webhook"}
          </button>
        </div>
      </form>
      {error && (
        <p id="add-webhook-error" className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
