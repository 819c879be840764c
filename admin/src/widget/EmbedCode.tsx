import { useRef, useState } from "react";
import { embedCode, OVERRIDES } from "./rules";

/** The script tag to paste into a site's pages, a Copy button, and the per-page attributes. */
export function EmbedCode({ origin }: { origin: string }) {
  const code = embedCode(origin);
  const box = useRef<HTMLElement>(null);
  const [said, setSaid] = useState("");

  async function copy() {
    try {
      await navigator.clipboard.writeText(code);
      setSaid("Copied to the clipboard.");
    } catch {
      if (box.current) window.getSelection()?.selectAllChildren(box.current);
      setSaid("Could not copy: the code is selected, press Ctrl+C (⌘C on a Mac).");
    }
  }

  return (
    <section className="card" aria-labelledby="embed-heading">
      <h2 id="embed-heading">Add the widget to your site</h2>
      <p id="embed-hint">Paste this line into every page that should have the chat, just before &lt;/body&gt;:</p>
      <div className="embed">
        <pre className="embed-code" aria-describedby="embed-hint">
          <code ref={box}>{code}</code>
        </pre>
        <button type="button" onClick={() => void copy()}>
          Copy<span className="visually-hidden"> the embed code</span>
        </button>
      </div>
      <p className="notice" role="status" aria-live="polite">
        {said}
      </p>
      <p className="hint">
        To change a setting on one page only, add an attribute to that page’s script tag: {OVERRIDES.map((a, i) => (
          <span key={a}>
            {i > 0 && ", "}
            <code>{a}</code>
          </span>
        ))}
        . For example <code>{`<script src="${origin}/widget.js" data-position="left" data-locale="fr" async></script>`}</code>.
      </p>
    </section>
  );
}
