// The state container every app client extends: immutable snapshots that
// React reads with useSyncExternalStore (see ui/useStore).

export class Store<S extends object> {
  private listeners = new Set<() => void>();

  constructor(protected state: S) {}

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getState = (): S => this.state;

  /** Replaces the named fields and tells every subscriber. */
  protected set(patch: Partial<S>): void {
    this.state = { ...this.state, ...patch };
    this.listeners.forEach((fn) => fn());
  }
}
