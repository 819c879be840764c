import { useCallback, useEffect, useState } from "react";
import { errorText, type WidgetSettings } from "@webchat/shared";
import type { PageProps } from "../console/pages";
import { EmbedCode } from "./EmbedCode";
import { check, hex6, tidy } from "./rules";
import { WidgetForm } from "./WidgetForm";
import { WidgetPreview } from "./WidgetPreview";
import { LoadState } from "../console/LoadState";

const DEFAULT_COLOR = "#3b2f8f";

/**
 * The chat widget on the team's site: its title, greeting, colour, side,
 * site and language, with a live preview, and the line to embed it. Admins
 * only; the whole object is PUT.
 */
export function WidgetPage({ api }: PageProps) {
  const [draft, setDraft] = useState<WidgetSettings | null>(null);
  /** The last valid colour, for the picker and the preview while the hex field is mid-edit. */
  const [swatch, setSwatch] = useState(DEFAULT_COLOR);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState("");

  const show = (s: WidgetSettings) => {
    setDraft(s);
    setSwatch(hex6(s.color) ?? DEFAULT_COLOR);
  };

  const load = useCallback(() => {
    setLoadError(null);
    api.widgetSettings().then(show, (e) => setLoadError(`Could not load the widget settings: ${errorText(e)}`));
  }, [api]);
  useEffect(load, [load]);

  function change(patch: Partial<WidgetSettings>) {
    setNotice("");
    setDraft((d) => (d ? { ...d, ...patch } : d));
    const color = patch.color !== undefined ? hex6(patch.color) : null;
    if (color) setSwatch(color);
  }

  async function save() {
    if (!draft) return;
    setTried(true);
    if (Object.keys(check(draft)).length) return;
    setBusy(true);
    setError(null);
    try {
      show(await api.saveWidgetSettings(tidy(draft)));
      setTried(false);
      setNotice("Widget settings saved. Visitors see them the next time the chat loads.");
    } catch (e) {
      setError(`Could not save: ${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="people widget">
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      <section className="card" aria-labelledby="widget-heading">
        <h2 id="widget-heading">Widget</h2>
        <LoadState error={loadError} loaded={!!draft} onRetry={load} />
        {draft && (
          <div className="widget-columns">
            <WidgetForm settings={draft} swatch={swatch} problems={tried ? check(draft) : {}} busy={busy} error={error} onChange={change} onSave={save} />
            <WidgetPreview settings={draft} color={swatch} />
          </div>
        )}
      </section>
      <EmbedCode origin={window.location.origin} />
    </div>
  );
}
