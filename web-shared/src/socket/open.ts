// Opening a Socket.IO connection to the server that served the page.
import { io, type Socket } from "socket.io-client";

export interface OpenOptions {
  /** Namespace, e.g. "/admin"; default "/". */
  namespace?: string;
  /** The server's origin; default this page's. */
  url?: string;
  /** e.g. ["websocket", "polling"] to try WebSocket first. */
  transports?: ("websocket" | "polling")[];
}

/** Opens a socket whose handshake `auth` is re-read on every reconnection. */
export function openSocket<S extends Socket = Socket>(getToken: () => string | null, options: OpenOptions = {}): S {
  const base = options.url ?? window.location.origin;
  return io(base + (options.namespace && options.namespace !== "/" ? options.namespace : ""), {
    path: "/socket.io",
    auth: (cb) => {
      const token = getToken();
      cb(token ? { token } : {});
    },
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    ...(options.transports ? { transports: options.transports } : {}),
  }) as S;
}
