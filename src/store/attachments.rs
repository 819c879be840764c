//! Files on messages: each belongs to one session; its bytes are in the
//! database or, when a bucket is configured, in the bucket under a key.

use async_trait::async_trait;
use uuid::Uuid;

use super::StoreResult;
use crate::domain::model::Attachment;

/// Where an attachment's bytes are.
#[derive(Debug, Clone, PartialEq)]
pub enum Bytes {
    /// In the attachment's row.
    Inline(Vec<u8>),
    /// In the object store, under this key.
    Object(String),
}

#[derive(Debug, Clone)]
pub struct NewAttachment {
    pub id: Uuid,
    pub session_id: Uuid,
    pub uploaded_by: Uuid,
    pub name: String,
    /// Sniffed from the bytes, never taken from the client.
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub bytes: Bytes,
}

#[derive(Debug, Clone)]
pub struct StoredAttachment {
    pub attachment: Attachment,
    pub session_id: Uuid,
    pub bytes: Bytes,
}

#[async_trait]
pub trait AttachmentStore: Send + Sync {
    /// Stores the attachment's row; `NotFound` for no such session.
    async fn add_attachment(&self, a: NewAttachment) -> StoreResult<Attachment>;
    /// `NotFound` for no such attachment.
    async fn attachment(&self, id: Uuid) -> StoreResult<StoredAttachment>;
    /// These attachments, in the order given, if every one belongs to the
    /// session; `NotFound` if any does not.
    async fn session_attachments(
        &self,
        session_id: Uuid,
        ids: &[Uuid],
    ) -> StoreResult<Vec<Attachment>>;
}
