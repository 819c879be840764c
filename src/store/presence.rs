//! Agents' presence: the status each chose, the sockets each node holds for
//! it (refreshed by that node's heartbeat), and the status last announced.
//! The store keeps the facts; `chat::team` decides what they mean.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::StoreResult;
use crate::domain::model::{AgentStatus, StaffMember};

/// One node's sockets for an agent, as that node last reported them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeSockets {
    pub sockets: i64,
    pub seen_at: DateTime<Utc>,
}

/// A staff member with its presence facts.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamMember {
    pub staff: StaffMember,
    /// What the agent chose: online or away.
    pub chosen: AgentStatus,
    pub capacity: i64,
    pub active_chats: i64,
    /// The status last announced to the team, if any.
    pub announced: Option<AgentStatus>,
    /// When the agent last logged out.
    pub left_at: Option<DateTime<Utc>>,
    /// False once deactivated.
    pub active: bool,
    /// When a chat last went to the agent (routing's tie-break: idle longest).
    pub last_assigned_at: Option<DateTime<Utc>>,
    pub nodes: Vec<NodeSockets>,
}

#[async_trait]
pub trait PresenceStore: Send + Sync {
    /// One more socket of `agent_id` on `node_id`.
    async fn agent_connected(
        &self,
        agent_id: Uuid,
        node_id: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// One socket fewer; `at` is when the agent was last seen there.
    async fn agent_disconnected(
        &self,
        agent_id: Uuid,
        node_id: Uuid,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// This node still holds its sockets.
    async fn presence_heartbeat(&self, node_id: Uuid, at: DateTime<Utc>) -> StoreResult<()>;
    /// The agent logged out at `at`.
    async fn agent_left(&self, agent_id: Uuid, at: DateTime<Utc>) -> StoreResult<()>;
    /// The status the agent chose (online or away).
    async fn choose_status(&self, agent_id: Uuid, status: AgentStatus) -> StoreResult<()>;
    /// Every staff member with its presence facts, oldest first.
    async fn team(&self) -> StoreResult<Vec<TeamMember>>;
    /// One staff member with its presence facts.
    async fn team_member(&self, id: Uuid) -> StoreResult<Option<TeamMember>>;
    /// Records `status` as announced; false when it already was (another
    /// node announced it first), so each change is announced once.
    async fn announce_status(&self, agent_id: Uuid, status: AgentStatus) -> StoreResult<bool>;
}
