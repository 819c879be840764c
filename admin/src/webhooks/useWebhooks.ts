// The Webhooks page's list: loaded once (and again when a delivery log is
// refreshed, for its counts), the webhook just added (its secret shown
// once), pausing and resuming from a row, and deleting one.
import { useCallback, useEffect, useState } from "react";
import { errorText, type RestClient } from "@webchat/shared";
import { createWebhook, deleteWebhook, listWebhooks, setWebhookActive, type CreatedWebhook, type NewWebhook, type Webhook } from "./api";
import { PAUSED_TEXT } from "./words";

export function useWebhooks(api: RestClient, say: (text: string) => void) {
  const [webhooks, setWebhooks] = useState<Webhook[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setWebhooks(await listWebhooks(api));
    } catch (e) {
      setLoadError(`Could not load the webhooks: ${errorText(e)}`);
    }
  }, [api]);
  useEffect(() => void load(), [load]);

  const put = (w: Webhook) => setWebhooks((list) => (list ?? []).map((x) => (x.id === w.id ? w : x)));

  /** Rejects with the server's refusal, for the form to show. */
  async function create(body: NewWebhook): Promise<void> {
    const made = await createWebhook(api, body);
    say("");
    setRowError(null);
    setCreated(made);
    setWebhooks((list) => [made.webhook, ...(list ?? []).filter((w) => w.id !== made.webhook.id)]);
  }

  /** Pauses an active webhook, resumes a paused one. */
  async function toggle(w: Webhook): Promise<void> {
    setBusyId(w.id);
    setRowError(null);
    try {
      put(await setWebhookActive(api, w.id, !w.active));
      say(w.active ? PAUSED_TEXT : "Resumed: the events that waited are being sent.");
    } catch (e) {
      setRowError(`Could not ${w.active ? "pause" : "resume"} the webhook to ${w.url}: ${errorText(e)}`);
    } finally {
      setBusyId(null);
    }
  }

  /** Rejects with the server's refusal, for the confirmation to show. */
  async function remove(w: Webhook): Promise<void> {
    await deleteWebhook(api, w.id);
    setWebhooks((list) => (list ?? []).filter((x) => x.id !== w.id));
    setCreated((c) => (c?.webhook.id === w.id ? null : c));
    say(`The webhook to ${w.url} was deleted.`);
  }

  return { webhooks, loadError, created, busyId, rowError, load, create, toggle, remove, dismiss: () => setCreated(null) };
}

export type Webhooks = ReturnType<typeof useWebhooks>;
