//! The console's own objects: the audit log and API tokens.

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::model::Role;

/// Who did what (`GET /api/audit`), newest first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    /// e.g. `login`, `agent.created`, `settings.widget`, `contact.erased`.
    pub action: String,
    pub target: Option<String>,
    #[ts(type = "Record<string, unknown> | null")]
    pub detail: Option<serde_json::Value>,
}

/// One to write.
#[derive(Debug, Clone)]
pub struct NewAudit {
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    pub action: &'static str,
    pub target: Option<String>,
    pub detail: Option<serde_json::Value>,
}

/// A long-lived token for scripts (`/api/tokens`); its secret is shown once.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ApiToken {
    pub id: Uuid,
    pub name: String,
    #[ts(type = "\"agent\" | \"supervisor\" | \"admin\"")]
    pub role: Role,
    pub created_at: DateTime<Utc>,
}

/// The audit log's actions, named once.
pub mod action {
    pub const LOGIN: &str = "login";
    pub const AGENT_CREATED: &str = "agent.created";
    pub const AGENT_UPDATED: &str = "agent.updated";
    pub const PASSWORD_RESET: &str = "agent.password_reset";
    pub const SETTINGS_WIDGET: &str = "settings.widget";
    pub const SETTINGS_HOURS: &str = "settings.business_hours";
    pub const CONTACT_EXPORTED: &str = "contact.exported";
    pub const CONTACT_ERASED: &str = "contact.erased";
    pub const TOKEN_CREATED: &str = "token.created";
    pub const TOKEN_REVOKED: &str = "token.revoked";
    pub const KNOWLEDGE_INGEST: &str = "knowledge.ingest";
    pub const KNOWLEDGE_FORGOTTEN: &str = "knowledge.forgotten";
    pub const REPORT_EXPORTED: &str = "report.exported";
}
