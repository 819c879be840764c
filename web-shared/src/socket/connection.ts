// One Socket.IO connection's life: open it once, run the app's `ready` step
// (hello, resume) after every (re)connect, report the status, reconnect when
// the server closed us on purpose (a restart), and tell the app when the
// server refuses the handshake's token.
import { RequestError } from "./request";

export type ConnectionStatus = "idle" | "connecting" | "online" | "reconnecting";

/** The part of a socket.io-client Socket a Connection uses. */
export interface LifecycleSocket {
  readonly connected: boolean;
  connect(): unknown;
  disconnect(): unknown;
  on(event: "connect", fn: () => void): unknown;
  on(event: "disconnect", fn: (reason: string) => void): unknown;
  on(event: "connect_error", fn: (err: Error) => void): unknown;
  io: { on(event: "reconnect_attempt", fn: () => void): unknown };
}

export interface ConnectionHooks<S> {
  /** Once, when the socket is made: subscribe to the server's events. */
  listen?: (socket: S) => void;
  /** Runs after every connect (say hello, rejoin from the last seq); the link is online once it resolves. */
  ready?: (socket: S) => Promise<void> | void;
  /** After `ready`: e.g. send what waited in the outbox. */
  online?: (socket: S) => void;
  status: (status: ConnectionStatus) => void;
  /** The server refused our token (handshake or ack `unauthorized`); the connection is closed. */
  refused: (message: string) => void;
  /** `ready` failed for another reason. */
  failed?: (error: unknown) => void;
}

export interface ConnectionOptions {
  /** connect_error messages that mean "your token is refused". */
  refusal?: RegExp;
  /** Delay before reconnecting after the server closed the socket on purpose. */
  restartDelayMs?: number;
}

const REFUSAL = /^unauthorized/i;

export class Connection<S extends LifecycleSocket> {
  private current: S | null = null;
  private isReady = false;

  constructor(
    private open: () => S,
    private hooks: ConnectionHooks<S>,
    private options: ConnectionOptions = {},
  ) {}

  /** The socket, once `ready` has run on it; null while (re)connecting. */
  get socket(): S | null {
    return this.isReady && this.current?.connected ? this.current : null;
  }

  /** The socket even before `ready` (for calls made inside it). */
  get raw(): S | null {
    return this.current;
  }

  /** Opens the socket, or asks a disconnected one to try again now. */
  start(): void {
    if (this.current) {
      if (!this.current.connected) this.current.connect();
      return;
    }
    this.hooks.status("connecting");
    const socket = this.open();
    this.current = socket;
    this.hooks.listen?.(socket);
    socket.on("connect", () => void this.connected(socket));
    socket.on("disconnect", (reason) => {
      this.isReady = false;
      this.hooks.status("reconnecting");
      // The server closed us on purpose (e.g. a restart): socket.io will not retry by itself.
      const delay = this.options.restartDelayMs ?? 1000;
      if (reason === "io server disconnect") setTimeout(() => this.current === socket && socket.connect(), delay);
    });
    socket.on("connect_error", (err) => {
      if ((this.options.refusal ?? REFUSAL).test(err.message)) this.refuse(err.message);
      else this.hooks.status("reconnecting");
    });
    socket.io.on("reconnect_attempt", () => this.hooks.status("reconnecting"));
  }

  /** Closes the socket for good (logout, a refused token). */
  stop(): void {
    this.current?.disconnect();
    this.current = null;
    this.isReady = false;
  }

  private async connected(socket: S): Promise<void> {
    try {
      await this.hooks.ready?.(socket);
      if (this.current !== socket || !socket.connected) return;
      this.isReady = true;
      this.hooks.status("online");
      this.hooks.online?.(socket);
    } catch (e) {
      if (e instanceof RequestError && e.code === "unauthorized") this.refuse(e.message);
      else this.hooks.failed?.(e);
    }
  }

  private refuse(message: string): void {
    this.stop();
    this.hooks.status("idle");
    this.hooks.refused(message);
  }
}
