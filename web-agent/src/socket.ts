// The one Socket.IO client module of the agent app: connection options and
// typed request/acknowledgement calls.
import { io, type Socket } from "socket.io-client";
import type { AckError, ClientEvents, Requests, ServerEvents } from "./protocol";

export type ChatSocket = Socket<ServerEvents, ClientEvents>;

/** An acknowledgement with `ok: false`, or no acknowledgement in time. */
export class RequestError extends Error {
  readonly code: string;
  constructor(error: AckError) {
    super(error.message);
    this.code = error.code;
  }
  get retriable(): boolean {
    return this.code === "timeout" || this.code === "internal" || this.code === "rate_limited";
  }
}

export const REQUEST_TIMEOUT_MS = 10_000;

/** Emits `event` and resolves with the ack data, or rejects with a RequestError. */
export function request<K extends keyof Requests>(
  socket: ChatSocket,
  event: K,
  payload: Requests[K]["req"],
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<Requests[K]["res"]> {
  return new Promise((resolve, reject) => {
    // socket.io's typings cannot express a generic event name, hence the cast.
    const emitter = socket.timeout(timeoutMs) as unknown as {
      emit: (ev: string, p: unknown, cb: (err: Error | null, res: unknown) => void) => void;
    };
    emitter.emit(event, payload, (err, res) => {
      if (err) {
        reject(new RequestError({ code: "timeout", message: "The server did not answer in time." }));
        return;
      }
      const ack = res as ({ ok: true } & Requests[K]["res"]) | { ok: false; error?: AckError };
      if (ack && ack.ok) resolve(ack);
      else reject(new RequestError(ack?.error ?? { code: "internal", message: "Unexpected reply." }));
    });
  });
}

/** Opens a socket to this page's origin; `auth` is re-read on every reconnection. */
export function openSocket(getToken: () => string | null, url = window.location.origin): ChatSocket {
  // The apps are served by the server itself: same origin, path /socket.io.
  return io(url, {
    path: "/socket.io",
    auth: (cb) => {
      const token = getToken();
      cb(token ? { token } : {});
    },
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });
}

/** A random UUID v4, also outside secure contexts where crypto.randomUUID is missing. */
export function newId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** HTTP calls to the server's JSON API. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(method: string, path: string, token?: string | null, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: {
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const msg = (data as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${res.status}`;
    throw new HttpError(res.status, msg);
  }
  return data as T;
}
