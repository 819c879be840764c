// A minimal stand-in for a socket.io-client Socket, driven by the test.
import type { ChatSocket } from "../socket";

type Handler = (...args: unknown[]) => void;
export type Ack = (res: unknown) => void;
export interface Emitted {
  event: string;
  payload: unknown;
  ack?: (err: Error | null, res?: unknown) => void;
}

export class FakeSocket {
  connected = false;
  emitted: Emitted[] = [];
  private handlers = new Map<string, Handler[]>();
  io = { on: (_ev: string, _fn: Handler) => undefined };

  on(event: string, fn: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }
  /** Server → client. */
  fire(event: string, ...args: unknown[]) {
    for (const fn of this.handlers.get(event) ?? []) fn(...args);
  }
  emit(event: string, payload: unknown) {
    this.emitted.push({ event, payload });
    return this;
  }
  timeout(_ms: number) {
    return {
      emit: (event: string, payload: unknown, ack: Emitted["ack"]) => {
        this.emitted.push({ event, payload, ack });
      },
    };
  }
  connect() {
    this.connected = true;
    this.fire("connect");
    return this;
  }
  disconnect() {
    this.connected = false;
    return this;
  }
  /** Simulates a dropped connection. */
  drop() {
    this.connected = false;
    this.fire("disconnect", "transport close");
  }
  /** The latest un-answered request for `event`. */
  last(event: string): Emitted {
    const found = [...this.emitted].reverse().find((e) => e.event === event && e.ack);
    if (!found) throw new Error(`no ${event} emitted; got ${this.emitted.map((e) => e.event).join(", ")}`);
    return found;
  }
  all(event: string): Emitted[] {
    return this.emitted.filter((e) => e.event === event);
  }
  reply(event: string, data: Record<string, unknown>) {
    const e = this.last(event);
    e.ack!(null, { ok: true, ...data });
    e.ack = undefined;
  }
  fail(event: string, code: string, message = code) {
    const e = this.last(event);
    e.ack!(null, { ok: false, error: { code, message } });
    e.ack = undefined;
  }
  timeoutAck(event: string) {
    const e = this.last(event);
    e.ack!(new Error("operation has timed out"));
    e.ack = undefined;
  }
  asSocket(): ChatSocket {
    return this as unknown as ChatSocket;
  }
}

export function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

export const flush = () => new Promise((r) => setTimeout(r, 0));
