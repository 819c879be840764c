import type { WidgetSettings } from "@webchat/shared";
import { contrastWithWhite } from "./rules";

const MIN_CONTRAST = 4.5;

/**
 * The widget on a sketch of a page, as the settings stand (saved or not):
 * the chat open with its header (title, greeting) in the colour, and the
 * bubble on the chosen side. `color` is a valid #rrggbb.
 */
export function WidgetPreview({ settings, color }: { settings: WidgetSettings; color: string }) {
  const side = settings.position === "left" ? "left" : "right";
  const contrast = contrastWithWhite(color);
  return (
    <section className="widget-preview" aria-labelledby="widget-preview-heading">
      <h3 id="widget-preview-heading">Preview</h3>
      <p className="hint">
        How the chat looks on a page of your site, at the bottom {side}. Not saved until you press Save.
      </p>
      <div className={`preview-page preview-${side}`}>
        <div className="preview-panel">
          <div className="preview-header" style={{ background: color }}>
            <strong className="preview-title">{settings.title.trim() || "(no title)"}</strong>
            {settings.greeting.trim() && <p className="preview-greeting">{settings.greeting.trim()}</p>}
          </div>
          <div className="preview-body" aria-hidden="true">
            <span className="preview-line" />
            <span className="preview-line short" />
          </div>
        </div>
        <span className="preview-bubble" style={{ background: color }} aria-label={`Chat bubble, bottom ${side}`} role="img">
          Chat
        </span>
      </div>
      {contrast < MIN_CONTRAST && (
        <p className="form-warning">
          White text on {color} is hard to read (contrast {contrast.toFixed(1)}:1, at least {MIN_CONTRAST}:1 is needed). Choose a darker colour.
        </p>
      )}
    </section>
  );
}
