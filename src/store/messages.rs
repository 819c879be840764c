//! Messages: the transcript, and the append that takes the next `seq`.

use async_trait::async_trait;
use uuid::Uuid;

use super::StoreResult;
use crate::domain::{
    access::WriteAccess,
    model::{Attachment, Citation, Message, SenderType, SessionStatus},
};

pub struct NewMessage {
    pub session_id: Uuid,
    pub sender_type: SenderType,
    pub sender_id: Option<Uuid>,
    pub sender_name: Option<String>,
    pub text: String,
    pub client_msg_id: Option<String>,
    pub citations: Option<Vec<Citation>>,
    /// A provider's id (Twilio's MessageSid): unique, so a retried webhook stores once.
    pub external_id: Option<String>,
    pub attachments: Option<Vec<Attachment>>,
}

impl NewMessage {
    /// A plain message with no ids, citations or attachments.
    pub fn text(session_id: Uuid, sender_type: SenderType, text: String) -> Self {
        NewMessage {
            session_id,
            sender_type,
            sender_id: None,
            sender_name: None,
            text,
            client_msg_id: None,
            citations: None,
            external_id: None,
            attachments: None,
        }
    }
}

/// The outcome of an append: the stored message, and whether it was already there.
#[derive(Debug, Clone)]
pub struct Appended {
    pub message: Message,
    pub duplicate: bool,
    /// The session's status when the message was stored (not for a duplicate).
    pub session_status: Option<SessionStatus>,
}

#[async_trait]
pub trait MessageStore: Send + Sync {
    async fn messages_after(
        &self,
        session_id: Uuid,
        after_seq: i64,
        limit: i64,
    ) -> StoreResult<Vec<Message>>;
    /// Whether a message with this provider id (a WhatsApp `MessageSid`) is stored.
    async fn has_external_message(&self, external_id: &str) -> StoreResult<bool>;
    /// Stores a message with the next `seq` when `access` lets its sender
    /// (`sender_id`: the session's user, its agent, or none for the system)
    /// write in the session's current status, checked in the write itself;
    /// `Conflict` otherwise, `NotFound` for no such session. Idempotent on
    /// `client_msg_id` and `external_id`, for senders who may write.
    async fn append_message(
        &self,
        message: NewMessage,
        access: WriteAccess,
    ) -> StoreResult<Appended>;
}
