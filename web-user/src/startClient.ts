// Starting the visitor's client in a page: the browser's storage, a socket to
// this server, and the browser's online/offline events.
import { openSocket, type ChatSocket, type OpenOptions } from "@webchat/shared";
import { ChatClient, type ChatClientDeps } from "./chatClient";

export function startClient(
  options: Pick<ChatClientDeps, "site" | "keyPrefix" | "identity" | "page"> & { socket?: OpenOptions },
): ChatClient {
  const client = new ChatClient({
    storage: window.localStorage,
    open: (getToken) => openSocket<ChatSocket>(getToken, options.socket),
    site: options.site,
    keyPrefix: options.keyPrefix,
    identity: options.identity,
    page: options.page,
  });
  client.init();
  window.addEventListener("online", () => client.setBrowserOnline(true));
  window.addEventListener("offline", () => client.setBrowserOnline(false));
  return client;
}
