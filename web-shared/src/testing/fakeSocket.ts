// A stand-in for a socket.io-client Socket, driven by the test: it records
// what the client emits, and the test answers acks, fires server events,
// drops and restores the connection.
import type { ChatSocket } from "../socket/request";

// Handlers take whatever the event carries; the test passes the right values.
type Handler = (...args: never[]) => void;
const call = (fn: Handler, args: unknown[]) => (fn as (...a: unknown[]) => void)(...args);
export interface Emitted {
  event: string;
  payload: unknown;
  ack?: (err: Error | null, res?: unknown) => void;
  timeoutMs?: number;
}

export class FakeSocket {
  connected = false;
  emitted: Emitted[] = [];
  connects = 0;
  private handlers = new Map<string, Handler[]>();
  private managerHandlers = new Map<string, Handler[]>();
  io = {
    on: (event: string, fn: Handler) => {
      this.managerHandlers.set(event, [...(this.managerHandlers.get(event) ?? []), fn]);
      return this.io;
    },
  };

  on(event: string, fn: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }
  /** Server → client. */
  fire(event: string, ...args: unknown[]) {
    for (const fn of this.handlers.get(event) ?? []) call(fn, args);
  }
  /** An event of the socket's Manager (e.g. "reconnect_attempt"). */
  fireManager(event: string, ...args: unknown[]) {
    for (const fn of this.managerHandlers.get(event) ?? []) call(fn, args);
  }
  emit(event: string, payload: unknown) {
    this.emitted.push({ event, payload });
    return this;
  }
  timeout(ms: number) {
    return {
      emit: (event: string, payload: unknown, ack: Emitted["ack"]) => {
        this.emitted.push({ event, payload, ack, timeoutMs: ms });
      },
    };
  }
  connect() {
    this.connected = true;
    this.connects += 1;
    this.fire("connect");
    return this;
  }
  disconnect() {
    this.connected = false;
    return this;
  }
  /** A dropped connection ("transport close"), or the server closing it ("io server disconnect"). */
  drop(reason = "transport close") {
    this.connected = false;
    this.fire("disconnect", reason);
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
  /** Answers the latest `event` with `{ ok: true, ...data }`. */
  reply(event: string, data: Record<string, unknown>) {
    this.answer(event, { ok: true, ...data });
  }
  /** Answers the latest `event` with `{ ok: false, error: { code, message } }`. */
  fail(event: string, code: string, message = code) {
    this.answer(event, { ok: false, error: { code, message } });
  }
  /** Answers with anything at all (for malformed replies). */
  answer(event: string, raw: unknown) {
    const e = this.last(event);
    e.ack!(null, raw);
    e.ack = undefined;
  }
  /** socket.io's own timeout: no ack came in time. */
  timeoutAck(event: string) {
    const e = this.last(event);
    e.ack!(new Error("operation has timed out"));
    e.ack = undefined;
  }
  asSocket(): ChatSocket {
    return this as unknown as ChatSocket;
  }
  as<S>(): S {
    return this as unknown as S;
  }
}

/** A Storage kept in memory (localStorage's interface). */
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

/** Lets pending promise callbacks run. */
export const flush = () => new Promise((r) => setTimeout(r, 0));

/** A fetch that answers from a table and records the calls. */
export function fakeFetch(answer: (url: string, init: RequestInit) => { status: number; body?: unknown } | Error) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, init });
    const a = answer(url, init);
    if (a instanceof Error) throw a;
    const text = a.body === undefined ? "" : typeof a.body === "string" ? a.body : JSON.stringify(a.body);
    return new Response(text || null, { status: a.status });
  }) as typeof fetch;
  return { fetch: fn, calls };
}
