import { useState, type KeyboardEvent, type ReactNode } from "react";
import type { Availability } from "@webchat/shared";
import { useFocusWhenShown } from "../focus";
import { useI18n } from "../i18n/context";
import { AvailabilityLine } from "./Availability";

export function whatsappLink(number: string): string {
  return `https://wa.me/${number.replace(/[^0-9]/g, "")}`;
}

/** Landing page with a floating chat menu: chat here, or WhatsApp when configured. Escape closes the chat. */
export function Landing({
  title,
  availability,
  whatsappNumber,
  chatOpen,
  onOpenChat,
  onCloseChat,
  chat,
}: {
  title: string;
  availability: Availability | null;
  whatsappNumber: string | null;
  chatOpen: boolean;
  onOpenChat: () => void;
  onCloseChat: () => void;
  chat: ReactNode;
}) {
  const { t } = useI18n();
  const [menuOpen, setMenuOpen] = useState(false);
  // the keyboard comes back to the chat button when the chat closes
  const fab = useFocusWhenShown<HTMLButtonElement>(!chatOpen);
  function escape(e: KeyboardEvent) {
    if (e.key === "Escape" && !e.defaultPrevented) onCloseChat();
  }
  return (
    <div className="landing">
      <header className="landing-nav">
        <span className="brand" dir="auto">
          {title}
        </span>
        <a href="/chat">{t("landing.fullPage")}</a>
      </header>
      <main className="landing-hero">
        <h1>{t("landing.title")}</h1>
        <p>{t("landing.text")}</p>
        {availability && <AvailabilityLine availability={availability} className="landing-availability" />}
        <button type="button" className="primary large" onClick={onOpenChat}>
          {t("landing.start")}
        </button>
      </main>
      {chatOpen ? (
        <div className="chat-popup" onKeyDown={escape}>
          {chat}
        </div>
      ) : (
        <div className="fab">
          {menuOpen && (
            <div className="fab-menu" id="chat-menu" role="group" aria-label={t("landing.menu")}>
              <button
                type="button"
                onClick={() => {
                  setMenuOpen(false);
                  onOpenChat();
                }}
              >
                {t("landing.chatHere")}
              </button>
              {whatsappNumber && (
                <a href={whatsappLink(whatsappNumber)} target="_blank" rel="noopener noreferrer">
                  {t("landing.whatsapp")}
                </a>
              )}
            </div>
          )}
          <button
            ref={fab}
            type="button"
            className="fab-button primary"
            aria-expanded={menuOpen}
            aria-controls="chat-menu"
            onClick={() => setMenuOpen((v) => !v)}
          >
            {menuOpen ? t("landing.hideOptions") : t("landing.chatWithUs")}
          </button>
        </div>
      )}
    </div>
  );
}
