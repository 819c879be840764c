// Requests with acknowledgements: emit, wait at most REQUEST_TIMEOUT_MS for
// `{ ok: true, ...data }` or `{ ok: false, error: { code, message } }`.
import type { Socket } from "socket.io-client";
import type { ClientEvents, RequestName, Requests, ServerEvents, WireError } from "../protocol";

export type ChatSocket = Socket<ServerEvents, ClientEvents>;

/** What an ack carries: the data on success, the error otherwise. */
export type Ack<T> = ({ ok: true } & T) | { ok: false; error: WireError };

/** An ack with `ok: false`, no ack in time (`timeout`), or a reply of no known shape (`internal`). */
export class RequestError extends Error {
  readonly code: WireError["code"];
  constructor(error: WireError) {
    super(error.message);
    this.name = "RequestError";
    this.code = error.code;
  }
  /** Worth sending again later (the same clientMsgId makes a resend safe). */
  get retriable(): boolean {
    return ["timeout", "internal", "rate_limited", "unavailable", "network"].includes(this.code);
  }
}

export const REQUEST_TIMEOUT_MS = 10_000;

/** The part of a socket `request` needs; socket.io's typings cannot name a generic event. */
interface TimedEmitter {
  timeout(ms: number): { emit(event: string, payload: unknown, cb: (err: Error | null, res?: unknown) => void): unknown };
}

/** Emits `event` and resolves with the ack data, or rejects with a RequestError. */
export function request<K extends RequestName>(
  socket: ChatSocket,
  event: K,
  payload: Requests[K]["req"],
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<Requests[K]["res"]> {
  return new Promise((resolve, reject) => {
    (socket as unknown as TimedEmitter).timeout(timeoutMs).emit(event, payload, (err, res) => {
      if (err) {
        reject(new RequestError({ code: "timeout", message: "The server did not answer in time." }));
        return;
      }
      const ack = res as Ack<Requests[K]["res"]> | null | undefined;
      if (ack && ack.ok === true) resolve(ack);
      else reject(new RequestError(ackError(ack)));
    });
  });
}

function ackError(ack: unknown): WireError {
  const error = (ack as { error?: Partial<WireError> } | null)?.error;
  if (error && typeof error.code === "string") return { code: error.code, message: error.message ?? error.code };
  return { code: "internal", message: "Unexpected reply." };
}

/** A readable sentence for any error a request or a REST call may throw. */
export function errorText(e: unknown, fallback = "Something went wrong."): string {
  return e instanceof Error && e.message ? e.message : fallback;
}
