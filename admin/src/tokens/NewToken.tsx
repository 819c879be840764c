import { useEffect, useRef, useState } from "react";
import type { ApiToken } from "@webchat/shared";
import { roleText } from "../people/labels";

/** A token just made: the secret once, in a read-only field to copy, with Copy and Done. */
export function NewToken({ token, apiToken, onDone }: { token: string; apiToken: ApiToken; onDone: () => void }) {
  const field = useRef<HTMLInputElement>(null);
  const [said, setSaid] = useState("");
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setSaid("Copied to the clipboard.");
    } catch {
      field.current?.focus();
      field.current?.select();
      setSaid("Could not copy: the token is selected, press Ctrl+C (⌘C on a Mac).");
    }
  }

  return (
    <section className="card new-token" aria-labelledby="new-token-heading">
      <h2 id="new-token-heading">New token: {apiToken.name}</h2>
      <p id="new-token-note" className="form-warning new-token-note">
        Copy it now: it will not be shown again. Whoever has it acts with the {roleText(apiToken.role).toLowerCase()} role until it is revoked.
      </p>
      <div className="field">
        <label htmlFor="new-token-value">Token</label>
        <div className="embed">
          <input id="new-token-value" ref={field} className="token-value" readOnly value={token} aria-describedby="new-token-note" onFocus={(e) => e.currentTarget.select()} />
          <button type="button" onClick={() => void copy()}>
            Copy<span className="visually-hidden"> the token</span>
          </button>
        </div>
      </div>
      <p className="notice" role="status" aria-live="polite">
        {said}
      </p>
      <button type="button" onClick={onDone}>
        Done, I have copied it
      </button>
    </section>
  );
}
