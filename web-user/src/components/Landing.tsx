import { useState, type ReactNode } from "react";

export function whatsappLink(number: string): string {
  return `https://wa.me/${number.replace(/[^0-9]/g, "")}`;
}

/** Landing page with a floating chat menu: chat here, or WhatsApp when configured. */
export function Landing({
  whatsappNumber,
  chatOpen,
  onOpenChat,
  chat,
}: {
  whatsappNumber: string | null;
  chatOpen: boolean;
  onOpenChat: () => void;
  chat: ReactNode;
}) {
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <div className="landing">
      <header className="landing-nav">
        <span className="brand">Webchat</span>
        <a href="/chat">Open full-page chat</a>
      </header>
      <main className="landing-hero">
        <h1>Questions? We are here to help.</h1>
        <p>
          Ask our assistant anything about our site. It answers straight away with links to its
          sources, and you can talk to a person whenever you want.
        </p>
        <button type="button" className="primary large" onClick={onOpenChat}>
          Start a conversation
        </button>
      </main>
      {chatOpen ? (
        <div className="chat-popup">{chat}</div>
      ) : (
        <div className="fab">
          {menuOpen && (
            <div className="fab-menu" id="chat-menu">
              <button
                type="button"
                onClick={() => {
                  setMenuOpen(false);
                  onOpenChat();
                }}
              >
                Chat here
              </button>
              {whatsappNumber && (
                <a href={whatsappLink(whatsappNumber)} target="_blank" rel="noopener noreferrer">
                  WhatsApp
                </a>
              )}
            </div>
          )}
          <button
            type="button"
            className="fab-button primary"
            aria-expanded={menuOpen}
            aria-controls="chat-menu"
            onClick={() => setMenuOpen((v) => !v)}
          >
            {menuOpen ? "Hide chat options" : "Chat with us"}
          </button>
        </div>
      )}
    </div>
  );
}
