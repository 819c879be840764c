import type { FormEvent } from "react";
import type { WidgetSettings } from "@webchat/shared";
import { CharCount, messageLimit } from "@webchat/shared/ui";
import { FieldError } from "../console/FieldError";
import { check, GREETING_MAX, LOCALES, TITLE_MAX, type Problems } from "./rules";

const FIELDS: (keyof WidgetSettings)[] = ["title", "greeting", "color", "site"];

/**
 * Every widget setting, checked as the server checks (messages beside each
 * field, the first wrong one focused on Save); the server's refusal is shown
 * under the Save button. `swatch` is the colour the picker shows.
 */
export function WidgetForm({
  settings,
  swatch,
  problems,
  busy,
  error,
  onChange,
  onSave,
}: {
  settings: WidgetSettings;
  swatch: string;
  problems: Problems;
  busy: boolean;
  error: string | null;
  onChange: (patch: Partial<WidgetSettings>) => void;
  onSave: () => Promise<void>;
}) {
  const describe = (f: keyof WidgetSettings, ...more: string[]) => [...more, problems[f] ? `widget-${f}-error` : ""].filter(Boolean).join(" ") || undefined;

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = check(settings);
    const first = FIELDS.find((f) => found[f]);
    if (first) document.getElementById(`widget-${first}`)?.focus();
    void onSave();
  }

  return (
    <form className="widget-form" onSubmit={submit} noValidate aria-describedby={error ? "widget-error" : undefined}>
      <div className="field">
        <label htmlFor="widget-title">Title</label>
        <input
          id="widget-title"
          value={settings.title}
          onChange={(e) => onChange({ title: e.target.value })}
          aria-invalid={problems.title ? true : undefined}
          aria-describedby={describe("title", "widget-title-hint")}
          autoComplete="off"
        />
        <span id="widget-title-hint" className="hint">
          At the top of the chat, e.g. “Acme support”; up to {TITLE_MAX} characters.
        </span>
        <FieldError id="widget-title-error" text={problems.title} />
      </div>
      <div className="field">
        <label htmlFor="widget-greeting">Greeting</label>
        <textarea
          id="widget-greeting"
          rows={3}
          value={settings.greeting}
          onChange={(e) => onChange({ greeting: e.target.value })}
          aria-invalid={problems.greeting ? true : undefined}
          aria-describedby={describe("greeting", "widget-greeting-hint", "widget-greeting-count")}
        />
        <span id="widget-greeting-hint" className="hint">
          The first line visitors read, before they write; up to {GREETING_MAX} characters, or empty.
        </span>
        <CharCount id="widget-greeting-count" limit={messageLimit(settings.greeting.trim(), GREETING_MAX)} max={GREETING_MAX} />
        <FieldError id="widget-greeting-error" text={problems.greeting} />
      </div>
      <fieldset className="field-group">
        <legend>Colour</legend>
        <div className="color-fields">
          <div className="field">
            <label htmlFor="widget-color-picker">Pick a colour</label>
            <input id="widget-color-picker" type="color" value={swatch} onChange={(e) => onChange({ color: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="widget-color">Hex code</label>
            <input
              id="widget-color"
              className="hex-input"
              value={settings.color}
              onChange={(e) => onChange({ color: e.target.value })}
              aria-invalid={problems.color ? true : undefined}
              aria-describedby={describe("color", "widget-color-hint")}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
        </div>
        <span id="widget-color-hint" className="hint">
          The bubble and the chat’s header, e.g. #3b2f8f.
        </span>
        <FieldError id="widget-color-error" text={problems.color} />
      </fieldset>
      <fieldset className="field-group">
        <legend>Position</legend>
        <div className="radios">
          {(["right", "left"] as const).map((p) => (
            <label key={p} className="check">
              <input type="radio" name="widget-position" value={p} checked={settings.position === p} onChange={() => onChange({ position: p })} />
              Bottom {p}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="widget-locale">Language</label>
        <select id="widget-locale" value={settings.locale} onChange={(e) => onChange({ locale: e.target.value as WidgetSettings["locale"] })} aria-describedby="widget-locale-hint">
          {LOCALES.map((l) => (
            <option key={l.value} value={l.value} lang={l.value || undefined}>
              {l.name}
            </option>
          ))}
        </select>
        <span id="widget-locale-hint" className="hint">
          The language of the chat. “Visitor’s browser” follows each visitor’s own settings.
        </span>
      </div>
      <div className="field">
        <label htmlFor="widget-site">Site</label>
        <input
          id="widget-site"
          type="url"
          inputMode="url"
          placeholder="https://www.example.com"
          value={settings.site}
          onChange={(e) => onChange({ site: e.target.value })}
          aria-invalid={problems.site ? true : undefined}
          aria-describedby={describe("site", "widget-site-hint")}
        />
        <span id="widget-site-hint" className="hint">
          The site whose pages the bot answers from, for chats started in the widget. Leave empty to use the address of the page the widget is on.
        </span>
        <FieldError id="widget-site-error" text={problems.site} />
      </div>
      <div className="field-submit">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Saving…" : "Save widget settings"}
        </button>
      </div>
      {error && (
        <p id="widget-error" className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
