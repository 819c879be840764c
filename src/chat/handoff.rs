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
    store::{StoreError, Transition, Transitioned},
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
        self.notify(Notice::QueueNew(queue::item(done.session.clone(), preview)))
            .await;
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
        self.notify(Notice::JoinRoom {
            user_id: actor.id,
            session_id,
        })
        .await;
        self.announce_change(&done).await;
        self.notify(Notice::HandoffAccepted {
            session_id,
            agent: actor.clone(),
        })
        .await;
        self.notify(Notice::QueueRemove {
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
}
