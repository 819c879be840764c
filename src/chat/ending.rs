//! Ending a chat: the visitor asks and the agent accepts or declines, or
//! someone with the right ends it at once; then the summary.

use tracing::instrument;
use uuid::Uuid;

use super::{
    ChatService,
    notify::{Notice, QueueRemoveReason},
    rules,
    service::{MAX_HISTORY, ender},
};
use crate::{
    domain::{
        locale::Phrase,
        model::{Channel, EndedBy, Session, SessionStatus, Summary, User},
    },
    error::{AppError, AppResult},
    store::{EndRequest, EndRequestOutcome, StoreError, Transition},
};
use SessionStatus::*;

impl ChatService {
    #[instrument(skip_all, fields(session.id = %session_id))]
    pub async fn request_end(&self, actor: &User, session_id: Uuid) -> AppResult<EndRequest> {
        let session = self.session(session_id).await?;
        rules::can_request_end(actor, &session)?;
        let text = Phrase::AskedToEnd {
            who: &actor.display_name,
        }
        .text(session.locale.unwrap_or_default());
        let result = self
            .inner
            .store
            .request_end(session_id, ender(actor), Some(text))
            .await?;
        if result.request.created {
            if let Some(m) = result.system_message {
                self.notify(Notice::MessageNew(m)).await;
            }
            let r = &result.request;
            self.notify(Notice::EndRequested {
                session_id,
                request_id: r.id,
                requested_by: r.requested_by,
            })
            .await;
        }
        Ok(result.request)
    }

    #[instrument(skip_all, fields(session.id = %session_id))]
    pub async fn decline_end(&self, actor: &User, session_id: Uuid) -> AppResult<Session> {
        let session = self.session(session_id).await?;
        rules::can_answer_end(actor, &session)?;
        let text = Phrase::WouldContinue {
            who: &actor.display_name,
        }
        .text(session.locale.unwrap_or_default());
        let result = self
            .inner
            .store
            .decline_end(session_id, Some(text))
            .await
            .map_err(|e| match e {
                StoreError::NotFound => AppError::conflict("no end request is pending"),
                other => other.into(),
            })?;
        if let Some(m) = result.system_message {
            self.notify(Notice::MessageNew(m)).await;
        }
        self.notify(Notice::EndDeclined { session_id }).await;
        self.session(session_id).await
    }

    #[instrument(skip_all, fields(session.id = %session_id))]
    pub async fn accept_end(&self, actor: &User, session_id: Uuid) -> AppResult<Session> {
        let session = self.session(session_id).await?;
        rules::can_answer_end(actor, &session)?;
        if self
            .inner
            .store
            .pending_end_request(session_id)
            .await?
            .is_none()
        {
            return Err(AppError::conflict("no end request is pending"));
        }
        let text = Phrase::Ended.text(session.locale.unwrap_or_default());
        self.end(session, EndedBy::User, EndRequestOutcome::Accepted, text)
            .await
    }

    /// Ends a chat at once (an agent, or the visitor while no agent is in it).
    #[instrument(skip_all, fields(session.id = %session_id))]
    pub async fn close(&self, actor: &User, session_id: Uuid) -> AppResult<Session> {
        let session = self.session(session_id).await?;
        if !rules::can_close(actor, &session)? {
            return Ok(session);
        }
        let text = Phrase::EndedBy {
            who: &actor.display_name,
        }
        .text(session.locale.unwrap_or_default());
        self.end(session, ender(actor), EndRequestOutcome::Superseded, text)
            .await
    }

    /// Closes the chats still with the bot that have had no message for
    /// `idle` (the system ends them; each once, whichever node sees it
    /// first). How many it closed.
    pub async fn close_idle(&self, idle: std::time::Duration) -> AppResult<usize> {
        let before = chrono::Utc::now() - chrono::Duration::from_std(idle).unwrap_or_default();
        let ids = self.inner.store.idle_bot_sessions(before, 100).await?;
        let minutes = (idle.as_secs() / 60).max(1);
        let mut closed = 0;
        for id in ids {
            let session = self.session(id).await?;
            if session.status != BotPending {
                continue;
            }
            let text = Phrase::IdleClosed { minutes }.text(session.locale.unwrap_or_default());
            let done = self
                .end_from(
                    &[BotPending],
                    session,
                    EndedBy::System,
                    EndRequestOutcome::Superseded,
                    text,
                )
                .await?;
            closed += usize::from(done.status == Closed);
        }
        Ok(closed)
    }

    async fn end(
        &self,
        session: Session,
        ended_by: EndedBy,
        outcome: EndRequestOutcome,
        text: String,
    ) -> AppResult<Session> {
        let open = &[BotPending, QueuedForAgent, ActiveWithAgent];
        self.end_from(open, session, ended_by, outcome, text).await
    }

    /// Closes the session if it is still in one of `from`.
    async fn end_from(
        &self,
        from: &'static [SessionStatus],
        session: Session,
        ended_by: EndedBy,
        outcome: EndRequestOutcome,
        text: String,
    ) -> AppResult<Session> {
        // A WhatsApp chat that reached the team asks for a rating (a digit answers).
        let ask_rating = session.channel == Channel::Whatsapp && session.queued_at.is_some();
        let text = if ask_rating {
            let question = Phrase::CsatQuestion.text(session.locale.unwrap_or_default());
            format!("{text}\n\n{question}")
        } else {
            text
        };
        let change = Transition {
            ended_by: Some(ended_by),
            system_text: Some(text),
            end_request: Some(outcome),
            ..Transition::new(session.id, from, Closed)
        };
        let done = match self.inner.store.transition(change).await {
            Ok(done) => done,
            Err(StoreError::Conflict(_)) => return self.session(session.id).await,
            Err(e) => return Err(e.into()),
        };
        self.announce_change(&done).await;
        if ask_rating {
            self.inner.store.csat_asked(session.id).await?;
        }
        if session.status == QueuedForAgent {
            self.notify(Notice::QueueRemove {
                session_id: session.id,
                reason: QueueRemoveReason::Closed,
            })
            .await;
            self.wake_positions();
        }
        if let Some(agent_id) = session
            .agent_id
            .filter(|_| session.status == ActiveWithAgent)
        {
            // The agent has room for the next chat.
            self.announce_load(agent_id).await?;
            self.wake_router();
        }
        self.notify(Notice::SessionClosed {
            session_id: session.id,
            ended_by,
            summary: None,
        })
        .await;
        let this = self.clone();
        let requested_by = done.end_requested_by;
        self.inner.tasks.spawn(async move {
            if let Err(e) = this.summarize(session.id, requested_by).await {
                e.log();
            }
        });
        Ok(done.session)
    }

    /// Writes (once) and announces the summary of a closed session.
    pub async fn summarize(
        &self,
        session_id: Uuid,
        end_requested_by: Option<EndedBy>,
    ) -> AppResult<Summary> {
        let session = self.session(session_id).await?;
        let transcript = self
            .inner
            .store
            .messages_after(session_id, 0, MAX_HISTORY)
            .await?;
        let text = self.inner.summarizer.summarize(&session, &transcript).await;
        let summary = Summary {
            session_id,
            user_display_name: session.user_display_name.clone(),
            agent_display_name: session.agent_display_name.clone(),
            summary: text.summary,
            topics: text.topics,
            message_count: transcript.len() as i64,
            started_at: session.created_at,
            ended_at: session.closed_at.unwrap_or(session.created_at),
            ended_by: session.ended_by.unwrap_or(EndedBy::System),
            end_requested_by,
        };
        let saved = self.inner.store.save_summary(summary).await?;
        self.notify(Notice::SummaryReady(saved.clone())).await;
        Ok(saved)
    }

    /// Summarizes sessions closed while the process was down (at start).
    pub async fn backfill_summaries(&self) -> AppResult<usize> {
        let missing = self.inner.store.closed_without_summary(1000).await?;
        for id in &missing {
            let requested = None;
            self.summarize(*id, requested).await?;
        }
        Ok(missing.len())
    }
}
