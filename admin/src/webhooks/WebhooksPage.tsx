import { useEffect, useRef, useState } from "react";
import { errorText } from "@webchat/shared";
import { ConfirmDialog } from "@webchat/shared/ui";
import { LoadState } from "../console/LoadState";
import type { PageProps } from "../console/pages";
import type { Webhook } from "./api";
import { CreateWebhookForm } from "./CreateWebhookForm";
import { DeliveryLog } from "./DeliveryLog";
import { NewWebhook } from "./NewWebhook";
import { useWebhooks } from "./useWebhooks";
import { logButtonId, WebhooksTable } from "./WebhooksTable";
import { EMPTY_TEXT } from "./words";

/**
 * Outgoing webhooks: every event (or the chosen ones) POSTed, signed, to a
 * CRM or data tool. The list with what waits and what failed, pausing and
 * resuming, deleting after asking, adding one (its secret shown this once),
 * and a webhook's delivery log below the list (its id in the address as
 * `log`). Admins.
 */
export function WebhooksPage({ api, route }: PageProps) {
  const [notice, setNotice] = useState("");
  const hooks = useWebhooks(api, setNotice);
  const [logId, setLogId] = useState<string | null>(() => route.params.get("log"));
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const [focusHeading, setFocusHeading] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const { webhooks } = hooks;
  const logOf = webhooks?.find((w) => w.id === logId) ?? null;

  useEffect(() => {
    // the deleted row's buttons are gone: the focus goes to the list's heading
    if (!focusHeading) return;
    heading.current?.focus();
    setFocusHeading(false);
  }, [focusHeading]);

  function openLog(w: Webhook | null) {
    setLogId(w?.id ?? null);
    route.replace({ log: w?.id });
  }

  function closeLog() {
    const id = logId;
    openLog(null);
    if (id) document.getElementById(logButtonId({ id }))?.focus();
  }

  function done() {
    hooks.dismiss();
    document.getElementById("webhook-url")?.focus();
  }

  return (
    <div className="people webhooks">
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      {hooks.created && <NewWebhook created={hooks.created} onDone={done} />}
      <section className="card" aria-labelledby="webhooks-heading">
        <h2 id="webhooks-heading" ref={heading} tabIndex={-1}>
          Webhooks
        </h2>
        <p className="hint">
          Each event is POSTed as JSON to the webhook&apos;s URL, signed in the <code>Webchat-Signature</code> header. A receiver that does not answer with a 2xx is tried again (for a day by default), then the delivery is marked failed; a paused webhook keeps its events until it is resumed.
        </p>
        <LoadState error={hooks.loadError} loaded={!!webhooks} onRetry={() => void hooks.load()} />
        {hooks.rowError && (
          <p className="form-error" role="alert">
            {hooks.rowError}
          </p>
        )}
        {webhooks && webhooks.length === 0 && <p className="muted empty">{EMPTY_TEXT}</p>}
        {webhooks && webhooks.length > 0 && (
          <WebhooksTable
            webhooks={webhooks}
            busyId={hooks.busyId}
            logId={logOf?.id ?? null}
            onLog={(w) => (w.id === logId ? closeLog() : openLog(w))}
            onToggle={(w) => void hooks.toggle(w)}
            onDelete={setDeleting}
          />
        )}
      </section>
      {logOf && <DeliveryLog key={logOf.id} api={api} webhook={logOf} onChanged={() => void hooks.load()} onClose={closeLog} />}
      <CreateWebhookForm onCreate={hooks.create} />
      {deleting && (
        <ConfirmDialog
          id="delete-webhook"
          title={`Delete the webhook to ${deleting.url}?`}
          action="Delete webhook"
          onConfirm={async () => {
            await hooks.remove(deleting);
            if (deleting.id === logId) openLog(null);
            setDeleting(null);
            setFocusHeading(true);
          }}
          failed={(e) => `Could not delete the webhook to ${deleting.url}: ${errorText(e)}`}
          onClose={() => setDeleting(null)}
        >
          Its delivery log goes too. Events that wait for it are not sent, and this cannot be undone.
        </ConfirmDialog>
      )}
    </div>
  );
}
