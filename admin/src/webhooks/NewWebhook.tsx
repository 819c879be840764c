import { CopyField } from "../console/CopyField";
import type { CreatedWebhook } from "./api";

/** A webhook just added: its signing secret once, in a read-only field to copy, with Done. */
export function NewWebhook({ created, onDone }: { created: CreatedWebhook; onDone: () => void }) {
  return (
    <section className="card new-token" aria-labelledby="new-webhook-heading">
      <h2 id="new-webhook-heading" className="cell-wrap">
        New webhook: {created.webhook.url}
      </h2>
      <p id="new-webhook-note" className="form-warning new-token-note">
        Copy it now: it will not be shown again. Receivers verify each request&apos;s Webchat-Signature with it (see the README).
      </p>
      <CopyField id="new-webhook-secret" label="Signing secret" value={created.secret} what="the secret" describedBy="new-webhook-note" focus />
      <button type="button" onClick={onDone}>
        Done, I have copied it
      </button>
    </section>
  );
}
