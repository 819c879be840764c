// A stand-in for the browser's Notification API: install it on globalThis,
// set the permission a test needs, read what was shown, click a notification.
type Permission = "default" | "granted" | "denied";

export class FakeNotification {
  static permission: Permission = "default";
  /** What `requestPermission` answers; the permission becomes this. */
  static answer: Permission = "granted";
  static requests = 0;
  static shown: FakeNotification[] = [];

  static requestPermission(): Promise<Permission> {
    FakeNotification.requests += 1;
    FakeNotification.permission = FakeNotification.answer;
    return Promise.resolve(FakeNotification.permission);
  }

  onclick: ((ev: Event) => unknown) | null = null;
  closed = false;

  constructor(
    readonly title: string,
    readonly options: NotificationOptions = {},
  ) {
    FakeNotification.shown.push(this);
  }

  close(): void {
    this.closed = true;
  }

  /** The user clicks the notification. */
  click(): void {
    this.onclick?.(new Event("click"));
  }

  /** Puts a fresh fake on globalThis.Notification; returns a function that puts the old one back. */
  static install(permission: Permission = "default"): () => void {
    const g = globalThis as { Notification?: unknown };
    const before = g.Notification;
    FakeNotification.permission = permission;
    FakeNotification.answer = "granted";
    FakeNotification.requests = 0;
    FakeNotification.shown = [];
    g.Notification = FakeNotification;
    return () => {
      if (before === undefined) delete g.Notification;
      else g.Notification = before;
    };
  }
}
