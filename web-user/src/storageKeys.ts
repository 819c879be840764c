// Where the visitor app keeps its identity and chat in localStorage. The full
// page uses "webchat.user.*"; the widget "webchat.widget.*", with one session
// per host site (a visitor may chat on two sites that embed the widget).

export interface StorageKeys {
  token: string;
  name: string;
  /** The email the visitor last gave (offline form, transcript). */
  email: string;
  session: string;
  outbox: string;
  messages: (sessionId: string) => string;
}

export function storageKeys(prefix: string, site?: string): StorageKeys {
  return {
    token: `${prefix}.token`,
    name: `${prefix}.name`,
    email: `${prefix}.email`,
    session: site ? `${prefix}.session:${site}` : `${prefix}.session`,
    outbox: `${prefix}.outbox`,
    messages: (id) => `${prefix}.messages.${id}`,
  };
}

/**
 * The widget's frame before it was the visitor app kept its token in
 * "webchat-widget-token" and each site's session in
 * "webchat-widget-session:<site>"; moves them to the keys above once, so a
 * visitor's open chat survives the upgrade.
 */
export function adoptLegacyWidgetKeys(storage: Storage, site: string | undefined): void {
  const keys = storageKeys("webchat.widget", site);
  const moves: [string, string][] = [["webchat-widget-token", keys.token]];
  if (site) moves.push([`webchat-widget-session:${site}`, keys.session]);
  for (const [from, to] of moves) {
    const value = storage.getItem(from);
    if (value !== null && storage.getItem(to) === null) storage.setItem(to, value);
    storage.removeItem(from);
  }
}
