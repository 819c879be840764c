//! Storage: one `Store` trait, a SQLite and a Postgres implementation.
//!
//! Each write method is one transaction that also writes its outbox events, so
//! a change and the events describing it commit together or not at all. The
//! rules live in the chat service; the store only makes the conditional
//! updates (`… where status in (…)`) that keep them true under races.

mod group_commit;
mod outbox;
mod postgres;
mod rows;
mod sqlite;

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::chat::model::{
    Attachment, Channel, Citation, EndedBy, Message, QueueItem, Role, SenderType, Session,
    SessionStatus, StaffMember, Stats, Summary, User,
};

pub use outbox::{OutboxEvent, Topic};
pub use postgres::PgStore;
pub use sqlite::SqliteStore;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

pub type StoreResult<T> = Result<T, StoreError>;

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Conflict(db.constraint().unwrap_or("unique").to_string())
            }
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                StoreError::Unavailable(e.to_string())
            }
            other => StoreError::Other(other.into()),
        }
    }
}

pub struct NewUser {
    pub role: Role,
    pub display_name: String,
    pub email: Option<String>,
    pub password_hash: Option<String>,
    pub external_id: Option<String>,
}

pub struct NewSession {
    pub user_id: Uuid,
    pub channel: Channel,
    pub site: Option<String>,
}

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

/// A bot, agent or system message waiting to go out to a WhatsApp number.
#[derive(Debug, Clone)]
pub struct OutboundWhatsApp {
    pub message: Message,
    /// The session user's number, `whatsapp:+…`.
    pub to: String,
    pub attempts: i64,
}

/// Where a delivery status update landed.
#[derive(Debug, Clone)]
pub struct DeliveryUpdate {
    pub message_id: Uuid,
    pub session_id: Uuid,
}

/// The outcome of an append: the stored message, and whether it was already there.
#[derive(Debug, Clone)]
pub struct Appended {
    pub message: Message,
    pub duplicate: bool,
    /// The session's status when the message was stored (not for a duplicate).
    pub session_status: Option<SessionStatus>,
}

/// What happens to a pending end-chat request as part of a transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndRequestOutcome {
    Accepted,
    Declined,
    Superseded,
}

impl EndRequestOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::Declined => "declined",
            Self::Superseded => "superseded",
        }
    }
}

/// A status change, applied only while the session is in one of `from`.
#[derive(Debug, Clone)]
pub struct Transition {
    pub session_id: Uuid,
    pub from: &'static [SessionStatus],
    pub to: SessionStatus,
    /// Set on claim.
    pub agent_id: Option<Uuid>,
    /// Set on close.
    pub ended_by: Option<EndedBy>,
    /// A system message committed with the change.
    pub system_text: Option<String>,
    /// Resolves the pending end-chat request, if any.
    pub end_request: Option<EndRequestOutcome>,
}

#[derive(Debug, Clone)]
pub struct Transitioned {
    pub session: Session,
    pub system_message: Option<Message>,
    /// Who asked to end the chat, when a pending request was resolved.
    pub end_requested_by: Option<EndedBy>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EndRequest {
    pub id: Uuid,
    pub session_id: Uuid,
    pub requested_by: EndedBy,
    pub created_at: DateTime<Utc>,
    /// False when the request was already pending (a retry).
    pub created: bool,
}

#[derive(Debug, Clone)]
pub struct EndRequestResult {
    pub request: EndRequest,
    pub system_message: Option<Message>,
}

#[derive(Debug, Clone, Default)]
pub struct SessionFilter {
    pub status: Option<SessionStatus>,
    pub limit: i64,
}

/// The one storage interface; SQLite and Postgres pass the same conformance suite.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Answers when the database does (for `/ready`).
    async fn ping(&self) -> StoreResult<()>;
    /// "sqlite" or "postgres".
    fn backend(&self) -> &'static str;

    // users and tokens
    async fn create_user(&self, user: NewUser) -> StoreResult<User>;
    /// Creates or updates the staff account with this email.
    async fn upsert_staff(&self, user: NewUser) -> StoreResult<User>;
    async fn get_user(&self, id: Uuid) -> StoreResult<User>;
    async fn update_display_name(&self, id: Uuid, display_name: &str) -> StoreResult<User>;
    /// The user and its password hash.
    async fn credentials(&self, email: &str) -> StoreResult<Option<(User, String)>>;
    async fn list_staff(&self) -> StoreResult<Vec<StaffMember>>;
    async fn count_admins(&self) -> StoreResult<i64>;
    async fn insert_token(
        &self,
        token_hash: &str,
        user_id: Uuid,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// The user a live (unexpired, unrevoked) token belongs to, and when it expires.
    async fn user_by_token(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<(User, DateTime<Utc>)>>;
    async fn revoke_token(&self, token_hash: &str) -> StoreResult<bool>;

    // sessions and messages
    async fn create_session(&self, session: NewSession) -> StoreResult<Session>;
    async fn get_session(&self, id: Uuid) -> StoreResult<Session>;
    async fn list_sessions(&self, filter: SessionFilter) -> StoreResult<Vec<Session>>;
    /// A user's sessions that are not closed, newest first.
    async fn open_sessions_for_user(&self, user_id: Uuid) -> StoreResult<Vec<Session>>;
    /// The sessions an agent is chatting in now.
    async fn active_sessions_for_agent(&self, agent_id: Uuid) -> StoreResult<Vec<Session>>;
    /// Queued sessions, longest waiting first, each with its last `preview` messages.
    async fn queue(&self, preview: i64) -> StoreResult<Vec<QueueItem>>;
    async fn messages_after(
        &self,
        session_id: Uuid,
        after_seq: i64,
        limit: i64,
    ) -> StoreResult<Vec<Message>>;
    /// Stores a message with the next `seq`; idempotent on `client_msg_id`
    /// and `external_id`. `Conflict` when the session is closed, or when
    /// `sender_id` is set and is neither the session's user nor its agent
    /// while the session is active with that agent.
    async fn append_message(&self, message: NewMessage) -> StoreResult<Appended>;
    /// Applies a status change; `Conflict` when the session is not in `from`.
    async fn transition(&self, change: Transition) -> StoreResult<Transitioned>;
    /// Records an end-chat request (or returns the pending one) while the session is active.
    async fn request_end(
        &self,
        session_id: Uuid,
        requested_by: EndedBy,
        system_text: Option<String>,
    ) -> StoreResult<EndRequestResult>;
    /// Declines the pending end-chat request; `NotFound` when there is none.
    async fn decline_end(
        &self,
        session_id: Uuid,
        system_text: Option<String>,
    ) -> StoreResult<EndRequestResult>;
    async fn pending_end_request(&self, session_id: Uuid) -> StoreResult<Option<EndRequest>>;

    // summaries and monitoring
    /// Stores the summary (first one wins) and returns the stored one.
    async fn save_summary(&self, summary: Summary) -> StoreResult<Summary>;
    async fn get_summary(&self, session_id: Uuid) -> StoreResult<Option<Summary>>;
    /// The latest summaries, newest first.
    async fn recent_summaries(&self, limit: i64) -> StoreResult<Vec<Summary>>;
    /// Closed sessions whose summary was never written (for example after a crash).
    async fn closed_without_summary(&self, limit: i64) -> StoreResult<Vec<Uuid>>;
    async fn stats(&self, now: DateTime<Utc>) -> StoreResult<Stats>;

    // outbox
    async fn pending_events(&self, limit: i64) -> StoreResult<Vec<OutboxEvent>>;
    async fn mark_published(&self, ids: &[i64]) -> StoreResult<()>;
    /// Takes unpublished events, oldest first, for one relay to publish. On
    /// Postgres a session's events are leased to one relay at a time, so
    /// several processes keep per-session order and never publish a row twice.
    async fn lease_outbox(&self, limit: i64) -> StoreResult<Box<dyn OutboxLease>>;
    async fn count_pending_events(&self) -> StoreResult<i64>;
    /// Deletes events published before `before`; returns how many.
    async fn prune_published(&self, before: DateTime<Utc>) -> StoreResult<u64>;

    // channels (WhatsApp)
    async fn user_by_external_id(&self, external_id: &str) -> StoreResult<Option<User>>;
    async fn set_site(&self, session_id: Uuid, site: Option<&str>) -> StoreResult<Session>;
    /// Messages waiting to be sent to WhatsApp, oldest first.
    async fn whatsapp_pending(&self, limit: i64) -> StoreResult<Vec<OutboundWhatsApp>>;
    /// The provider accepted the message: record its id; it leaves the queue.
    async fn whatsapp_sent(&self, message_id: Uuid, provider_id: &str) -> StoreResult<()>;
    /// A failed attempt; with `give_up` the message leaves the queue as failed.
    async fn whatsapp_failed(
        &self,
        message_id: Uuid,
        error: &str,
        give_up: bool,
    ) -> StoreResult<()>;
    /// Moves the delivery status of the message with this provider id forward
    /// (`rank` orders the statuses); `None` when unknown or not newer.
    async fn update_delivery(
        &self,
        provider_id: &str,
        status: &str,
        error: Option<&str>,
        rank: i64,
    ) -> StoreResult<Option<DeliveryUpdate>>;
}

/// Events leased to one relay; `complete` marks the published ones and
/// releases the rest (dropping the lease releases everything).
#[async_trait]
pub trait OutboxLease: Send {
    fn events(&self) -> &[OutboxEvent];
    async fn complete(self: Box<Self>, published_ids: &[i64]) -> StoreResult<()>;
}

/// Opens the store named by the URL and runs its migrations.
pub async fn connect(database_url: &str) -> anyhow::Result<Arc<dyn Store>> {
    if database_url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::connect(database_url).await?))
    } else {
        Ok(Arc::new(PgStore::connect(database_url).await?))
    }
}
