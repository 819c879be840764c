//! Sessions: their lifecycle (create, the conditional status change, the
//! end-chat request), the queue, and the monitor's counters.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::StoreResult;
use crate::domain::model::{Channel, EndedBy, Message, QueueItem, Session, SessionStatus, Stats};

pub struct NewSession {
    pub user_id: Uuid,
    pub channel: Channel,
    pub site: Option<String>,
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

#[async_trait]
pub trait SessionStore: Send + Sync {
    async fn create_session(&self, session: NewSession) -> StoreResult<Session>;
    async fn get_session(&self, id: Uuid) -> StoreResult<Session>;
    async fn list_sessions(&self, filter: SessionFilter) -> StoreResult<Vec<Session>>;
    /// A user's sessions that are not closed, newest first.
    async fn open_sessions_for_user(&self, user_id: Uuid) -> StoreResult<Vec<Session>>;
    /// The sessions an agent is chatting in now.
    async fn active_sessions_for_agent(&self, agent_id: Uuid) -> StoreResult<Vec<Session>>;
    /// Queued sessions, longest waiting first, each with its last `preview` messages.
    async fn queue(&self, preview: i64) -> StoreResult<Vec<QueueItem>>;
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
    async fn set_site(&self, session_id: Uuid, site: Option<&str>) -> StoreResult<Session>;
    async fn stats(&self, now: DateTime<Utc>) -> StoreResult<Stats>;
}
