//! Row types shared by both backends, and their conversion to domain objects.
//!
//! Column types are chosen so one row type decodes from SQLite and Postgres
//! alike (uuid, text, bigint, timestamp). The team's presence and notes
//! are in `rows/team.rs`, the workspace's rows (contacts, canned responses,
//! attachments) in `rows/workspace.rs`, the visitor side's in
//! `rows/visitor.rs`, the console's in `rows/console.rs`.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{StoreError, StoreResult};
use crate::domain::locale::Locale;
use crate::domain::model::{
    Attachment, Channel, Citation, Csat, EndedBy, Message, Role, SenderType, Session,
    SessionStatus, StaffMember, Summary, User, VisitorPage,
};

mod console;
mod team;
mod visitor;
mod webhooks;
mod workspace;
pub use console::*;
pub use team::*;
pub use visitor::*;
pub use webhooks::*;
pub use workspace::*;

pub fn parse_enum<T>(value: &str, parse: fn(&str) -> Option<T>, what: &str) -> StoreResult<T> {
    parse(value).ok_or_else(|| StoreError::Other(anyhow::anyhow!("unknown {what} {value:?}")))
}

pub const USER_COLUMNS: &str = "id, role, display_name";

#[derive(sqlx::FromRow)]
pub struct UserRow {
    pub id: Uuid,
    pub role: String,
    pub display_name: String,
}

impl TryFrom<UserRow> for User {
    type Error = StoreError;
    fn try_from(r: UserRow) -> StoreResult<User> {
        Ok(User {
            id: r.id,
            role: parse_enum(&r.role, Role::parse, "role")?,
            display_name: r.display_name,
        })
    }
}

/// A user's columns followed by one more (a password hash, an expiry).
pub fn user_and<T>(
    (id, role, display_name, extra): (Uuid, String, String, T),
) -> StoreResult<(User, T)> {
    let user = UserRow {
        id,
        role,
        display_name,
    }
    .try_into()?;
    Ok((user, extra))
}

#[derive(sqlx::FromRow)]
pub struct StaffRow {
    pub id: Uuid,
    pub role: String,
    pub display_name: String,
    pub email: String,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<StaffRow> for StaffMember {
    type Error = StoreError;
    fn try_from(r: StaffRow) -> StoreResult<StaffMember> {
        Ok(StaffMember {
            user: User {
                id: r.id,
                role: parse_enum(&r.role, Role::parse, "role")?,
                display_name: r.display_name,
            },
            email: r.email,
            created_at: r.created_at,
        })
    }
}

pub const SESSION_SELECT: &str = "select s.id, s.status, s.channel, s.user_id, \
    u.display_name as user_display_name, s.agent_id, a.display_name as agent_display_name, \
    s.site, s.created_at, s.queued_at, s.assigned_at, s.closed_at, s.ended_by, s.last_seq, \
    s.last_message_at, s.tags, s.page_url, s.page_title, s.page_referrer, \
    s.offline, s.csat_rating, s.csat_comment, u.locale as user_locale \
    from sessions s join users u on u.id = s.user_id left join users a on a.id = s.agent_id";

#[derive(sqlx::FromRow)]
pub struct SessionRow {
    pub id: Uuid,
    pub status: String,
    pub channel: String,
    pub user_id: Uuid,
    pub user_display_name: String,
    pub agent_id: Option<Uuid>,
    pub agent_display_name: Option<String>,
    pub site: Option<String>,
    pub created_at: DateTime<Utc>,
    pub queued_at: Option<DateTime<Utc>>,
    pub assigned_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub ended_by: Option<String>,
    pub last_seq: i64,
    pub last_message_at: Option<DateTime<Utc>>,
    pub tags: String,
    pub page_url: Option<String>,
    pub page_title: Option<String>,
    pub page_referrer: Option<String>,
    pub offline: bool,
    pub csat_rating: Option<i32>,
    pub csat_comment: Option<String>,
    pub user_locale: Option<String>,
}

impl TryFrom<SessionRow> for Session {
    type Error = StoreError;
    fn try_from(r: SessionRow) -> StoreResult<Session> {
        Ok(Session {
            id: r.id,
            status: parse_enum(&r.status, SessionStatus::parse, "status")?,
            channel: parse_enum(&r.channel, Channel::parse, "channel")?,
            user_id: r.user_id,
            user_display_name: r.user_display_name,
            agent_id: r.agent_id,
            agent_display_name: r.agent_display_name,
            site: r.site,
            created_at: r.created_at,
            queued_at: r.queued_at,
            assigned_at: r.assigned_at,
            closed_at: r.closed_at,
            ended_by: r
                .ended_by
                .map(|e| parse_enum(&e, EndedBy::parse, "ended_by"))
                .transpose()?,
            last_seq: r.last_seq,
            message_count: r.last_seq,
            last_message_at: r.last_message_at,
            contact_id: r.user_id,
            tags: serde_json::from_str(&r.tags)
                .map_err(|e| StoreError::Other(anyhow::anyhow!("bad tags column: {e}")))?,
            page: r.page_url.map(|url| VisitorPage {
                url,
                title: r.page_title,
                referrer: r.page_referrer,
            }),
            offline: r.offline,
            csat: r.csat_rating.map(|rating| Csat {
                rating,
                comment: r.csat_comment,
            }),
            locale: r.user_locale.as_deref().and_then(Locale::parse),
        })
    }
}

pub const MESSAGE_COLUMNS: &str = "id, session_id, seq, sender_type, sender_name, body, \
    created_at, client_msg_id, citations, attachments, delivery_status, delivery_error, erased";

#[derive(sqlx::FromRow)]
pub struct MessageRow {
    pub id: Uuid,
    pub session_id: Uuid,
    pub seq: i64,
    pub sender_type: String,
    pub sender_name: Option<String>,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub client_msg_id: Option<String>,
    pub citations: Option<String>,
    pub attachments: Option<String>,
    pub delivery_status: Option<String>,
    pub delivery_error: Option<String>,
    pub erased: bool,
}

impl TryFrom<MessageRow> for Message {
    type Error = StoreError;
    fn try_from(r: MessageRow) -> StoreResult<Message> {
        let citations: Option<Vec<Citation>> = match r.citations {
            Some(json) => Some(serde_json::from_str(&json).map_err(anyhow::Error::from)?),
            None => None,
        };
        let attachments = r
            .attachments
            .as_deref()
            .map(decode_attachments)
            .transpose()?;
        Ok(Message {
            id: r.id,
            session_id: r.session_id,
            seq: r.seq,
            sender_type: parse_enum(&r.sender_type, SenderType::parse, "sender_type")?,
            sender_name: r.sender_name,
            text: r.body,
            created_at: r.created_at,
            client_msg_id: r.client_msg_id,
            citations,
            attachments,
            delivery_status: r.delivery_status,
            delivery_error: r.delivery_error,
            erased: r.erased,
        })
    }
}

/// A message's attachments as stored. Before attachments were stored files,
/// WhatsApp media were kept as `{ url, contentType }` (Twilio's link): those
/// still read, as attachments with no id whose `url` is that link.
fn decode_attachments(json: &str) -> StoreResult<Vec<Attachment>> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Stored {
        id: Option<Uuid>,
        name: Option<String>,
        content_type: String,
        size: Option<i64>,
        url: String,
    }
    let stored: Vec<Stored> = serde_json::from_str(json).map_err(anyhow::Error::from)?;
    Ok(stored
        .into_iter()
        .map(|a| Attachment {
            id: a.id.unwrap_or(Uuid::nil()),
            name: a
                .name
                .unwrap_or_else(|| a.url.rsplit('/').next().unwrap_or("file").to_string()),
            content_type: a.content_type,
            size: a.size.unwrap_or(0),
            url: a.url,
        })
        .collect())
}

pub const SUMMARY_COLUMNS: &str = "session_id, summary, topics, message_count, started_at, \
    ended_at, ended_by, end_requested_by, user_display_name, agent_display_name";

#[derive(sqlx::FromRow)]
pub struct SummaryRow {
    pub session_id: Uuid,
    pub summary: String,
    pub topics: String,
    pub message_count: i64,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    pub ended_by: String,
    pub end_requested_by: Option<String>,
    pub user_display_name: String,
    pub agent_display_name: Option<String>,
}

impl TryFrom<SummaryRow> for Summary {
    type Error = StoreError;
    fn try_from(r: SummaryRow) -> StoreResult<Summary> {
        Ok(Summary {
            session_id: r.session_id,
            user_display_name: r.user_display_name,
            agent_display_name: r.agent_display_name,
            summary: r.summary,
            topics: serde_json::from_str(&r.topics).map_err(anyhow::Error::from)?,
            message_count: r.message_count,
            started_at: r.started_at,
            ended_at: r.ended_at,
            ended_by: parse_enum(&r.ended_by, EndedBy::parse, "ended_by")?,
            end_requested_by: r
                .end_requested_by
                .map(|e| parse_enum(&e, EndedBy::parse, "end_requested_by"))
                .transpose()?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct EndRequestRow {
    pub id: Uuid,
    pub session_id: Uuid,
    pub requested_by: String,
    pub created_at: DateTime<Utc>,
}

impl EndRequestRow {
    pub fn into_request(self, created: bool) -> StoreResult<super::EndRequest> {
        Ok(super::EndRequest {
            id: self.id,
            session_id: self.session_id,
            requested_by: parse_enum(&self.requested_by, EndedBy::parse, "requested_by")?,
            created_at: self.created_at,
            created,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct OutboundRow {
    #[sqlx(flatten)]
    pub message: MessageRow,
    pub to_number: String,
    pub attempts: i64,
}

#[derive(sqlx::FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub event_id: Uuid,
    pub topic: String,
    pub event_key: String,
    pub payload: String,
    pub created_at: DateTime<Utc>,
}

impl From<OutboxRow> for super::OutboxEvent {
    fn from(r: OutboxRow) -> Self {
        super::OutboxEvent {
            id: r.id,
            event_id: r.event_id,
            topic: r.topic,
            key: r.event_key,
            payload: r.payload,
            created_at: r.created_at,
        }
    }
}

/// Converts a list of rows, failing on the first bad one.
pub fn convert<R, T: TryFrom<R, Error = StoreError>>(rows: Vec<R>) -> StoreResult<Vec<T>> {
    rows.into_iter().map(T::try_from).collect()
}

/// The current time at the precision both databases keep (microseconds).
pub fn now() -> DateTime<Utc> {
    use chrono::SubsecRound;
    Utc::now().trunc_subsecs(6)
}

/// A JSON-valued column (citations, attachments) as stored: text, or null.
pub fn json_column<T: serde::Serialize>(value: &Option<T>) -> Option<String> {
    value
        .as_ref()
        .map(|v| serde_json::to_string(v).expect("a JSON column serializes"))
}
