// Where the visitor app keeps its identity and chat in localStorage. The full
// page uses "webchat.user.*"; the widget "webchat.widget.*", with one session
// per host site (a visitor may chat on two sites that embed the widget).

export interface StorageKeys {
  token: string;
  name: string;
  session: string;
  outbox: string;
  messages: (sessionId: string) => string;
}

export function storageKeys(prefix: string, site?: string): StorageKeys {
  return {
    token: `${prefix}.token`,
    name: `${prefix}.name`,
    session: site ? `${prefix}.session:${site}` : `${prefix}.session`,
    outbox: `${prefix}.outbox`,
    messages: (id) => `${prefix}.messages.${id}`,
  };
}
