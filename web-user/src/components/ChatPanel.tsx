import { useEffect, useRef } from "react";
import type { Attachment, AttachmentLimits, SessionDetails, Uploader } from "@webchat/shared";
import type { ChatState, Typing } from "../chatClient";
import { focusEntry } from "../focus";
import type { Translate } from "../i18n";
import { useI18n } from "../i18n/context";
import { DEFAULT_TITLE } from "../look";
import { HandoffButton } from "./Availability";
import { ChatClosed } from "./ChatClosed";
import { ChatHeader } from "./ChatHeader";
import { Composer } from "./Composer";
import { ConnectionBanner } from "./ConnectionBanner";
import { MessageList } from "./MessageList";
import { OfflineForm } from "./OfflineForm";
import { QueueStatus } from "./QueueStatus";
import { StartForm } from "./StartForm";

export interface ChatActions {
  start: (name: string) => void;
  send: (text: string, attachments?: Attachment[]) => void;
  discard: (clientMsgId: string) => void;
  requestHuman: () => void;
  endChat: () => void;
  newChat: () => void;
  setTyping: (isTyping: boolean) => void;
  /** Where an offline answer should go; rejects with what the server answered. */
  leaveEmail: (email: string) => Promise<void>;
  /** The closed chat's rating (1–5) and optional comment; rejects with what the server answered. */
  rate: (rating: number, comment: string) => Promise<void>;
  emailTranscript: (email: string) => Promise<void>;
  /** Uploads to the open session (null while offline); absent: the composer takes no files. */
  uploader?: (limits: AttachmentLimits) => Uploader | null;
}

const NOTICES = { resumeFailed: "notice.resumeFailed", nameRequired: "notice.nameRequired" } as const;

function typingText(t: Translate, typing: Typing): string {
  if (typing.senderType === "bot") return t("typing.bot");
  return typing.name ? t("typing.agent", { name: typing.name }) : t("typing.agentUnnamed");
}

/**
 * Which step the chat is at. The keyboard goes to the step's entry field
 * when the chat is first shown, and at each later step while the keyboard
 * is in the chat (or was in what the step removed), never away from the
 * host page or the rest of the page.
 */
function stepOf(state: ChatState): string | null {
  const s = state.session;
  if (state.view === "form") return "form";
  if (!s) return null;
  return `${s.status === "closed" ? "closed" : "chat"}:${s.id}`;
}

/** The whole chat: start form, conversation, actions and composer, and after the chat its rating and transcript. */
export function ChatPanel({
  state,
  actions,
  onClose,
  limits = {},
  title = DEFAULT_TITLE,
  greeting = "",
}: {
  state: ChatState;
  actions: ChatActions;
  onClose?: () => void;
  /** What files the server takes (`/api/config`). */
  limits?: AttachmentLimits;
  /** The console's widget settings. */
  title?: string;
  greeting?: string;
}) {
  const { t } = useI18n();
  const root = useRef<HTMLElement>(null);
  const shown = useRef(false);
  const step = stepOf(state);
  useEffect(() => {
    if (!step) return;
    const active = document.activeElement;
    const inChat = !active || active === document.body || !!root.current?.contains(active);
    if (!shown.current || (document.hasFocus() && inChat)) focusEntry(root.current);
    shown.current = true;
  }, [step]);

  const s = state.session;
  const closed = s?.status === "closed";
  const queued = s?.status === "queued_for_agent";
  return (
    <section className="chat" aria-label={t("chat.region")} ref={root}>
      <ChatHeader title={title} state={state} onClose={onClose} />
      {state.view === "chat" && <ConnectionBanner connection={state.connection} browserOnline={state.browserOnline} />}
      {state.notice && (
        <div className="banner banner-info" role="status">
          {t(NOTICES[state.notice])}
        </div>
      )}
      {state.view === "form" ? (
        <StartForm
          initialName={state.displayName}
          signedInAs={state.identified ? state.identityName : null}
          greeting={greeting}
          starting={state.starting}
          onStart={actions.start}
        />
      ) : (
        <>
          {state.agentJoined && !closed && (
            <div className="banner banner-agent" role="status">
              {t("banner.agentJoined", { name: state.agentJoined })}
            </div>
          )}
          {queued && <QueueStatus queuePosition={state.queuePosition} />}
          {state.endRequest === "pending" && (
            <div className="banner banner-info" role="status">
              {t("banner.endPending")}
            </div>
          )}
          {state.endRequest === "declined" && (
            <div className="banner banner-warn" role="status">
              {t("banner.endDeclined")}
            </div>
          )}
          <MessageList key={s?.id} messages={state.messages} pending={state.pending} drafts={state.drafts} onDiscard={actions.discard} />
          {/* a bot answer being written says so itself */}
          {state.typing && !(state.typing.senderType === "bot" && state.drafts.length > 0) && (
            <p className="typing" role="status">
              {typingText(t, state.typing)}
            </p>
          )}
          {queued && state.offline && <OfflineForm offline={state.offline} email={state.email} onLeaveEmail={actions.leaveEmail} />}
          {state.error && (
            <div className="banner banner-error" role="alert">
              {state.error}
            </div>
          )}
          {s && closed ? (
            <ChatClosed
              session={s as SessionDetails}
              email={state.email}
              onRate={actions.rate}
              onEmailTranscript={actions.emailTranscript}
              onNewChat={actions.newChat}
            />
          ) : (
            <>
              <div className="chat-actions">
                {s?.status === "bot_pending" && <HandoffButton availability={state.availability} onClick={actions.requestHuman} />}
                <button type="button" onClick={actions.endChat} disabled={!s || state.endRequest === "pending"}>
                  {t("chat.end")}
                </button>
              </div>
              <Composer
                onSend={actions.send}
                onTyping={actions.setTyping}
                disabled={!s}
                uploader={actions.uploader ? actions.uploader(limits) : undefined}
                limits={limits}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}
