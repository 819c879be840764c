import type { OfflineAsk } from "../chatClient";
import { useFocusWhenShown } from "../focus";
import { useI18n } from "../i18n/context";
import { EmailForm } from "./EmailForm";

/** No one can take the chat now: where the answer should go, and when to expect it. The chat goes on meanwhile. */
export function OfflineForm({
  offline,
  email,
  onLeaveEmail,
}: {
  offline: OfflineAsk;
  email: string | null;
  onLeaveEmail: (email: string) => Promise<void>;
}) {
  const { t, when } = useI18n();
  const saved = useFocusWhenShown<HTMLParagraphElement>(!!offline.emailedTo);
  return (
    <section className="offline-ask banner banner-warn" aria-labelledby="offline-title">
      <p id="offline-title" className="offline-title">
        {t("offline.away")}
      </p>
      <p>{offline.nextOpenAt ? t("offline.until", { when: when(offline.nextOpenAt) }) : t("offline.soon")}</p>
      {offline.emailedTo ? (
        <p ref={saved} tabIndex={-1} className="offline-saved">
          {t("offline.saved", { email: offline.emailedTo })}
        </p>
      ) : (
        <EmailForm id="offline-email" label={t("offline.email")} submitLabel={t("offline.submit")} initial={email} onSubmit={onLeaveEmail} />
      )}
    </section>
  );
}
