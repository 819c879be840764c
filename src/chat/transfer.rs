//! Handing a chat to a colleague (with a note only agents see), a
//! supervisor taking one over, and a supervisor watching one silently.

use tracing::instrument;
use uuid::Uuid;

use super::{
    ChatService,
    notify::{Notice, UnassignReason},
    rules,
    service::MAX_HISTORY,
};
use crate::{
    domain::{
        locale::Phrase,
        model::{Message, Note, Session, User},
        validate,
    },
    error::{AppError, AppResult},
    store::{Handover, NewNote, StoreError},
};

impl ChatService {
    /// `session:transfer`: the chat moves to `to_agent_id`, who gets it with
    /// the history and the note; the previous agent loses it; the visitor
    /// sees a system message. Transferring to oneself is a supervisor's
    /// take-over.
    #[instrument(skip_all, fields(session.id = %session_id, agent.id = %to_agent_id))]
    pub async fn transfer(
        &self,
        actor: &User,
        session_id: Uuid,
        to_agent_id: Uuid,
        note: Option<&str>,
    ) -> AppResult<Session> {
        let note = note
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(validate::message_text)
            .transpose()?;
        let session = self
            .session(session_id)
            .await
            .map_err(rules::hide_missing)?;
        let target = self.agent(to_agent_id).await?;
        rules::can_transfer(actor, &session, target.as_ref())?;
        let (Some(target), Some(from_id)) = (target, session.agent_id) else {
            return Err(AppError::conflict(
                "the chat has no agent to hand over from",
            ));
        };
        let target = target.staff.user;
        let from_name = session
            .agent_display_name
            .clone()
            .unwrap_or_else(|| "Your agent".into());
        let locale = session.locale.unwrap_or_default();
        let system_text = if actor.id == target.id && actor.id != from_id {
            Phrase::TookOver {
                agent: &target.display_name,
            }
            .text(locale)
        } else {
            Phrase::HandedOver {
                from: &from_name,
                to: &target.display_name,
            }
            .text(locale)
        };
        let handover = Handover {
            session_id,
            from_agent: from_id,
            to_agent: target.id,
            by: actor.id,
            system_text,
            note: note.map(|text| NewNote {
                session_id,
                author_id: actor.id,
                author_name: actor.display_name.clone(),
                text,
            }),
        };
        let done = match self.inner.store.transfer(handover).await {
            Ok(done) => done,
            Err(StoreError::Conflict(_)) => {
                return Err(AppError::conflict(format!(
                    "the chat is no longer with {from_name}; reload it and try again"
                )));
            }
            Err(e) => return Err(e.into()),
        };
        let from = User {
            id: from_id,
            role: crate::domain::model::Role::Agent,
            display_name: from_name,
        };
        let from = match self.agent(from_id).await? {
            Some(agent) => agent.staff.user,
            None => from,
        };
        self.notify(Notice::JoinRoom {
            user_id: target.id,
            session_id,
        })
        .await;
        self.notify(Notice::MessageNew(done.system_message)).await;
        self.notify(Notice::SessionUpdate(done.session.clone()))
            .await;
        self.notify(Notice::HandoffAccepted {
            session_id,
            agent: target.clone(),
        })
        .await;
        if let Some(note) = &done.note {
            self.notify(Notice::NoteNew {
                note: note.clone(),
                agent_id: Some(target.id),
            })
            .await;
        }
        let messages = self
            .inner
            .store
            .messages_after(session_id, 0, MAX_HISTORY)
            .await?;
        self.notify(Notice::Assigned {
            agent_id: target.id,
            session: done.session.clone(),
            messages,
            note: done.note,
            from: Some(from.clone()),
        })
        .await;
        self.notify(Notice::Unassigned {
            agent_id: from.id,
            session_id,
            reason: UnassignReason::Transferred,
        })
        .await;
        self.notify(Notice::LeaveRoom {
            user_id: from.id,
            session_id,
        })
        .await;
        self.announce_load(from.id).await?;
        self.announce_load(target.id).await?;
        // The previous agent has room again.
        self.wake_router();
        Ok(done.session)
    }

    /// `session:monitor`: an open chat with its history and notes, for a
    /// supervisor whose socket then joins its room without a word to anyone.
    pub async fn monitor(
        &self,
        actor: &User,
        session_id: Uuid,
    ) -> AppResult<(Session, Vec<Message>, Vec<Note>)> {
        if !actor.role.supervises() {
            return Err(AppError::forbidden(
                "only supervisors and admins monitor chats",
            ));
        }
        let session = self.session(session_id).await?;
        rules::can_monitor(actor, &session)?;
        let messages = self
            .inner
            .store
            .messages_after(session_id, 0, MAX_HISTORY)
            .await?;
        let notes = self.inner.store.notes(session_id).await?;
        Ok((session, messages, notes))
    }
}
