//! Handing a chat to a human: the visitor asks, agents race, one wins.

use tracing::instrument;
use uuid::Uuid;

use super::{
    ChatService,
    notify::{Notice, QueueRemoveReason},
    rules,
    service::{MAX_HISTORY, PREVIEW},
};
use crate::{
    domain::{
        model::{Message, Session, SessionStatus, User},
        queue,
    },
    error::AppResult,
    store::{AgentChange, StoreError, Transition, Transitioned},
};
use SessionStatus::*;

impl ChatService {
    #[instrument(skip_all, fields(session.id = %session_id))]
    pub async fn request_handoff(&self, actor: &User, session_id: Uuid) -> AppResult<Session> {
        let session = self.session(session_id).await?;
        if !rules::can_request_handoff(actor, &session)? {
            return Ok(session);
        }
        let change = Transition {
            system_text: Some("You're in the queue. An agent will join shortly.".into()),
            ..Transition::new(session_id, &[BotPending], QueuedForAgent)
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
        self.notify(Notice::QueueNew(queue::item(done.session.clone(), preview)))
            .await;
        self.wake_router();
        Ok(done.session)
    }

    /// After losing a race on handoff: fine if the session is now queued.
    async fn retry_outcome(&self, actor: &User, session_id: Uuid) -> AppResult<Session> {
        let session = self.session(session_id).await?;
        rules::can_request_handoff(actor, &session)?;
        Ok(session)
    }

    pub(super) async fn announce_change(&self, done: &Transitioned) {
        if let Some(m) = &done.system_message {
            self.notify(Notice::MessageNew(m.clone())).await;
        }
        self.notify(Notice::SessionUpdate(done.session.clone()))
            .await;
    }

    /// Exactly one of any number of racing agents wins; the others learn who
    /// did. Claiming a chat one already has (routing gave it first, or a
    /// retry) answers with it and changes nothing.
    #[instrument(skip_all, fields(session.id = %session_id, agent.id = %actor.id))]
    pub async fn claim(
        &self,
        actor: &User,
        session_id: Uuid,
    ) -> AppResult<(Session, Vec<Message>)> {
        rules::can_work_queue(actor)?;
        let mut session = self.session(session_id).await?;
        if rules::can_claim(actor, &session)? {
            let change = Transition {
                agent: AgentChange::Set(actor.id),
                system_text: Some(format!("{} joined the chat.", actor.display_name)),
                ..Transition::new(session_id, &[QueuedForAgent], ActiveWithAgent)
            };
            session = match self.inner.store.transition(change).await {
                Ok(done) => {
                    self.announce_assigned(&done, actor, QueueRemoveReason::Claimed)
                        .await?;
                    self.wake_positions();
                    done.session
                }
                Err(StoreError::Conflict(_)) => {
                    let now = self.session(session_id).await?;
                    if rules::can_claim(actor, &now)? {
                        return Err(rules::taken_by(&now));
                    }
                    now
                }
                Err(e) => return Err(e.into()),
            };
        }
        let messages = self
            .inner
            .store
            .messages_after(session_id, 0, MAX_HISTORY)
            .await?;
        Ok((session, messages))
    }
}
