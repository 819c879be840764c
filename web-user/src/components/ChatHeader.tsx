import type { ChatState } from "../chatClient";
import type { Translate } from "../i18n";
import { useI18n } from "../i18n/context";
import { AvailabilityLine } from "./Availability";

function statusLine(t: Translate, s: ChatState["session"]): string | null {
  if (!s) return null;
  switch (s.status) {
    case "bot_pending":
      return t("status.bot");
    case "queued_for_agent":
      return t("status.queued");
    case "active_with_agent":
      return s.agentDisplayName ? t("status.agent", { name: s.agentDisplayName }) : t("status.agentUnnamed");
    default:
      return t("status.closed");
  }
}

/** The chat's title, who I am talking to, and, while no agent is with me, whether someone can answer now. */
export function ChatHeader({ title, state, onClose }: { title: string; state: ChatState; onClose?: () => void }) {
  const { t } = useI18n();
  const s = state.session;
  const status = state.view === "chat" ? statusLine(t, s) : null;
  const showAvailability = state.availability && s?.status !== "active_with_agent" && s?.status !== "closed";
  return (
    <header className="chat-header">
      <div className="chat-heading">
        <h2 dir="auto">{title}</h2>
        {status && <p className="chat-status">{status}</p>}
        {showAvailability && <AvailabilityLine availability={state.availability!} />}
      </div>
      {onClose && (
        <button type="button" className="ghost on-dark" onClick={onClose}>
          {t("chat.close")}
        </button>
      )}
    </header>
  );
}
