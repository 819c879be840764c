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

/// What a transition does to the session's agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentChange {
    Keep,
    /// A claim or an assignment.
    Set(Uuid),
    /// Back to the queue.
    Clear,
}

/// A status change, applied only while the session is in one of `from`.
#[derive(Debug, Clone)]
pub struct Transition {
    pub session_id: Uuid,
    pub from: &'static [SessionStatus],
    pub to: SessionStatus,
    pub agent: AgentChange,
    /// Set on close.
    pub ended_by: Option<EndedBy>,
    /// A system message committed with the change.
    pub system_text: Option<String>,
    /// Resolves the pending end-chat request, if any.
    pub end_request: Option<EndRequestOutcome>,
    /// Only while this agent has the session (taking back a departed agent's chat).
    pub held_by: Option<Uuid>,
    /// Made by the router: applied only while the agent it sets is active and
    /// has fewer active chats than its capacity (decided under the agent's
    /// row lock, so nodes routing at once never overfill anyone).
    pub routed: bool,
    /// Queued ahead of every chat that has not been with an agent yet.
    pub front_of_queue: bool,
    /// Marks the session offline (queued while no one could answer); never clears it.
    pub offline: bool,
}

impl Transition {
    /// `from` → `to`, changing nothing else.
    pub fn new(session_id: Uuid, from: &'static [SessionStatus], to: SessionStatus) -> Self {
        Transition {
            session_id,
            from,
            to,
            agent: AgentChange::Keep,
            ended_by: None,
            system_text: None,
            end_request: None,
            held_by: None,
            routed: false,
            offline: false,
            front_of_queue: false,
        }
    }
}

/// A chat handed from one agent to another, while active with the first.
#[derive(Debug, Clone)]
pub struct Handover {
    pub session_id: Uuid,
    pub from_agent: Uuid,
    pub to_agent: Uuid,
    /// Who handed it over (the agent, a supervisor, an admin).
    pub by: Uuid,
    pub system_text: String,
    /// The note for the receiving agent, stored as a private note.
    pub note: Option<super::NewNote>,
}

#[derive(Debug, Clone)]
pub struct HandedOver {
    pub session: Session,
    pub system_message: Message,
    pub note: Option<crate::domain::model::Note>,
}

/// A queued chat that has waited past the alert threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overdue {
    pub session_id: Uuid,
    pub queued_at: DateTime<Utc>,
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
    /// Queued sessions in routing order (requeued chats first, then longest
    /// waiting), each with its last `preview` messages.
    async fn queue(&self, preview: i64) -> StoreResult<Vec<QueueItem>>;
    /// How many sessions are queued.
    async fn queue_length(&self) -> StoreResult<i64>;
    /// Applies a status change; `Conflict` when the session is not in `from`
    /// (or not held by `held_by`, or a routed agent is full or inactive).
    async fn transition(&self, change: Transition) -> StoreResult<Transitioned>;
    /// Hands an active chat to another active staff member; `Conflict` when
    /// it is no longer active with `from_agent` or the target cannot take it.
    async fn transfer(&self, handover: Handover) -> StoreResult<HandedOver>;
    /// Queued sessions waiting since before `due` and not alerted since then;
    /// marks them alerted, so each is announced by one node per period.
    async fn take_overdue(&self, due: DateTime<Utc>) -> StoreResult<Vec<Overdue>>;
    /// Sessions still with the bot whose last message (or start) is before
    /// `before`, oldest first, at most `limit`.
    async fn idle_bot_sessions(&self, before: DateTime<Utc>, limit: i64) -> StoreResult<Vec<Uuid>>;
    /// The agent the session had before its current one (it went back to
    /// the queue when that agent left), if any.
    async fn previous_agent(&self, session_id: Uuid) -> StoreResult<Option<Uuid>>;
    /// How long the last chats (up to `limit`, within a day) waited for an agent.
    async fn recent_waits(&self, now: DateTime<Utc>, limit: i64) -> StoreResult<Vec<i64>>;
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
