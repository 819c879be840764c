// React glue: reading a Store, a clock for "waiting 3 min", and the typing
// signal of a composer.
import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from "react";
import type { Store } from "../store";

export function useStore<S extends object>(store: Store<S>): S {
  return useSyncExternalStore(store.subscribe, store.getState);
}

/** Date.now(), refreshed every `ms`. */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

const IDLE_MS = 2500;

/**
 * Turns a draft's changes into `typing` true/false: true on the first
 * character, false after IDLE_MS without a change, on an empty draft, on
 * `stop()` (sent, blurred), and when `key` (the chat) changes or unmounts.
 */
export function useTypingSignal(onTyping: ((isTyping: boolean) => void) | undefined, key: unknown = null) {
  const typing = useRef(false);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(onTyping);
  useLayoutEffect(() => {
    latest.current = onTyping;
  });

  useEffect(() => {
    const signal = latest.current;
    return () => {
      if (idle.current) clearTimeout(idle.current);
      if (typing.current) {
        typing.current = false;
        signal?.(false);
      }
    };
  }, [key]);

  function stop() {
    if (idle.current) clearTimeout(idle.current);
    if (typing.current) {
      typing.current = false;
      latest.current?.(false);
    }
  }

  function update(value: string) {
    if (!latest.current) return;
    if (!value.trim()) return stop();
    if (!typing.current) {
      typing.current = true;
      latest.current(true);
    }
    if (idle.current) clearTimeout(idle.current);
    idle.current = setTimeout(stop, IDLE_MS);
  }

  return { update, stop };
}
