// What the console says about a webhook and its deliveries: the event types
// to choose from, which ones a webhook gets, whether it is paused, and where
// each delivery stands and what the receiver last answered.
import { dateTime } from "../transcript/format";
import type { Webhook, WebhookDelivery } from "./api";

/** Every event type a webhook can ask for, in the server's order. */
export const EVENT_TYPES = [
  "session.created",
  "session.status_changed",
  "handoff.requested",
  "end.requested",
  "end.accepted",
  "end.declined",
  "message.created",
  "summary.ready",
  "note.created",
  "session.assigned",
  "session.transferred",
  "session.tagged",
  "csat.submitted",
  "contact.erased",
] as const;

/** What `events: ["*"]` means. */
export const ALL_EVENTS = "*";

export const NO_EVENTS = "Choose at least one event, or All events.";
export const PAUSED_TEXT = "Paused: events wait and are sent when you resume.";
export const EMPTY_TEXT = "No webhooks yet. Add one to send every event to your CRM or data tools.";

/** The events a webhook is sent: "All events", or their names. */
export function eventsText(events: string[]): string {
  if (events.length === 0 || events.includes(ALL_EVENTS)) return "All events";
  return events.join(", ");
}

/** The `events` to send for what is ticked, in the list's order; null when nothing is. */
export function eventsToSend(all: boolean, chosen: ReadonlySet<string>): string[] | null {
  if (all) return [ALL_EVENTS];
  const events = EVENT_TYPES.filter((t) => chosen.has(t));
  return events.length > 0 ? events : null;
}

export const statusText = (w: Pick<Webhook, "active">) => (w.active ? "Active" : "Paused");

/** "Delivered", "Waiting, next try at 9 May 2026, 12:00" (or "Waiting"), "Failed". */
export function deliveryStateText(d: Pick<WebhookDelivery, "state" | "nextAttemptAt">): string {
  if (d.state === "delivered") return "Delivered";
  if (d.state === "failed") return "Failed";
  const next = dateTime(d.nextAttemptAt);
  return next ? `Waiting, next try at ${next}` : "Waiting";
}

/** The receiver's last answer: "HTTP 500", "no answer" (none came back), or "not sent yet". */
export function answerText(d: Pick<WebhookDelivery, "lastStatus" | "attempts">): string {
  if (d.lastStatus !== null && d.lastStatus !== undefined) return `HTTP ${d.lastStatus}`;
  return d.attempts > 0 ? "no answer" : "not sent yet";
}

/** The last 8 characters of an id, enough to tell events apart in a log (time-ordered ids share their first ones). */
export const shortId = (id: string) => id.slice(-8);
