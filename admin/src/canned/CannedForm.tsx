import { useLayoutEffect, useRef, useState, type FormEvent } from "react";
import { errorText, type CannedResponse } from "@webchat/shared";
import { CharCount, messageLimit } from "@webchat/shared/ui";
import { FieldError } from "../console/FieldError";
import { check, preview, SHORTCUT_MAX, TEXT_MAX, TITLE_MAX, tidy, variableWarning, VARIABLES, type Draft, type Problems } from "./rules";

export const EMPTY_DRAFT: Draft = { shortcut: "", title: "", text: "" };
const FIELDS: (keyof Draft)[] = ["shortcut", "title", "text"];

/**
 * A canned response's shortcut, title and text, with the variables as
 * buttons that insert them at the cursor and a preview with sample values.
 * Checked as the server checks (messages beside each field, the first wrong
 * field focused); the server's refusal is shown below. `prefix` keeps ids
 * apart when two forms are on the page.
 */
export function CannedForm({
  prefix,
  initial,
  others,
  agentName,
  submitLabel,
  busyLabel,
  onSave,
  onCancel,
}: {
  prefix: string;
  initial: Draft;
  /** The other saved responses (for a taken shortcut). */
  others: CannedResponse[];
  agentName?: string | null;
  submitLabel: string;
  busyLabel: string;
  /** Saves; rejects with the server's error. The add form empties itself after. */
  onSave: (draft: Draft) => Promise<void>;
  onCancel?: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refs = { shortcut: useRef<HTMLInputElement>(null), title: useRef<HTMLInputElement>(null), text: useRef<HTMLTextAreaElement>(null) };
  const caret = useRef<number | null>(null);
  const problems: Problems = tried ? check(draft, others) : {};
  const warning = variableWarning(draft.text);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const id = (f: string) => `${prefix}-${f}`;

  useLayoutEffect(() => {
    if (caret.current === null || !refs.text.current) return;
    refs.text.current.focus();
    refs.text.current.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  });

  function insert(token: string) {
    const box = refs.text.current;
    const start = box?.selectionStart ?? draft.text.length;
    const end = box?.selectionEnd ?? start;
    caret.current = start + token.length;
    set({ text: draft.text.slice(0, start) + token + draft.text.slice(end) });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    const found = check(draft, others);
    const first = FIELDS.find((f) => found[f]);
    if (first) return refs[first].current?.focus();
    setBusy(true);
    setError(null);
    try {
      await onSave(tidy(draft));
      if (!onCancel) {
        setDraft(EMPTY_DRAFT);
        setTried(false);
        refs.shortcut.current?.focus();
      }
    } catch (err) {
      setError(`Could not save: ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  }

  const describe = (f: keyof Draft, ...more: string[]) => [...more, problems[f] ? id(`${f}-error`) : ""].filter(Boolean).join(" ");
  return (
    <form className="canned-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="field">
        <label htmlFor={id("shortcut")}>Shortcut</label>
        <span className="shortcut-input">
          <span aria-hidden="true">/</span>
          <input
            id={id("shortcut")}
            ref={refs.shortcut}
            value={draft.shortcut}
            onChange={(e) => set({ shortcut: e.target.value })}
            aria-invalid={problems.shortcut ? true : undefined}
            aria-describedby={describe("shortcut", id("shortcut-hint"))}
            autoComplete="off"
            spellCheck={false}
          />
        </span>
        <span id={id("shortcut-hint")} className="hint">
          What agents type after / in the composer: lower-case letters, digits, - and _, up to {SHORTCUT_MAX}.
        </span>
        <FieldError id={id("shortcut-error")} text={problems.shortcut} />
      </div>
      <div className="field">
        <label htmlFor={id("title")}>Title</label>
        <input
          id={id("title")}
          ref={refs.title}
          value={draft.title}
          onChange={(e) => set({ title: e.target.value })}
          aria-invalid={problems.title ? true : undefined}
          aria-describedby={describe("title", id("title-hint")) || undefined}
          autoComplete="off"
        />
        <span id={id("title-hint")} className="hint">
          Shown to agents when they pick a response; up to {TITLE_MAX} characters.
        </span>
        <FieldError id={id("title-error")} text={problems.title} />
      </div>
      <div className="field field-wide">
        <label htmlFor={id("text")}>Text</label>
        <VariableButtons prefix={prefix} onInsert={insert} />
        <textarea
          id={id("text")}
          ref={refs.text}
          rows={5}
          value={draft.text}
          onChange={(e) => set({ text: e.target.value })}
          aria-invalid={problems.text ? true : undefined}
          aria-describedby={describe("text", id("text-count"), warning && !problems.text ? id("text-warning") : "")}
        />
        <CharCount id={id("text-count")} limit={messageLimit(draft.text, TEXT_MAX)} max={TEXT_MAX} />
        <FieldError id={id("text-error")} text={problems.text} />
        <p id={id("text-warning")} className="form-warning" aria-live="polite">
          {!problems.text && warning}
        </p>
      </div>
      <section className="canned-preview field-wide" aria-labelledby={id("preview-heading")}>
        <h3 id={id("preview-heading")}>Preview</h3>
        <p className="hint">With sample values; the server fills in the real ones when an agent sends it.</p>
        <p className="canned-preview-text">{draft.text.trim() ? preview(draft.text, agentName) : <span className="muted">The text appears here.</span>}</p>
      </section>
      <div className="field-submit field-wide">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {error && (
        <p className="form-error field-wide" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/** "Insert a variable": one button per variable the server fills in. */
function VariableButtons({ prefix, onInsert }: { prefix: string; onInsert: (token: string) => void }) {
  return (
    <div className="variables" role="group" aria-labelledby={`${prefix}-variables`}>
      <span id={`${prefix}-variables`} className="hint">
        Insert a variable:
      </span>
      {VARIABLES.map((v) => (
        <button key={v.token} type="button" className="chip" onClick={() => onInsert(v.token)} title={v.token}>
          {v.label} <code>{v.token}</code>
        </button>
      ))}
    </div>
  );
}
