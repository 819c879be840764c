//! The team's rows: staff with their presence facts, and private notes.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{StaffRow, parse_enum};
use crate::{
    domain::model::{AgentStatus, Note, StaffMember},
    store::StoreResult,
};

#[derive(sqlx::FromRow)]
pub struct TeamRow {
    #[sqlx(flatten)]
    pub staff: StaffRow,
    pub presence: String,
    pub capacity: i64,
    pub announced_status: Option<String>,
    pub left_at: Option<DateTime<Utc>>,
    pub active_chats: i64,
    pub active: bool,
    pub last_assigned_at: Option<DateTime<Utc>>,
}

impl TeamRow {
    /// The member, with its sockets from `sockets` (`agent_id, sockets, seen_at`).
    pub fn into_member(
        self,
        sockets: &[(Uuid, i64, DateTime<Utc>)],
    ) -> StoreResult<crate::store::presence::TeamMember> {
        let staff: StaffMember = self.staff.try_into()?;
        let nodes = sockets
            .iter()
            .filter(|(agent, _, _)| *agent == staff.user.id)
            .map(|&(_, sockets, seen_at)| crate::store::presence::NodeSockets { sockets, seen_at })
            .collect();
        Ok(crate::store::presence::TeamMember {
            chosen: parse_enum(&self.presence, AgentStatus::parse, "presence")?,
            capacity: self.capacity,
            active_chats: self.active_chats,
            announced: self
                .announced_status
                .map(|s| parse_enum(&s, AgentStatus::parse, "announced_status"))
                .transpose()?,
            left_at: self.left_at,
            active: self.active,
            last_assigned_at: self.last_assigned_at,
            staff,
            nodes,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct NoteRow {
    pub id: Uuid,
    pub session_id: Uuid,
    pub author_id: Uuid,
    pub author_name: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

impl From<NoteRow> for Note {
    fn from(r: NoteRow) -> Self {
        Note {
            id: r.id,
            session_id: r.session_id,
            author_id: r.author_id,
            author_name: r.author_name,
            text: r.body,
            created_at: r.created_at,
        }
    }
}
