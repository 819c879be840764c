//! The chat domain's objects, as PROTOCOL.md names them on the wire.
//!
//! Serialized in camelCase; enums as the lowercase strings the protocol uses.
//! Each derives `TS`: `cargo test` writes its TypeScript declaration to
//! `web-shared/src/generated/`, which every web app uses, so the apps are
//! type-checked against these very types.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::locale::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    User,
    Agent,
    /// An agent who also sees, joins and hands over every open chat.
    Supervisor,
    Admin,
}

impl Role {
    /// Agents, supervisors and admins all work the queue.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Agent | Role::Supervisor | Role::Admin)
    }

    /// Supervisors and admins oversee every chat, not only their own.
    pub fn supervises(self) -> bool {
        matches!(self, Role::Supervisor | Role::Admin)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    BotPending,
    QueuedForAgent,
    ActiveWithAgent,
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Web,
    Whatsapp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum SenderType {
    User,
    Agent,
    Bot,
    System,
}

/// Who ended a chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum EndedBy {
    User,
    Agent,
    System,
}

/// Where an agent stands: `online` and `away` are what it chose (away takes
/// no new chats); `offline` is when its last socket has been gone for the
/// grace period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum AgentStatus {
    Online,
    Away,
    Offline,
}

/// Text forms shared by the enums, for storage and for parsing.
macro_rules! text_enum {
    ($ty:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $ty {
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $text),+ }
            }
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($ty::$variant),)+ _ => None }
            }
        }
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

text_enum!(Role { User => "user", Agent => "agent", Supervisor => "supervisor", Admin => "admin" });
text_enum!(SessionStatus {
    BotPending => "bot_pending",
    QueuedForAgent => "queued_for_agent",
    ActiveWithAgent => "active_with_agent",
    Closed => "closed",
});
text_enum!(Channel { Web => "web", Whatsapp => "whatsapp" });
text_enum!(SenderType { User => "user", Agent => "agent", Bot => "bot", System => "system" });
text_enum!(EndedBy { User => "user", Agent => "agent", System => "system" });
text_enum!(AgentStatus { Online => "online", Away => "away", Offline => "offline" });

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: Uuid,
    pub role: Role,
    pub display_name: String,
}

/// A staff account as the admin's agent list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct StaffMember {
    #[serde(flatten)]
    pub user: User,
    pub email: String,
    pub created_at: DateTime<Utc>,
}

/// A staff member as the team sees it: presence and load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Agent {
    #[serde(flatten)]
    pub staff: StaffMember,
    pub status: AgentStatus,
    /// The most chats routed to the agent at once.
    pub capacity: i64,
    pub active_chats: i64,
    /// False once deactivated.
    pub active: bool,
    /// When a chat last went to the agent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub last_assigned_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export, optional_fields)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub id: Uuid,
    pub status: SessionStatus,
    pub channel: Channel,
    pub user_id: Uuid,
    pub user_display_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    pub created_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queued_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assigned_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended_by: Option<EndedBy>,
    /// The highest `seq` in the session; `seq` has no gaps, so also its message count.
    pub last_seq: i64,
    pub message_count: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_message_at: Option<DateTime<Utc>>,
    /// The visitor's contact (`GET /api/contacts/{id}`): the visitor's user id.
    pub contact_id: Uuid,
    /// Lower case, as agents set them (`PUT /api/sessions/{id}/tags`).
    pub tags: Vec<String>,
    /// Where the visitor is (`visitor:page`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<VisitorPage>,
    /// Queued while no one could answer: the visitor is answered by email.
    #[serde(default)]
    pub offline: bool,
    /// The visitor's rating after the chat (`csat:submit`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csat: Option<Csat>,
    /// The visitor's language (`hello { locale }`), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

/// A visitor's rating of a closed chat: 1 (bad) to 5 (great).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export, optional_fields)]
#[serde(rename_all = "camelCase")]
pub struct Csat {
    pub rating: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// The page a web visitor is on, and where they came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export, optional_fields)]
#[serde(rename_all = "camelCase")]
pub struct VisitorPage {
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referrer: Option<String>,
}

/// A file on a message. `url` is `/api/attachments/{id}`, readable with a
/// token that may read the session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    pub id: Uuid,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub url: String,
}

impl Attachment {
    /// Where the apps fetch an attachment's bytes.
    pub fn path(id: Uuid) -> String {
        format!("/api/attachments/{id}")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export)]
pub struct Citation {
    pub url: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export, optional_fields)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    pub id: Uuid,
    pub session_id: Uuid,
    pub seq: i64,
    pub sender_type: SenderType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender_name: Option<String>,
    pub text: String,
    pub created_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_msg_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citations: Option<Vec<Citation>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_error: Option<String>,
    /// Its text and files were erased with the contact (it keeps its place).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub erased: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export, optional_fields)]
#[serde(rename_all = "camelCase")]
pub struct QueueItem {
    pub session_id: Uuid,
    pub channel: Channel,
    pub user_display_name: String,
    pub requested_at: DateTime<Utc>,
    pub preview: Vec<Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_message: Option<Message>,
    /// An offline conversation: the visitor is answered by email.
    #[serde(default)]
    pub offline: bool,
    /// The visitor's language, for the system messages routing writes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export, optional_fields)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub session_id: Uuid,
    pub user_display_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_display_name: Option<String>,
    pub summary: String,
    pub topics: Vec<String>,
    pub message_count: i64,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    pub ended_by: EndedBy,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_requested_by: Option<EndedBy>,
}

/// A private note on a chat, for staff only; not part of the transcript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Note {
    pub id: Uuid,
    pub session_id: Uuid,
    pub author_id: Uuid,
    pub author_name: String,
    pub text: String,
    pub created_at: DateTime<Utc>,
}

/// Counters the admin monitor shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    pub queued: i64,
    pub active: i64,
    pub bot: i64,
    pub closed_today: i64,
    pub median_wait_seconds: Option<f64>,
}
