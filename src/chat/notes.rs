//! Private notes: written by the chat's agent (or an admin), read by staff,
//! announced to the agent's sockets and to `/admin`; never to the visitor,
//! never to WhatsApp, never in the transcript's `seq`.

use tracing::instrument;
use uuid::Uuid;

use super::{ChatService, notify::Notice, rules};
use crate::{
    domain::{
        model::{Note, User},
        validate,
    },
    error::AppResult,
    store::NewNote,
};

impl ChatService {
    #[instrument(skip_all, fields(session.id = %session_id))]
    pub async fn add_note(&self, actor: &User, session_id: Uuid, text: &str) -> AppResult<Note> {
        let text = validate::message_text(text)?;
        let session = self.session(session_id).await?;
        rules::can_add_note(actor, &session)?;
        let note = self
            .inner
            .store
            .add_note(NewNote {
                session_id,
                author_id: actor.id,
                author_name: actor.display_name.clone(),
                text,
            })
            .await?;
        self.notify(Notice::NoteNew {
            note: note.clone(),
            agent_id: session.agent_id,
        })
        .await;
        Ok(note)
    }

    pub async fn notes(&self, actor: &User, session_id: Uuid) -> AppResult<Vec<Note>> {
        rules::can_read_notes(actor)?;
        self.session(session_id).await?;
        Ok(self.inner.store.notes(session_id).await?)
    }
}
