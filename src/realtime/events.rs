//! The Socket.IO contract in types: event names, inbound payloads (checked
//! strictly: unknown fields, wrong types and bad shapes are `invalid`), and
//! the small outbound payloads that are not domain objects.

use serde::{Deserialize, Serialize, de::DeserializeOwned};
use serde_json::Value;
use ts_rs::TS;
use uuid::Uuid;

use crate::chat::notify::{QueueRemoveReason, UnassignReason};
use crate::domain::model::{
    AgentStatus, EndedBy, Message, Note, QueueItem, SenderType, Session, Summary, User,
};
use crate::error::{AppError, AppResult};

// client -> server
pub const HELLO: &str = "hello";
pub const SESSION_CREATE: &str = "session:create";
pub const SESSION_JOIN: &str = "session:join";
pub const MESSAGE_SEND: &str = "message:send";
pub const HANDOFF_REQUEST: &str = "handoff:request";
pub const AGENT_CLAIM: &str = "agent:claim";
pub const END_REQUEST: &str = "session:end:request";
pub const END_ACCEPT: &str = "session:end:accept";
pub const END_DECLINE: &str = "session:end:decline";
pub const SESSION_CLOSE: &str = "session:close";
pub const TYPING: &str = "typing";
pub const MESSAGE_READ: &str = "message:read";
pub const AGENT_STATUS: &str = "agent:status";
pub const NOTE_ADD: &str = "note:add";
pub const SESSION_TRANSFER: &str = "session:transfer";
pub const SESSION_MONITOR: &str = "session:monitor";
pub const VISITOR_PAGE: &str = "visitor:page";
pub const CONTACT_UPDATE: &str = "contact:update";
pub const CSAT_SUBMIT: &str = "csat:submit";
pub const TRANSCRIPT_EMAIL: &str = "transcript:email";

// server -> client
pub const MESSAGE_HISTORY: &str = "message:history";
pub const MESSAGE_NEW: &str = "message:new";
pub const MESSAGE_DELTA: &str = "message:delta";
pub const QUEUE_BOOTSTRAP: &str = "queue:bootstrap";
pub const QUEUE_NEW: &str = "queue:new";
pub const QUEUE_REMOVE: &str = "queue:remove";
pub const HANDOFF_ACCEPTED: &str = "handoff:accepted";
pub const END_REQUESTED: &str = "session:end:requested";
pub const END_DECLINED: &str = "session:end:declined";
pub const SESSION_CLOSED: &str = "session:closed";
pub const SESSION_UPDATE: &str = "session:update";
pub const MESSAGE_STATUS: &str = "message:status";
pub const SESSION_EXPIRED: &str = "session:expired";
pub const AGENT_UPDATE: &str = "agent:update";
pub const NOTE_NEW: &str = "note:new";
pub const SESSION_ASSIGNED: &str = "session:assigned";
pub const SESSION_UNASSIGNED: &str = "session:unassigned";
pub const QUEUE_ALERT: &str = "queue:alert";
pub const QUEUE_POSITION: &str = "queue:position";
pub const AVAILABILITY: &str = "availability";

// /admin namespace
pub const ADMIN_BOOTSTRAP: &str = "admin:bootstrap";
pub const ADMIN_MESSAGE_NEW: &str = "admin:message:new";
pub const ADMIN_SESSION_UPDATE: &str = "admin:session:update";
pub const ADMIN_SUMMARY_READY: &str = "admin:summary:ready";
pub const ADMIN_MESSAGE_STATUS: &str = "admin:message:status";
pub const ADMIN_STATS: &str = "admin:stats";
pub const ADMIN_AGENT_UPDATE: &str = "admin:agent:update";
pub const ADMIN_NOTE_NEW: &str = "admin:note:new";
pub const INGEST_PROGRESS: &str = "ingest:progress";

/// Parses an event payload: it must be one JSON object of the expected shape.
pub fn parse<T: DeserializeOwned>(data: Option<Value>) -> AppResult<T> {
    match data {
        Some(value @ Value::Object(_)) => serde_json::from_value(value)
            .map_err(|e| AppError::invalid(format!("bad payload: {e}"))),
        Some(_) => Err(AppError::invalid("the payload must be a JSON object")),
        None => Err(AppError::invalid("a JSON object payload is required")),
    }
}

#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Hello {
    pub role: Option<String>,
    pub display_name: Option<String>,
    pub token: Option<String>,
    /// A signed-in customer, vouched for by the company's site (an HMAC
    /// under `IDENTITY_SECRET`): every device of theirs is one user.
    #[ts(
        optional,
        type = "{ externalId: string, email?: string, name?: string, hash: string }"
    )]
    pub identity: Option<crate::chat::contacts::IdentityClaim>,
    /// The visitor's language (`en`, `es-MX`, …): system messages and mails
    /// are written in it when it is one of en, es, fr, de, pt, ar.
    pub locale: Option<String>,
}

/// `csat:submit`: the visitor's rating of a closed chat.
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CsatSubmit {
    pub session_id: Uuid,
    /// 1 (bad) to 5 (great).
    pub rating: i64,
    pub comment: Option<String>,
}

/// `transcript:email`: mail me this chat.
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct TranscriptEmail {
    pub session_id: Uuid,
    pub email: String,
}

/// `contact:update`: the visitor leaves an address or a name.
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ContactUpdate {
    pub session_id: Uuid,
    pub email: Option<String>,
    pub display_name: Option<String>,
}

/// `visitor:page`: where the session's visitor is.
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct VisitorPageSet {
    pub session_id: Uuid,
    pub url: String,
    pub title: Option<String>,
    pub referrer: Option<String>,
}

#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SessionCreate {
    pub channel: Option<String>,
    pub site: Option<String>,
}

#[derive(Debug, Deserialize, TS)]
#[ts(export)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SessionRef {
    pub session_id: Uuid,
}

#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SessionJoin {
    pub session_id: Uuid,
    pub after_seq: Option<i64>,
}

#[derive(Debug, Deserialize, TS)]
#[ts(export)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct MessageSend {
    pub session_id: Uuid,
    /// May be empty when `attachmentIds` or `cannedId` is given.
    #[serde(default)]
    pub text: String,
    pub client_msg_id: String,
    #[serde(default)]
    #[ts(optional, as = "Option<Vec<Uuid>>")]
    pub attachment_ids: Vec<Uuid>,
    #[serde(default)]
    #[ts(optional)]
    pub canned_id: Option<Uuid>,
}

#[derive(Debug, Deserialize, TS)]
#[ts(export)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Typing {
    pub session_id: Uuid,
    pub is_typing: bool,
}

/// `note:add`: a private note on a chat.
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NoteAdd {
    pub session_id: Uuid,
    pub text: String,
}

/// `agent:status`: what the agent chooses (`online` or `away`).
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AgentStatusSet {
    pub status: AgentStatus,
}

/// `session:transfer`: hand the chat to `toAgentId`, with a note for them.
#[derive(Debug, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SessionTransfer {
    pub session_id: Uuid,
    pub to_agent_id: Uuid,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, TS)]
#[ts(export)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct MessageRead {
    pub session_id: Uuid,
    pub seq: i64,
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct History<'a> {
    pub session_id: Uuid,
    pub messages: &'a [Message],
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct QueueBootstrap {
    pub items: Vec<QueueItem>,
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct QueueRemove {
    pub session_id: Uuid,
    pub reason: QueueRemoveReason,
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct HandoffAccepted<'a> {
    pub session_id: Uuid,
    pub agent: &'a User,
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct EndRequested {
    pub session_id: Uuid,
    pub request_id: Uuid,
    pub requested_by: EndedBy,
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct SessionOnly {
    pub session_id: Uuid,
}

#[derive(Debug, Serialize, TS)]
#[ts(export, optional_fields)]
#[serde(rename_all = "camelCase")]
pub struct SessionClosed<'a> {
    pub session_id: Uuid,
    pub ended_by: EndedBy,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<&'a Summary>,
}

/// A piece of a bot answer as it is written; `stream_id` is the
/// `clientMsgId` the committed message will carry.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct MessageDelta<'a> {
    pub session_id: Uuid,
    pub stream_id: &'a str,
    pub delta: &'a str,
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct TypingOut {
    pub session_id: Uuid,
    pub sender_type: SenderType,
    pub is_typing: bool,
}

#[derive(Debug, Serialize, TS)]
#[ts(export, optional_fields)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryStatus<'a> {
    pub session_id: Uuid,
    pub message_id: Uuid,
    pub delivery_status: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_error: Option<&'a str>,
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ReadOut {
    pub session_id: Uuid,
    pub seq: i64,
    pub reader_type: SenderType,
}

/// `session:assigned`: a chat is now the receiving agent's.
#[derive(Debug, Serialize, TS)]
#[ts(export, optional_fields)]
#[serde(rename_all = "camelCase")]
pub struct SessionAssigned<'a> {
    pub session: &'a Session,
    pub messages: &'a [Message],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a Note>,
    /// The previous agent, on a transfer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<&'a User>,
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct SessionUnassigned {
    pub session_id: Uuid,
    pub reason: UnassignReason,
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct QueueAlert {
    pub session_id: Uuid,
    pub waiting_secs: i64,
}

#[derive(Debug, Serialize, TS)]
#[ts(export, optional_fields)]
#[serde(rename_all = "camelCase")]
pub struct QueuePosition {
    pub session_id: Uuid,
    /// 1 is next.
    pub position: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimated_wait_secs: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn payloads_are_checked_strictly() {
        let id = Uuid::now_v7();
        let ok: MessageSend = parse(Some(
            json!({"sessionId": id, "text": "hi", "clientMsgId": "c1"}),
        ))
        .unwrap();
        assert_eq!(ok.text, "hi");
        for bad in [
            json!({"sessionId": id, "text": 5, "clientMsgId": "c1"}),
            json!({"sessionId": "nope", "text": "hi", "clientMsgId": "c1"}),
            json!({"sessionId": id, "text": "hi"}),
            json!({"sessionId": id, "text": "hi", "clientMsgId": "c1", "admin": true}),
            json!(["sessionId"]),
            json!("text"),
            json!(null),
        ] {
            assert!(parse::<MessageSend>(Some(bad.clone())).is_err(), "{bad}");
        }
        assert!(parse::<MessageSend>(None).is_err());
    }
}
