//! Handing a chat to a human: the visitor asks, agents race, one wins.

use chrono::{DateTime, Utc};
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
        locale::{self, Phrase},
        model::{Channel, Message, Session, SessionStatus, User},
        queue,
    },
    error::AppResult,
    store::{AgentChange, StoreError, Transition, Transitioned},
};
use SessionStatus::*;

/// What `handoff:request` answers: the queued session, and whether it is an
/// offline conversation (no one can answer now; the visitor is asked for an
/// email), with when the hours open again.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Handoff {
    pub session: Session,
    pub offline: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_open_at: Option<DateTime<Utc>>,
}

impl ChatService {
    /// Queues the chat for a human. While no one can answer (no agent
    /// online, or outside the hours) it is still queued, as an offline
    /// conversation the team answers by email.
    #[instrument(skip_all, fields(session.id = %session_id))]
    pub async fn request_handoff(&self, actor: &User, session_id: Uuid) -> AppResult<Handoff> {
        let session = self.session(session_id).await?;
        if !rules::can_request_handoff(actor, &session)? {
            return Ok(Handoff {
                offline: session.offline,
                session,
                next_open_at: None,
            });
        }
        let availability = self.availability().await?;
        let offline = !availability.online;
        let locale = session.locale.unwrap_or_default();
        let next_open = match availability.next_open_at {
            Some(at) => Some(locale::when(at, self.schedule().await?.zone(), locale)),
            None => None,
        };
        let text = if offline {
            Phrase::QueuedOffline {
                next_open: next_open.as_deref(),
                by_email: session.channel == Channel::Web,
            }
        } else {
            Phrase::Queued
        };
        let change = Transition {
            system_text: Some(text.text(locale)),
            offline,
            ..Transition::new(session_id, &[BotPending], QueuedForAgent)
        };
        let done = match self.inner.store.transition(change).await {
            Ok(done) => done,
            Err(StoreError::Conflict(_)) => {
                let session = self.retry_outcome(actor, session_id).await?;
                return Ok(Handoff {
                    offline: session.offline,
                    session,
                    next_open_at: None,
                });
            }
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
        Ok(Handoff {
            session: done.session,
            offline,
            next_open_at: offline.then_some(availability.next_open_at).flatten(),
        })
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
                system_text: Some(
                    Phrase::Joined {
                        agent: &actor.display_name,
                    }
                    .text(session.locale.unwrap_or_default()),
                ),
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
