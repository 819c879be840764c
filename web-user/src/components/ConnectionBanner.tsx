import type { ConnectionStatus } from "@webchat/shared";

/** Tells the visitor when the chat is offline and reconnecting. */
export function ConnectionBanner({ connection, browserOnline }: { connection: ConnectionStatus; browserOnline: boolean }) {
  if (!browserOnline) {
    return (
      <div className="banner banner-offline" role="status">
        You are offline. Messages will be sent when the connection is back.
      </div>
    );
  }
  if (connection === "reconnecting" || connection === "connecting") {
    return (
      <div className="banner banner-reconnecting" role="status">
        {connection === "connecting" ? "Connecting…" : "Connection lost. Reconnecting…"}
      </div>
    );
  }
  return null;
}
