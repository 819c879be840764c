import { useEffect, useRef } from "react";
import type { RestClient } from "@webchat/shared";
import { LoadState } from "../console/LoadState";
import type { Webhook } from "./api";
import { DeliveriesTable } from "./DeliveriesTable";
import { useDeliveries } from "./useDeliveries";

/**
 * One webhook's delivery log, below the list, headed by its URL: Refresh,
 * the deliveries newest first with Send again, Load more, and Close. The
 * focus goes to the heading when it opens.
 */
export function DeliveryLog({ api, webhook, onChanged, onClose }: { api: RestClient; webhook: Webhook; onChanged: () => void; onClose: () => void }) {
  const log = useDeliveries(api, webhook.id, onChanged);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const { deliveries, cursor, busy } = log;

  return (
    <section id="delivery-log" className="card" aria-labelledby="delivery-log-heading">
      <div className="section-head">
        <h2 id="delivery-log-heading" ref={heading} tabIndex={-1} className="cell-wrap">
          Deliveries to {webhook.url}
        </h2>
        <button type="button" onClick={() => void log.refresh()}>
          Refresh
        </button>
        <button type="button" onClick={onClose}>
          Close<span className="visually-hidden"> the delivery log</span>
        </button>
      </div>
      <p className="hint">Newest first. A delivery that failed is sent again only with Send again; one sent again keeps its event id, so a receiver can skip what it already has.</p>
      <p className="search-count" role="status" aria-live="polite">
        {log.said}
      </p>
      {log.retryError && (
        <p className="form-error" role="alert">
          {log.retryError}
        </p>
      )}
      <LoadState error={log.error} loaded={!!deliveries} onRetry={() => void log.retryLoad()} />
      {deliveries && deliveries.length === 0 && <p className="muted empty">Nothing has been sent to it yet.</p>}
      {deliveries && deliveries.length > 0 && <DeliveriesTable deliveries={deliveries} focusNext={log.focusNext} onRetry={(d) => void log.retry(d)} />}
      {cursor && deliveries && (
        <button type="button" onClick={() => void log.more()} disabled={busy}>
          {busy ? "Loading…" : "Load more"}
        </button>
      )}
    </section>
  );
}
