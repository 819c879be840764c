// Helpers for the Socket.IO end-to-end test: HTTP calls, sockets that record
// every server event, waiting for one event with a predicate, acks with a
// timeout. No sleeps: everything waits on an event or an ack.

import { io } from "socket.io-client";
import { randomBytes, randomUUID } from "node:crypto";

export const BASE_URL = (process.env.WEBCHAT_URL || "http://127.0.0.1:3001").replace(/\/+$/, "");
export const ADMIN_EMAIL = process.env.WEBCHAT_ADMIN_EMAIL || "a@x.io";
export const ADMIN_PASSWORD = process.env.WEBCHAT_ADMIN_PASSWORD || "secret123";
/** Time allowed for an ack or a pushed event (ms). */
export const TIMEOUT = Number(process.env.WEBCHAT_E2E_TIMEOUT || 5000);
/** Time allowed for slow work: the bot's answer, the end-of-chat summary (ms). */
export const SLOW_TIMEOUT = Number(process.env.WEBCHAT_E2E_SLOW_TIMEOUT || 30000);

export const uid = () => randomUUID();
export const short = () => randomBytes(4).toString("hex");

/** Compact JSON for assertion messages. */
export function show(v, max = 600) {
  let s;
  try {
    s = JSON.stringify(v);
  } catch {
    s = String(v);
  }
  return s && s.length > max ? s.slice(0, max) + "…" : s;
}

// ------------------------------------------------------------------ HTTP ---

export async function http(method, path, { token, body } = {}) {
  const headers = { accept: "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  let res;
  try {
    res = await fetch(BASE_URL + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT),
    });
  } catch (e) {
    const cause = e.cause?.code || e.cause?.message || e.message;
    throw new Error(`cannot reach the Webchat server at ${BASE_URL} (${method} ${path}): ${cause}`);
  }
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

export async function login(email, password) {
  const r = await http("POST", "/api/auth/login", { body: { email, password } });
  if (r.status !== 200 || !r.json?.token) {
    throw new Error(`login of ${email} failed: HTTP ${r.status} ${r.text.slice(0, 300)}`);
  }
  return r.json; // { token, user }
}

// --------------------------------------------------------------- sockets ---

/**
 * A Socket.IO client that records every event the server pushes, so a test
 * can wait for an event that may already have arrived (e.g. pushed before the
 * ack of the call that caused it).
 */
export class Client {
  constructor(name, namespace = "/", auth = {}) {
    this.name = name;
    this.events = []; // { name, data }
    this.waiters = new Set();
    this.socket = io(BASE_URL + namespace, {
      transports: ["websocket"],
      auth,
      forceNew: true,
      reconnection: false,
      timeout: TIMEOUT,
    });
    this.socket.onAny((event, data) => {
      const rec = { name: event, data };
      this.events.push(rec);
      for (const w of [...this.waiters]) w(rec, this.events.length - 1);
    });
  }

  /** Index to pass as `since` so that only later events match. */
  mark() {
    return this.events.length;
  }

  get connected() {
    return this.socket.connected;
  }

  /** Resolves on `connect`, rejects on `connect_error` (with its message). */
  connect() {
    const s = this.socket;
    if (s.connected) return Promise.resolve(this);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${this.name}: no connect within ${TIMEOUT} ms to ${BASE_URL}`));
      }, TIMEOUT + 500);
      const onConnect = () => {
        cleanup();
        resolve(this);
      };
      const onError = (err) => {
        cleanup();
        reject(
          Object.assign(new Error(`${this.name}: connect_error: ${err?.message}${err?.data ? " " + show(err.data) : ""}`), {
            connectError: err,
          }),
        );
      };
      const cleanup = () => {
        clearTimeout(timer);
        s.off("connect", onConnect);
        s.off("connect_error", onError);
      };
      s.on("connect", onConnect);
      s.on("connect_error", onError);
    });
  }

  /**
   * Expect the server to refuse this connection. Resolves with the
   * connect_error; rejects if the socket connects.
   */
  expectRefused() {
    const s = this.socket;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${this.name}: neither connect nor connect_error within ${TIMEOUT} ms`));
      }, TIMEOUT + 500);
      const onConnect = () => {
        cleanup();
        reject(new Error(`${this.name}: the server accepted a connection it should have refused`));
      };
      const onError = (err) => {
        cleanup();
        resolve(err);
      };
      const onDisconnect = (reason) => {
        // Refusing after accepting (connect then immediate disconnect) is not
        // what the protocol says, but report it clearly.
        cleanup();
        reject(new Error(`${this.name}: connected, then was disconnected (${reason}) instead of connect_error`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        s.off("connect", onConnect);
        s.off("connect_error", onError);
        s.off("disconnect", onDisconnect);
      };
      if (s.connected) return onConnect();
      s.on("connect", onConnect);
      s.on("connect_error", onError);
      s.on("disconnect", onDisconnect);
    });
  }

  /** Emit with an ack; rejects with a clear message when no ack comes. */
  async call(event, payload, timeout = TIMEOUT) {
    try {
      return await this.socket.timeout(timeout).emitWithAck(event, payload);
    } catch (e) {
      throw new Error(
        `${this.name}: no ack for '${event}' within ${timeout} ms (connected=${this.socket.connected}); sent ${show(payload)}`,
      );
    }
  }

  /** Emit with an ack and require `{ ok: true }`; returns the ack. */
  async ok(event, payload, timeout = TIMEOUT) {
    const ack = await this.call(event, payload, timeout);
    if (!ack || ack.ok !== true) {
      throw new Error(`${this.name}: '${event}' ${show(payload)} was refused: ${show(ack)}`);
    }
    return ack;
  }

  /** Fire and forget (events the protocol gives no ack). */
  send(event, payload) {
    this.socket.emit(event, payload);
  }

  /**
   * Wait for a server event named `event` whose payload satisfies `pred`,
   * looking first at events recorded from index `since` on.
   */
  waitFor(event, pred = () => true, { since = 0, timeout = TIMEOUT, what } = {}) {
    for (let i = since; i < this.events.length; i++) {
      const e = this.events[i];
      if (e.name === event && safePred(pred, e.data)) return Promise.resolve(e.data);
    }
    return new Promise((resolve, reject) => {
      const waiter = (e, idx) => {
        if (idx >= since && e.name === event && safePred(pred, e.data)) {
          this.waiters.delete(waiter);
          clearTimeout(timer);
          resolve(e.data);
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.events
          .slice(since)
          .filter((e) => e.name === event)
          .map((e) => show(e.data, 300));
        reject(
          new Error(
            `${this.name} did not receive '${event}'${what ? ` (${what})` : ""} within ${timeout} ms` +
              (seen.length ? `; got other '${event}' events: ${seen.join(" | ")}` : `; no '${event}' event at all`) +
              ` (connected=${this.socket.connected})`,
          ),
        );
      }, timeout);
      this.waiters.add(waiter);
    });
  }

  /** Every recorded payload of `event` since `since` that satisfies `pred`. */
  all(event, pred = () => true, since = 0) {
    return this.events.slice(since).filter((e) => e.name === event && safePred(pred, e.data)).map((e) => e.data);
  }

  /** Disconnect and wait until the client is really closed. */
  close() {
    if (this.socket.connected) {
      return new Promise((resolve) => {
        this.socket.once("disconnect", () => resolve());
        this.socket.disconnect();
        setTimeout(resolve, 1000).unref();
      });
    }
    this.socket.disconnect();
    return Promise.resolve();
  }
}

function safePred(pred, data) {
  try {
    return !!pred(data);
  } catch {
    return false;
  }
}

/** A token with the right shape that the server never issued. */
export function forgedToken() {
  return "wct_" + randomBytes(32).toString("base64url");
}

/** A real token with its last character changed. */
export function tamperedToken(token) {
  const last = token.at(-1);
  return token.slice(0, -1) + (last === "A" ? "B" : "A");
}
