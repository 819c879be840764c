// The admins' calls on outgoing webhooks (`/api/webhooks`, admins only):
// the list with what waits and what failed, adding one (its signing secret
// comes back once), pausing and resuming, deleting, a webhook's delivery
// log a page at a time, and sending a delivery again.
import type { NewWebhook, RestClient, Webhook, WebhookDeliveryPage } from "@webchat/shared";

export type { NewWebhook, Webhook, WebhookDelivery, WebhookDeliveryPage, WebhookDeliveryState } from "@webchat/shared";

/** The answer to adding one: `secret` (`whsec_…`) is shown this once. */
export interface CreatedWebhook {
  webhook: Webhook;
  secret: string;
}

/** Deliveries per page of the log. */
export const LOG_PAGE = 50;

const path = (id: string) => `/api/webhooks/${encodeURIComponent(id)}`;

export async function listWebhooks(api: RestClient): Promise<Webhook[]> {
  const data = await api.get<{ webhooks?: Webhook[] } | null>("/api/webhooks");
  return data?.webhooks ?? [];
}

export function createWebhook(api: RestClient, body: NewWebhook): Promise<CreatedWebhook> {
  return api.post("/api/webhooks", body);
}

/** `active: false` pauses it (events wait), `true` resumes it. */
export async function setWebhookActive(api: RestClient, id: string, active: boolean): Promise<Webhook> {
  const data = await api.patch<{ webhook: Webhook }>(path(id), { active });
  return data.webhook;
}

/** Its delivery log goes too. */
export function deleteWebhook(api: RestClient, id: string): Promise<unknown> {
  return api.delete(path(id));
}

/** Newest first; `cursor` is the last page's `nextCursor`. */
export async function listDeliveries(api: RestClient, id: string, cursor?: string | null): Promise<WebhookDeliveryPage> {
  const params = new URLSearchParams({ limit: String(LOG_PAGE) });
  if (cursor) params.set("cursor", cursor);
  const data = await api.get<WebhookDeliveryPage | null>(`${path(id)}/deliveries?${params.toString()}`);
  return { deliveries: data?.deliveries ?? [], nextCursor: data?.nextCursor ?? null };
}

/** Queues the delivery to be sent again now (202), with the same event id. */
export function retryDelivery(api: RestClient, id: string, deliveryId: string): Promise<unknown> {
  return api.post(`${path(id)}/deliveries/${encodeURIComponent(deliveryId)}/retry`);
}
