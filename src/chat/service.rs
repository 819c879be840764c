//! The transport-free chat service: every transport calls it, it checks the
//! rule (`rules`), commits through the store, then fans out (`Notifier`) and
//! starts follow-up work (bot replies, summaries). Nothing is announced before
//! it is committed.

use std::sync::Arc;

use tokio_util::task::TaskTracker;
use tracing::instrument;
use uuid::Uuid;

use super::{
    bot::Bot,
    fanout::{Fanout, Notifier, QueueRemoveReason},
    model::{
        Attachment, Channel, EndedBy, Message, QueueItem, Role, SenderType, Session, SessionStatus,
        Summary, User,
    },
    queue, rules,
    summary::Summarizer,
    validate,
};
use crate::{
    error::{AppError, AppResult},
    store::{
        Appended, EndRequest, EndRequestOutcome, NewMessage, NewSession, SessionFilter, Store,
        StoreError, Transition, Transitioned,
    },
};
use SessionStatus::*;

/// How many messages a queue entry previews.
pub const PREVIEW: i64 = 5;
/// The most messages one join or transcript call returns.
const MAX_HISTORY: i64 = 10_000;

#[derive(Clone)]
pub struct ChatService {
    inner: Arc<Inner>,
}

struct Inner {
    store: Arc<dyn Store>,
    notifier: Arc<dyn Notifier>,
    bot: Arc<dyn Bot>,
    summarizer: Arc<dyn Summarizer>,
    tasks: TaskTracker,
}

fn sender_type(actor: &User) -> SenderType {
    if actor.role.is_staff() {
        SenderType::Agent
    } else {
        SenderType::User
    }
}

fn ender(actor: &User) -> EndedBy {
    if actor.role.is_staff() {
        EndedBy::Agent
    } else {
        EndedBy::User
    }
}

impl ChatService {
    pub fn new(
        store: Arc<dyn Store>,
        notifier: Arc<dyn Notifier>,
        bot: Arc<dyn Bot>,
        summarizer: Arc<dyn Summarizer>,
    ) -> Self {
        let inner = Inner {
            store,
            notifier,
            bot,
            summarizer,
            tasks: TaskTracker::new(),
        };
        ChatService {
            inner: Arc::new(inner),
        }
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.inner.store
    }

    /// Background work (bot replies, summaries) still running; waited on at shutdown.
    pub fn tasks(&self) -> &TaskTracker {
        &self.inner.tasks
    }

    async fn notify(&self, event: Fanout) {
        self.inner.notifier.notify(event).await;
    }

    async fn session(&self, id: Uuid) -> AppResult<Session> {
        self.inner.store.get_session(id).await.map_err(|e| match e {
            StoreError::NotFound => AppError::not_found("no such session"),
            other => other.into(),
        })
    }

    /// A visitor's open sessions, or an agent's active chats.
    pub async fn sessions_of(&self, actor: &User) -> AppResult<Vec<Session>> {
        Ok(match actor.role {
            Role::User => self.inner.store.open_sessions_for_user(actor.id).await?,
            _ => self.inner.store.active_sessions_for_agent(actor.id).await?,
        })
    }

    pub async fn queue(&self) -> AppResult<Vec<QueueItem>> {
        Ok(self.inner.store.queue(PREVIEW).await?)
    }

    pub async fn list_sessions(
        &self,
        actor: &User,
        status: Option<SessionStatus>,
        limit: i64,
    ) -> AppResult<Vec<Session>> {
        if !actor.role.is_staff() {
            return Err(AppError::forbidden("only agents and admins list sessions"));
        }
        Ok(self
            .inner
            .store
            .list_sessions(SessionFilter { status, limit })
            .await?)
    }

    #[instrument(skip_all, fields(user.id = %actor.id))]
    pub async fn create_session(
        &self,
        actor: &User,
        channel: Channel,
        site: Option<&str>,
    ) -> AppResult<Session> {
        if actor.role != Role::User {
            return Err(AppError::forbidden("only visitors start chats"));
        }
        let site = site.map(validate::site).transpose()?;
        let session = self
            .inner
            .store
            .create_session(NewSession {
                user_id: actor.id,
                channel,
                site,
            })
            .await?;
        self.notify(Fanout::JoinRoom {
            user_id: actor.id,
            session_id: session.id,
        })
        .await;
        self.notify(Fanout::SessionUpdate(session.clone())).await;
        Ok(session)
    }

    /// The session and its messages after `after_seq` (all when `None`).
    #[instrument(skip_all, fields(session.id = %session_id))]
    pub async fn join(
        &self,
        actor: &User,
        session_id: Uuid,
        after_seq: Option<i64>,
    ) -> AppResult<(Session, Vec<Message>)> {
        let session = self.session(session_id).await?;
        rules::can_view(actor, &session)?;
        let after = after_seq.unwrap_or(0).max(0);
        let messages = self
            .inner
            .store
            .messages_after(session_id, after, MAX_HISTORY)
            .await?;
        Ok((session, messages))
    }

    /// A transcript for HTTP readers (see `rules::can_read_transcript`).
    pub async fn transcript(
        &self,
        actor: &User,
        session_id: Uuid,
        after_seq: Option<i64>,
    ) -> AppResult<(Session, Vec<Message>)> {
        let session = self.session(session_id).await?;
        rules::can_read_transcript(actor, &session)?;
        let after = after_seq.unwrap_or(0).max(0);
        let messages = self
            .inner
            .store
            .messages_after(session_id, after, MAX_HISTORY)
            .await?;
        Ok((session, messages))
    }

    /// Stores a message (once per `client_msg_id`) and announces it; in
    /// `bot_pending` the bot answers a visitor's message after the ack.
    #[instrument(skip_all, fields(session.id = %session_id))]
    pub async fn send(
        &self,
        actor: &User,
        session_id: Uuid,
        text: &str,
        client_msg_id: &str,
    ) -> AppResult<Message> {
        let text = validate::message_text(text)?;
        let mut message = NewMessage::text(session_id, sender_type(actor), text);
        message.client_msg_id = Some(validate::client_msg_id(client_msg_id)?);
        Ok(self.post(actor, message, true).await?.message)
    }

    /// A message from another channel (WhatsApp), stored once per provider id.
    #[instrument(skip_all, fields(session.id = %session_id))]
    pub async fn receive(
        &self,
        actor: &User,
        session_id: Uuid,
        text: &str,
        external_id: &str,
        attachments: Vec<Attachment>,
        wake_bot: bool,
    ) -> AppResult<Appended> {
        let text = if text.trim().is_empty() && !attachments.is_empty() {
            format!(
                "({} attachment{})",
                attachments.len(),
                if attachments.len() == 1 { "" } else { "s" }
            )
        } else {
            validate::message_text(text)?
        };
        let mut message = NewMessage::text(session_id, sender_type(actor), text);
        message.external_id = Some(external_id.to_string());
        message.attachments = (!attachments.is_empty()).then_some(attachments);
        self.post(actor, message, wake_bot).await
    }

    /// A system message (a reply to a channel command), stored and announced.
    pub async fn system_note(&self, session_id: Uuid, text: String) -> AppResult<()> {
        let message = NewMessage::text(session_id, SenderType::System, text);
        let appended = self.inner.store.append_message(message).await?;
        self.notify(Fanout::MessageNew(appended.message)).await;
        Ok(())
    }

    /// Checks the rule, stores, announces; in `bot_pending` the bot answers a
    /// visitor's message after the ack.
    async fn post(
        &self,
        actor: &User,
        mut message: NewMessage,
        wake_bot: bool,
    ) -> AppResult<Appended> {
        let session = self.session(message.session_id).await?;
        rules::can_send(actor, &session)?;
        message.sender_id = Some(actor.id);
        message.sender_name = Some(actor.display_name.clone());
        let appended = self
            .inner
            .store
            .append_message(message)
            .await
            .map_err(|e| match e {
                StoreError::Conflict(_) => AppError::conflict("the session is closed"),
                other => other.into(),
            })?;
        if !appended.duplicate {
            self.notify(Fanout::MessageNew(appended.message.clone()))
                .await;
            if wake_bot && session.status == BotPending && actor.role == Role::User {
                let this = self.clone();
                let question = appended.message.clone();
                self.inner
                    .tasks
                    .spawn(async move { this.answer(question).await });
            }
        }
        Ok(appended)
    }

    /// The bot's reply to one visitor message; keyed by that message so a
    /// repeated run never stores two replies.
    async fn answer(&self, question: Message) {
        let result: AppResult<()> = async {
            let session = self.session(question.session_id).await?;
            if session.status != BotPending {
                return Ok(());
            }
            let from = (question.seq - 20).max(0);
            let history = self
                .inner
                .store
                .messages_after(session.id, from, 40)
                .await?;
            let Some(reply) = self
                .inner
                .bot
                .reply(&session, &history, &question.text)
                .await
            else {
                return Ok(());
            };
            let appended = self
                .inner
                .store
                .append_message(NewMessage {
                    sender_name: Some("Assistant".into()),
                    client_msg_id: Some(format!("bot:{}", question.id)),
                    citations: (!reply.citations.is_empty()).then_some(reply.citations),
                    ..NewMessage::text(session.id, SenderType::Bot, reply.text)
                })
                .await?;
            if !appended.duplicate {
                self.notify(Fanout::MessageNew(appended.message)).await;
            }
            Ok(())
        }
        .await;
        if let Err(e) = result
            && e.code != crate::error::ErrorCode::Conflict
        {
            e.log();
        }
    }

    #[instrument(skip_all, fields(session.id = %session_id))]
    pub async fn request_handoff(&self, actor: &User, session_id: Uuid) -> AppResult<Session> {
        let session = self.session(session_id).await?;
        if !rules::can_request_handoff(actor, &session)? {
            return Ok(session);
        }
        let change = Transition {
            session_id,
            from: &[BotPending],
            to: QueuedForAgent,
            agent_id: None,
            ended_by: None,
            system_text: Some("You're in the queue. An agent will join shortly.".into()),
            end_request: None,
        };
        let done = match self.inner.store.transition(change).await {
            Ok(done) => done,
            Err(StoreError::Conflict(_)) => return self.retry_outcome(actor, session_id).await,
            Err(e) => return Err(e.into()),
        };
        self.announce_change(&done).await;
        let preview = self
            .inner
            .store
            .messages_after(
                session_id,
                (done.session.last_seq - PREVIEW).max(0),
                PREVIEW,
            )
            .await?;
        self.notify(Fanout::QueueNew(queue::item(done.session.clone(), preview)))
            .await;
        Ok(done.session)
    }

    /// After losing a race on handoff: fine if the session is now queued.
    async fn retry_outcome(&self, actor: &User, session_id: Uuid) -> AppResult<Session> {
        let session = self.session(session_id).await?;
        rules::can_request_handoff(actor, &session)?;
        Ok(session)
    }

    async fn announce_change(&self, done: &Transitioned) {
        if let Some(m) = &done.system_message {
            self.notify(Fanout::MessageNew(m.clone())).await;
        }
        self.notify(Fanout::SessionUpdate(done.session.clone()))
            .await;
    }

    /// Exactly one of any number of racing agents wins; the others learn who did.
    #[instrument(skip_all, fields(session.id = %session_id, agent.id = %actor.id))]
    pub async fn claim(
        &self,
        actor: &User,
        session_id: Uuid,
    ) -> AppResult<(Session, Vec<Message>)> {
        rules::can_work_queue(actor)?;
        let session = self.session(session_id).await?;
        rules::can_claim(actor, &session)?;
        let change = Transition {
            session_id,
            from: &[QueuedForAgent],
            to: ActiveWithAgent,
            agent_id: Some(actor.id),
            ended_by: None,
            system_text: Some(format!("{} joined the chat.", actor.display_name)),
            end_request: None,
        };
        let done = match self.inner.store.transition(change).await {
            Ok(done) => done,
            Err(StoreError::Conflict(_)) => {
                let now = self.session(session_id).await?;
                return Err(rules::can_claim(actor, &now)
                    .err()
                    .unwrap_or_else(|| rules::taken_by(&now)));
            }
            Err(e) => return Err(e.into()),
        };
        self.notify(Fanout::JoinRoom {
            user_id: actor.id,
            session_id,
        })
        .await;
        self.announce_change(&done).await;
        self.notify(Fanout::HandoffAccepted {
            session_id,
            agent: actor.clone(),
        })
        .await;
        self.notify(Fanout::QueueRemove {
            session_id,
            reason: QueueRemoveReason::Claimed,
        })
        .await;
        let messages = self
            .inner
            .store
            .messages_after(session_id, 0, MAX_HISTORY)
            .await?;
        Ok((done.session, messages))
    }

    #[instrument(skip_all, fields(session.id = %session_id))]
    pub async fn request_end(&self, actor: &User, session_id: Uuid) -> AppResult<EndRequest> {
        let session = self.session(session_id).await?;
        rules::can_request_end(actor, &session)?;
        let text = format!("{} asked to end the chat.", actor.display_name);
        let result = self
            .inner
            .store
            .request_end(session_id, ender(actor), Some(text))
            .await?;
        if result.request.created {
            if let Some(m) = result.system_message {
                self.notify(Fanout::MessageNew(m)).await;
            }
            let r = &result.request;
            self.notify(Fanout::EndRequested {
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
        let text = format!("{} would like to continue the chat.", actor.display_name);
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
            self.notify(Fanout::MessageNew(m)).await;
        }
        self.notify(Fanout::EndDeclined { session_id }).await;
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
        self.end(
            session,
            EndedBy::User,
            EndRequestOutcome::Accepted,
            "The chat has ended.".into(),
        )
        .await
    }

    /// Ends a chat at once (an agent, or the visitor while no agent is in it).
    #[instrument(skip_all, fields(session.id = %session_id))]
    pub async fn close(&self, actor: &User, session_id: Uuid) -> AppResult<Session> {
        let session = self.session(session_id).await?;
        if !rules::can_close(actor, &session)? {
            return Ok(session);
        }
        let text = format!("{} ended the chat.", actor.display_name);
        self.end(session, ender(actor), EndRequestOutcome::Superseded, text)
            .await
    }

    async fn end(
        &self,
        session: Session,
        ended_by: EndedBy,
        outcome: EndRequestOutcome,
        text: String,
    ) -> AppResult<Session> {
        let change = Transition {
            session_id: session.id,
            from: &[BotPending, QueuedForAgent, ActiveWithAgent],
            to: Closed,
            agent_id: None,
            ended_by: Some(ended_by),
            system_text: Some(text),
            end_request: Some(outcome),
        };
        let done = match self.inner.store.transition(change).await {
            Ok(done) => done,
            Err(StoreError::Conflict(_)) => return self.session(session.id).await,
            Err(e) => return Err(e.into()),
        };
        self.announce_change(&done).await;
        if session.status == QueuedForAgent {
            self.notify(Fanout::QueueRemove {
                session_id: session.id,
                reason: QueueRemoveReason::Closed,
            })
            .await;
        }
        self.notify(Fanout::SessionClosed {
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
        self.notify(Fanout::SummaryReady(saved.clone())).await;
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

    pub async fn typing(&self, actor: &User, session_id: Uuid, is_typing: bool) -> AppResult<()> {
        let session = self.session(session_id).await?;
        rules::can_send(actor, &session)?;
        self.notify(Fanout::Typing {
            session_id,
            from_user: actor.id,
            sender_type: sender_type(actor),
            is_typing,
        })
        .await;
        Ok(())
    }

    pub async fn read(&self, actor: &User, session_id: Uuid, seq: i64) -> AppResult<()> {
        let session = self.session(session_id).await?;
        rules::can_view(actor, &session)?;
        if seq < 0 || seq > session.last_seq {
            return Err(AppError::invalid("seq is beyond the last message"));
        }
        self.notify(Fanout::Read {
            session_id,
            from_user: actor.id,
            seq,
            reader_type: sender_type(actor),
        })
        .await;
        Ok(())
    }
}
