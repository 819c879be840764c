//! The console's own objects: the audit log, API tokens and invitations.

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::model::Role;

/// Who did what (`GET /api/audit`), newest first.
#[derive(Debug, Clone, PartialEq, Serialize, TS, utoipa::ToSchema)]
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
#[derive(Debug, Clone, PartialEq, Serialize, TS, utoipa::ToSchema)]
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
    pub const INVITATION_SENT: &str = "invitation.sent";
    pub const INVITATION_WITHDRAWN: &str = "invitation.withdrawn";
    pub const INVITATION_ACCEPTED: &str = "invitation.accepted";
    pub const WEBHOOK_CREATED: &str = "webhook.created";
    pub const WEBHOOK_UPDATED: &str = "webhook.updated";
    pub const WEBHOOK_DELETED: &str = "webhook.deleted";
}

/// How long an invitation's link works.
pub const INVITATION_DAYS: i64 = 7;

/// A person invited by email to join the team (`/api/invitations`).
#[derive(Debug, Clone, PartialEq, Serialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Invitation {
    pub id: Uuid,
    pub email: String,
    #[ts(type = "\"agent\" | \"supervisor\" | \"admin\"")]
    pub role: Role,
    pub display_name: Option<String>,
    pub capacity: Option<i64>,
    pub invited_by: Option<Uuid>,
    pub invited_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub status: InvitationStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Expired,
}

impl InvitationStatus {
    pub fn of(
        accepted_at: Option<DateTime<Utc>>,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Self {
        match accepted_at {
            Some(_) => InvitationStatus::Accepted,
            None if expires_at <= now => InvitationStatus::Expired,
            None => InvitationStatus::Pending,
        }
    }
}
