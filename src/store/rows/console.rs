//! The console's rows: reports, the audit log, API tokens, invitations.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::parse_enum;
use crate::{
    domain::{
        console::{ApiToken, AuditEntry, Invitation, InvitationStatus},
        model::{Channel, EndedBy, Role, SessionStatus},
        reports::ReportRow,
    },
    store::{StoreError, StoreResult},
};

#[derive(sqlx::FromRow)]
pub struct ReportRowSql {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub channel: String,
    pub status: String,
    pub visitor: String,
    pub agent_id: Option<Uuid>,
    pub agent_name: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub ended_by: Option<String>,
    pub messages: i64,
    pub csat_rating: Option<i32>,
    pub csat_comment: Option<String>,
    pub tags: String,
    pub first_queued_at: Option<DateTime<Utc>>,
    pub first_assigned_at: Option<DateTime<Utc>>,
    pub first_response_at: Option<DateTime<Utc>>,
}

impl TryFrom<ReportRowSql> for ReportRow {
    type Error = StoreError;
    fn try_from(r: ReportRowSql) -> StoreResult<ReportRow> {
        Ok(ReportRow {
            session_id: r.id,
            created_at: r.created_at,
            channel: parse_enum(&r.channel, Channel::parse, "channel")?,
            status: parse_enum(&r.status, SessionStatus::parse, "status")?,
            visitor: r.visitor,
            agent_id: r.agent_id,
            agent_name: r.agent_name,
            first_queued_at: r.first_queued_at,
            first_assigned_at: r.first_assigned_at,
            first_response_at: r.first_response_at,
            closed_at: r.closed_at,
            ended_by: r
                .ended_by
                .map(|e| parse_enum(&e, EndedBy::parse, "ended_by"))
                .transpose()?,
            messages: r.messages,
            csat_rating: r.csat_rating,
            csat_comment: r.csat_comment,
            tags: serde_json::from_str(&r.tags).unwrap_or_default(),
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct AuditRow {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub detail: Option<String>,
}

impl From<AuditRow> for AuditEntry {
    fn from(r: AuditRow) -> AuditEntry {
        AuditEntry {
            id: r.id,
            at: r.at,
            actor_id: r.actor_id,
            actor_name: r.actor_name,
            action: r.action,
            target: r.target,
            detail: r.detail.and_then(|d| serde_json::from_str(&d).ok()),
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct ApiTokenRow {
    pub id: Uuid,
    pub name: String,
    pub role: String,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<ApiTokenRow> for ApiToken {
    type Error = StoreError;
    fn try_from(r: ApiTokenRow) -> StoreResult<ApiToken> {
        Ok(ApiToken {
            id: r.id,
            name: r.name,
            role: parse_enum(&r.role, Role::parse, "role")?,
            created_at: r.created_at,
        })
    }
}

/// An invitation with its inviter's name; `where` and the rest follow.
pub const INVITATION_SELECT: &str = "select i.id, i.email, i.role, i.display_name, \
     cast(i.capacity as bigint) as capacity, i.invited_by, u.display_name as invited_by_name, \
     i.created_at, i.expires_at, i.accepted_at from invitations i left join users u on u.id = i.invited_by";

#[derive(sqlx::FromRow)]
pub struct InvitationRow {
    pub id: Uuid,
    pub email: String,
    pub role: String,
    pub display_name: Option<String>,
    pub capacity: Option<i64>,
    pub invited_by: Option<Uuid>,
    pub invited_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
}

impl InvitationRow {
    /// Its status as of `now`.
    pub fn into_invitation(self, now: DateTime<Utc>) -> StoreResult<Invitation> {
        Ok(Invitation {
            status: InvitationStatus::of(self.accepted_at, self.expires_at, now),
            id: self.id,
            email: self.email,
            role: parse_enum(&self.role, Role::parse, "role")?,
            display_name: self.display_name,
            capacity: self.capacity,
            invited_by: self.invited_by,
            invited_by_name: self.invited_by_name,
            created_at: self.created_at,
            expires_at: self.expires_at,
            accepted_at: self.accepted_at,
        })
    }
}
