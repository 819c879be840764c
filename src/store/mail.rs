//! Email: a durable queue of mails to send, and the scans that decide which
//! mails are due (the team's offline notice, replies to visitors who are
//! away). A scan's mail is queued in the same transaction that marks the
//! session, so each is queued exactly once, whatever node or restart.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::StoreResult;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    /// To `OFFLINE_NOTIFY_EMAIL`: a visitor waits for an answer by email.
    OfflineNotice,
    /// To the visitor: agents' replies they were not connected to see.
    Reply,
    /// To the visitor, on request.
    Transcript,
    /// To a person invited to join the team: the link to accept.
    Invitation,
}

impl MailKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::OfflineNotice => "offline_notice",
            MailKind::Reply => "reply",
            MailKind::Transcript => "transcript",
            MailKind::Invitation => "invitation",
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewMail {
    pub kind: MailKind,
    /// The chat it is about (none for an invitation).
    pub session_id: Option<Uuid>,
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// A queued mail.
#[derive(Debug, Clone)]
pub struct Mail {
    pub id: Uuid,
    pub kind: String,
    pub session_id: Option<Uuid>,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
    pub created_at: DateTime<Utc>,
}

/// A session whose visitor may have replies to be mailed.
#[derive(Debug, Clone)]
pub struct RepliesDue {
    pub session_id: Uuid,
    pub user_id: Uuid,
    /// Agents' messages after this seq have not been mailed nor seen.
    pub mailed_seq: i64,
    /// When replies were last mailed (they are batched).
    pub mailed_at: Option<DateTime<Utc>>,
}

#[async_trait]
pub trait MailStore: Send + Sync {
    async fn queue_mail(&self, mail: NewMail) -> StoreResult<()>;
    /// How many mails of `kind` the session was sent (or has queued) since `since`.
    async fn mails_since(
        &self,
        session_id: Uuid,
        kind: MailKind,
        since: DateTime<Utc>,
    ) -> StoreResult<i64>;
    /// Mails due by `now`, oldest first.
    async fn due_mails(&self, now: DateTime<Utc>, limit: i64) -> StoreResult<Vec<Mail>>;
    async fn mail_sent(&self, id: Uuid) -> StoreResult<()>;
    /// A failed attempt: try again at `retry_at`, or give up when `None`.
    async fn mail_failed(
        &self,
        id: Uuid,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> StoreResult<()>;

    /// Offline sessions the team has not been told about: those whose
    /// visitor left an email, and the rest queued before `quiet_before`.
    async fn offline_notices_due(&self, quiet_before: DateTime<Utc>) -> StoreResult<Vec<Uuid>>;
    /// Marks the session told (once: false when another node did) and
    /// queues `mail` with it.
    async fn team_told(&self, session_id: Uuid, mail: Option<NewMail>) -> StoreResult<bool>;
    /// Web sessions with a visitor email and an agent message after their
    /// mailed seq that is older than `settled_before`, active since `since`.
    async fn replies_due(
        &self,
        settled_before: DateTime<Utc>,
        since: DateTime<Utc>,
    ) -> StoreResult<Vec<RepliesDue>>;
    /// Moves the session's mailed seq from `from` to `to` (false when another
    /// node already did), queuing `mail` with it.
    async fn replies_mailed(
        &self,
        session_id: Uuid,
        from: i64,
        to: i64,
        mail: Option<NewMail>,
    ) -> StoreResult<bool>;
}
