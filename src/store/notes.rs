//! Private notes on chats.

use async_trait::async_trait;
use uuid::Uuid;

use super::StoreResult;
use crate::domain::model::Note;

#[derive(Debug, Clone)]
pub struct NewNote {
    pub session_id: Uuid,
    pub author_id: Uuid,
    pub author_name: String,
    pub text: String,
}

#[async_trait]
pub trait NoteStore: Send + Sync {
    /// Stores a note with its `note.created` event; `NotFound` for no such session.
    async fn add_note(&self, note: NewNote) -> StoreResult<Note>;
    /// A session's notes, oldest first.
    async fn notes(&self, session_id: Uuid) -> StoreResult<Vec<Note>>;
}
