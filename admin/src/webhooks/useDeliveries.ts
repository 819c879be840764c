// One webhook's delivery log: fifty at a time, newest first, read again
// on Refresh, and a delivery sent again. What happened is said politely;
// after "Load more" the focus goes to the first delivery it added.
import { useCallback, useEffect, useRef, useState } from "react";
import { errorText, type RestClient } from "@webchat/shared";
import { plural } from "../reports/figures";
import { listDeliveries, retryDelivery, type WebhookDelivery } from "./api";

export function useDeliveries(api: RestClient, webhookId: string, onChanged: () => void) {
  const [deliveries, setDeliveries] = useState<WebhookDelivery[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [retryError, setRetryError] = useState<string | null>(null);
  const [said, setSaid] = useState("");
  /** The delivery to move the focus to once it is shown. */
  const focusNext = useRef<string | null>(null);

  /** A page after `after` (the first when null) added to `shown`; `saying` replaces the count. */
  const load = useCallback(
    async (shown: WebhookDelivery[], after: string | null, saying?: string) => {
      setBusy(true);
      setError(null);
      try {
        const page = await listDeliveries(api, webhookId, after);
        const got = page.deliveries;
        const more = page.nextCursor ? "; more can be loaded." : ".";
        setDeliveries([...shown, ...got]);
        setCursor(page.nextCursor || null);
        setSaid(saying ?? (after ? `${plural(got.length, "more delivery", "more deliveries")} loaded${more}` : `${plural(got.length, "delivery", "deliveries")} shown${more}`));
        focusNext.current = after ? (got[0]?.id ?? null) : null;
      } catch (e) {
        setError(`Could not load the deliveries: ${errorText(e)}`);
      } finally {
        setBusy(false);
      }
    },
    [api, webhookId],
  );
  useEffect(() => void load([], null), [load]);

  /** The first page again, and the webhook's counts. */
  function refresh(saying?: string) {
    setRetryError(null);
    onChanged();
    return load([], null, saying);
  }

  async function retry(d: WebhookDelivery): Promise<void> {
    setRetryError(null);
    try {
      await retryDelivery(api, webhookId, d.id);
    } catch (e) {
      setRetryError(`Could not send ${d.eventType} again: ${errorText(e)}`);
      return;
    }
    await refresh("Queued to send again.");
  }

  const more = () => (deliveries ? load(deliveries, cursor) : Promise.resolve());
  const retryLoad = () => load(deliveries ?? [], deliveries ? cursor : null);

  return { deliveries, cursor, busy, error, retryError, said, focusNext, refresh, more, retry, retryLoad };
}
