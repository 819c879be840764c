//! The agent's workspace on the wire: contacts, canned responses, search
//! results (PROTOCOL.md Part 2, "Objects added or extended" and "Workspace").

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::model::Session;

/// A visitor as the team knows them. Every visitor is one (anonymous ones
/// unverified); a contact's id is the visitor's user id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export, optional_fields)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub id: Uuid,
    pub display_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The WhatsApp number, for WhatsApp contacts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The company's own id for a signed-in customer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Identified by the company's site with a valid `IDENTITY_SECRET` HMAC.
    pub verified: bool,
    pub first_seen_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub session_count: i64,
    /// Erased (`DELETE /api/contacts/{id}`): the id stays, the rest is gone.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub erased: bool,
}

/// One answer of the team's shared library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct CannedResponse {
    pub id: Uuid,
    /// Lower-case letters, digits, `-` and `_`: typed as `/shortcut`.
    pub shortcut: String,
    pub title: String,
    /// May hold `{{visitor.name}}`, `{{visitor.email}}`, `{{agent.name}}`.
    pub text: String,
}

/// A message that matched: `snippet` is HTML-escaped text with the matched
/// words in `<mark>…</mark>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export)]
pub struct SearchMatch {
    pub seq: i64,
    pub snippet: String,
}

/// A conversation with its matching messages (the first few, in order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, utoipa::ToSchema)]
#[ts(export)]
pub struct SearchResult {
    pub session: Session,
    pub matches: Vec<SearchMatch>,
}
