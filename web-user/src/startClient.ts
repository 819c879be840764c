// Starting the visitor's client in a page: the browser's storage, a socket to
// this server, this server's availability, and the browser's online/offline
// events.
import { openSocket, RestClient, type ChatSocket, type OpenOptions } from "@webchat/shared";
import { ChatClient, type ChatClientDeps } from "./chatClient";

export function startClient(
  options: Pick<ChatClientDeps, "site" | "keyPrefix" | "identity" | "page" | "locale"> & { socket?: OpenOptions },
): ChatClient {
  const api = new RestClient();
  const client = new ChatClient({
    storage: window.localStorage,
    open: (getToken) => openSocket<ChatSocket>(getToken, options.socket),
    site: options.site,
    keyPrefix: options.keyPrefix,
    identity: options.identity,
    page: options.page,
    locale: options.locale,
    availability: () => api.availability(),
  });
  client.init();
  window.addEventListener("online", () => client.setBrowserOnline(true));
  window.addEventListener("offline", () => client.setBrowserOnline(false));
  return client;
}
