// A stand-in server for the Webhooks page's tests: it holds the webhooks
// and their delivery logs (two pages each when `more` is given), records
// every call that is not a GET, and answers the next one with `refuse`
// instead when told.
import { bodyOf, type Reply } from "../test/console";
import type { Webhook, WebhookDelivery } from "./api";

export const SECRET = "whsec_9f8e7d6c5b4a3f2e1d0c";

export function webhook(over: Partial<Webhook> = {}): Webhook {
  return {
    id: "w1",
    url: "https://crm.example.test/hooks/webchat",
    events: ["*"],
    active: true,
    createdAt: "2026-05-01T10:00:00Z",
    pending: 0,
    failed: 0,
    ...over,
  };
}

export function delivery(over: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return {
    id: "d1",
    eventId: "3f2a9c1e-7b4d-4e8a-9c0d-1e2f3a4b5c6d",
    eventType: "message.created",
    state: "delivered",
    attempts: 1,
    lastStatus: 200,
    lastError: null,
    nextAttemptAt: null,
    deliveredAt: "2026-05-09T10:00:02Z",
    createdAt: "2026-05-09T10:00:00Z",
    ...over,
  };
}

export interface Logs {
  /** The first page of each webhook's log. */
  first: Record<string, WebhookDelivery[]>;
  /** The page after `nextCursor` "c/50", when there is one. */
  more?: Record<string, WebhookDelivery[]>;
}

export function server(initial: Webhook[] = [webhook()], logs: Logs = { first: {} }) {
  let list = initial;
  let refuse: Reply | null = null;
  const sent: { method: string; url: string; body: unknown }[] = [];
  const answer = (url: string, init: RequestInit): Reply | undefined => {
    const method = init.method ?? "GET";
    if (!url.startsWith("/api/webhooks")) return undefined;
    if (method === "GET") return read(url);
    sent.push({ method, url, body: bodyOf(init) });
    if (refuse) return refuse;
    if (url === "/api/webhooks") {
      const made = webhook({ id: "w9", url: bodyOf(init).url, events: bodyOf(init).events, createdAt: "2026-05-09T12:00:00Z" });
      list = [made, ...list];
      return { status: 201, body: { webhook: made, secret: SECRET } };
    }
    if (url.endsWith("/retry")) return { status: 202 };
    const id = url.match(/^\/api\/webhooks\/([^/?]+)$/)![1];
    if (method === "DELETE") {
      list = list.filter((w) => w.id !== id);
      return { status: 204 };
    }
    const changed = { ...list.find((w) => w.id === id)!, ...bodyOf(init) };
    list = list.map((w) => (w.id === id ? changed : w));
    return { status: 200, body: { webhook: changed } };
  };
  const read = (url: string): Reply => {
    if (url === "/api/webhooks") return { status: 200, body: { webhooks: list } };
    const [, id, query] = url.match(/^\/api\/webhooks\/([^/]+)\/deliveries\?(.*)$/)!;
    const q = new URLSearchParams(query);
    if (q.get("cursor")) return { status: 200, body: { deliveries: logs.more?.[id] ?? [], nextCursor: null } };
    return { status: 200, body: { deliveries: logs.first[id] ?? [], nextCursor: logs.more?.[id] ? "c/50" : null } };
  };
  return { answer, sent, refuseWith: (r: Reply | null) => (refuse = r) };
}
