// Desktop notifications through the browser's Notification API: the agent
// is asked for permission only when it clicks "Enable desktop notifications",
// never on load; a click on a notification brings the window forward.
export type NotifyPermission = NotificationPermission | "unsupported";

export interface Notifier {
  permission(): NotifyPermission;
  /** Asks the browser (call from a click). */
  request(): Promise<NotifyPermission>;
  /** Shows one notification; `onClick` runs after the window is focused. */
  show(title: string, options: { body?: string; tag?: string }, onClick: () => void): void;
}

type NotificationApi = typeof Notification;

/** The real thing, from `window.Notification` (absent in some browsers and in insecure pages). */
export function browserNotifier(w: Window & { Notification?: NotificationApi } = window): Notifier {
  const api = (): NotificationApi | undefined => w.Notification ?? (globalThis as { Notification?: NotificationApi }).Notification;
  return {
    permission: () => api()?.permission ?? "unsupported",
    request: async () => {
      const N = api();
      if (!N) return "unsupported";
      try {
        return await N.requestPermission();
      } catch {
        return N.permission;
      }
    },
    show: (title, options, onClick) => {
      const N = api();
      if (!N || N.permission !== "granted") return;
      try {
        const n = new N(title, options);
        n.onclick = () => {
          w.focus();
          onClick();
          n.close();
        };
      } catch {
        // some browsers allow notifications only from a service worker
      }
    },
  };
}
