// An earlier (or any) conversation, read-only: the transcript from
// `GET /api/sessions/{id}/messages` in a dialog, no composer. From a search
// result it scrolls to the matched message and marks it.
import { useEffect, useId, useState } from "react";
import { channelName, errorText, STATUS_TEXT, type Message, type Session, type SessionDetails } from "@webchat/shared";
import { Modal } from "@webchat/shared/ui";
import type { WorkspaceApi } from "../workspaceApi";
import { MessageList } from "./MessageList";
import { CsatRating } from "./SessionBadges";

export function TranscriptDialog({
  api,
  sessionId,
  title,
  highlightSeq,
  onClose,
}: {
  api: Pick<WorkspaceApi, "transcript">;
  sessionId: string;
  title: string;
  highlightSeq?: number;
  onClose: () => void;
}) {
  const titleId = useId();
  const [data, setData] = useState<{ session: Session; messages: Message[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    api.transcript(sessionId).then(
      (d) => live && setData(d),
      (e) => live && setError(errorText(e, "Could not load the conversation.")),
    );
    return () => {
      live = false;
    };
  }, [api, sessionId, attempt]);

  useEffect(() => {
    if (!data || !highlightSeq) return;
    document.querySelector(`.transcript [data-seq="${highlightSeq}"]`)?.scrollIntoView?.({ block: "center" });
  }, [data, highlightSeq]);

  const s = data?.session as (Session & Partial<SessionDetails>) | undefined;
  return (
    <Modal titleId={titleId} onClose={onClose} className="transcript">
      <div className="transcript-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {s && (
        <p className="muted">
          {channelName(s.channel)} · {STATUS_TEXT[s.status]} · started {new Date(s.createdAt).toLocaleString()}
          {s.agentDisplayName ? ` · with ${s.agentDisplayName}` : ""} · read-only
        </p>
      )}
      {s?.csat && (
        <p>
          The visitor’s rating: <CsatRating csat={s.csat} />
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}{" "}
          <button type="button" className="link-button" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </p>
      )}
      {!data && !error && <p role="status">Loading the conversation…</p>}
      {data && (
        <MessageList
          messages={data.messages}
          pending={[]}
          visitorName={data.session.userDisplayName}
          highlightSeq={highlightSeq}
          scroll={false}
        />
      )}
    </Modal>
  );
}
