import type { ConnectionStatus } from "@webchat/shared";
import { useI18n } from "../i18n/context";

/** Tells the visitor when the chat is offline and reconnecting. */
export function ConnectionBanner({ connection, browserOnline }: { connection: ConnectionStatus; browserOnline: boolean }) {
  const { t } = useI18n();
  if (!browserOnline) {
    return (
      <div className="banner banner-offline" role="status">
        {t("banner.browserOffline")}
      </div>
    );
  }
  if (connection === "reconnecting" || connection === "connecting") {
    return (
      <div className="banner banner-reconnecting" role="status">
        {connection === "connecting" ? t("banner.connecting") : t("banner.reconnecting")}
      </div>
    );
  }
  return null;
}
