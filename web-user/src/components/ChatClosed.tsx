import { useState } from "react";
import type { SessionDetails } from "@webchat/shared";
import { ENTRY, useFocusWhenShown } from "../focus";
import { useI18n } from "../i18n/context";
import { EmailForm } from "./EmailForm";
import { Rating } from "./Rating";

/** The chat has ended: rate it, have the transcript mailed, or start a new one. */
export function ChatClosed({
  session,
  email,
  onRate,
  onEmailTranscript,
  onNewChat,
}: {
  session: SessionDetails;
  email: string | null;
  onRate: (rating: number, comment: string) => Promise<void>;
  onEmailTranscript: (email: string) => Promise<void>;
  onNewChat: () => void;
}) {
  const { t } = useI18n();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const sent = useFocusWhenShown<HTMLParagraphElement>(!!sentTo);
  return (
    <section className="chat-closed" aria-labelledby="closed-title">
      <p id="closed-title" className="closed-title" tabIndex={-1} {...ENTRY}>
        {t("closed.ended")}
      </p>
      <Rating session={session} onRate={onRate} />
      <div className="transcript">
        <h3>{t("transcript.heading")}</h3>
        {sentTo ? (
          <p ref={sent} tabIndex={-1}>
            {t("transcript.sent", { email: sentTo })}
          </p>
        ) : (
          <EmailForm
            id="transcript-email"
            label={t("transcript.email")}
            submitLabel={t("transcript.send")}
            initial={email}
            onSubmit={async (to) => {
              await onEmailTranscript(to);
              setSentTo(to);
            }}
          />
        )}
      </div>
      <button type="button" className="primary" onClick={onNewChat}>
        {t("closed.newChat")}
      </button>
    </section>
  );
}
