//! The team: who is online, away or offline, across every node. A node
//! records each agent socket it holds and refreshes them with a heartbeat;
//! an agent whose last socket has been gone for the grace period is offline.
//! A change of status is announced once (`agent:update`), by whichever node
//! sees it first.

use std::time::Duration;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{ChatService, notify::Notice};
use crate::{
    domain::model::{Agent, AgentStatus, User},
    error::{AppError, AppResult},
    store::{NodeSockets, TeamMember},
};

/// How a node's presence facts are kept and read.
#[derive(Debug, Clone, Copy)]
pub struct PresenceConfig {
    /// How long an agent with no socket keeps its status (`AGENT_OFFLINE_GRACE_SECS`).
    pub offline_grace: Duration,
    /// How often a node says it still holds its sockets.
    pub heartbeat: Duration,
}

impl PresenceConfig {
    /// Heartbeats several times per grace period (at most every 10 s), so a
    /// dead node's sockets are gone well within it.
    pub fn with_grace(offline_grace: Duration) -> Self {
        PresenceConfig {
            offline_grace,
            heartbeat: (offline_grace / 4).min(Duration::from_secs(10)),
        }
    }

    /// A node silent for this long holds no socket any more (it died).
    pub fn stale_after(&self) -> Duration {
        self.heartbeat * 3
    }
}

impl Default for PresenceConfig {
    fn default() -> Self {
        PresenceConfig::with_grace(Duration::from_secs(60))
    }
}

/// How soon after a logout the closing of the last socket counts as part of
/// it (the sockets close just after the logout is recorded).
const LOGOUT_SLACK: Duration = Duration::from_secs(5);

/// The status an agent has now: what it chose while any node holds a live
/// socket of it or the last one left less than the grace period ago, else
/// offline; and offline at once when its last socket closed with a logout.
pub fn status_now(
    chosen: AgentStatus,
    nodes: &[NodeSockets],
    left_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    config: &PresenceConfig,
) -> AgentStatus {
    let within = |at: DateTime<Utc>, span: Duration| {
        now.signed_duration_since(at).to_std().unwrap_or_default() < span
    };
    let live = nodes
        .iter()
        .any(|n| n.sockets > 0 && within(n.seen_at, config.stale_after()));
    let lately = nodes.iter().any(|n| {
        // A dead node's sockets count as gone from its last heartbeat.
        within(n.seen_at, config.offline_grace)
    });
    let last_seen = nodes.iter().map(|n| n.seen_at).max();
    let logged_out = match (left_at, last_seen) {
        (Some(left), Some(seen)) => {
            seen.signed_duration_since(left)
                .to_std()
                .unwrap_or_default()
                <= LOGOUT_SLACK
        }
        (Some(_), None) => true,
        _ => false,
    };
    if live || (lately && !logged_out) {
        chosen
    } else {
        AgentStatus::Offline
    }
}

fn agent(member: TeamMember, status: AgentStatus) -> Agent {
    Agent {
        staff: member.staff,
        status,
        capacity: member.capacity,
        active_chats: member.active_chats,
        active: member.active,
        last_assigned_at: member.last_assigned_at,
    }
}

impl ChatService {
    /// The whole team with each one's status now.
    pub async fn team(&self) -> AppResult<Vec<Agent>> {
        let now = Utc::now();
        let members = self.inner.store.team().await?;
        Ok(members.into_iter().map(|m| self.as_agent(m, now)).collect())
    }

    /// How many active agents are online (not away) now.
    pub(super) async fn online_agents(&self) -> AppResult<i64> {
        let online = self
            .team()
            .await?
            .iter()
            .filter(|a| a.active && a.status == AgentStatus::Online)
            .count();
        Ok(i64::try_from(online).unwrap_or(i64::MAX))
    }

    /// One staff member with its status now.
    pub async fn agent(&self, id: Uuid) -> AppResult<Option<Agent>> {
        let member = self.inner.store.team_member(id).await?;
        Ok(member.map(|m| self.as_agent(m, Utc::now())))
    }

    fn as_agent(&self, m: TeamMember, now: DateTime<Utc>) -> Agent {
        let status = if m.active {
            status_now(m.chosen, &m.nodes, m.left_at, now, &self.inner.presence)
        } else {
            AgentStatus::Offline
        };
        agent(m, status)
    }

    /// A staff socket said hello on this node; returns the agent as it is now.
    pub async fn agent_connected(&self, actor: &User) -> AppResult<Option<Agent>> {
        if !actor.role.is_staff() {
            return Ok(None);
        }
        let store = &self.inner.store;
        store
            .agent_connected(actor.id, self.inner.node_id, Utc::now())
            .await?;
        self.wake_router();
        self.announce_one(actor.id).await
    }

    /// A staff socket of this node went away; the agent keeps its status for
    /// the grace period (`sweep_presence` announces it offline after).
    pub async fn agent_disconnected(&self, agent_id: Uuid) -> AppResult<()> {
        let store = &self.inner.store;
        store
            .agent_disconnected(agent_id, self.inner.node_id, Utc::now())
            .await?;
        Ok(())
    }

    /// The agent logged out: once its sockets have closed it is offline,
    /// without waiting for the grace period (the next sweep announces it).
    pub async fn agent_logged_out(&self, actor: &User) -> AppResult<()> {
        if actor.role.is_staff() {
            self.inner.store.agent_left(actor.id, Utc::now()).await?;
        }
        Ok(())
    }

    /// `agent:status`: the agent chooses online or away.
    pub async fn set_status(&self, actor: &User, status: AgentStatus) -> AppResult<Agent> {
        if !actor.role.is_staff() {
            return Err(AppError::forbidden("only agents have a status"));
        }
        if status == AgentStatus::Offline {
            return Err(AppError::invalid(
                "status must be \"online\" or \"away\"; offline is when you leave",
            ));
        }
        self.inner.store.choose_status(actor.id, status).await?;
        self.wake_router();
        self.announce_one(actor.id)
            .await?
            .ok_or_else(|| AppError::not_found("no such agent"))
    }

    /// Announces every status that changed (agents whose grace ran out go
    /// offline) and gives the chats of agents who are gone back to the
    /// queue, from one read of the team; called every few seconds on every node.
    pub async fn sweep_presence(&self) -> AppResult<()> {
        let team = self.team().await?;
        for agent in &team {
            self.announce_if_changed(agent).await?;
        }
        self.take_back_chats(&team).await?;
        Ok(())
    }

    /// Tells the store this node still holds its sockets.
    pub async fn presence_heartbeat(&self) -> AppResult<()> {
        let store = &self.inner.store;
        Ok(store
            .presence_heartbeat(self.inner.node_id, Utc::now())
            .await?)
    }

    /// One agent as it is now, its status announced if it changed.
    async fn announce_one(&self, id: Uuid) -> AppResult<Option<Agent>> {
        let agent = self.agent(id).await?;
        if let Some(agent) = &agent {
            self.announce_if_changed(agent).await?;
        }
        Ok(agent)
    }

    /// Announces the agent's status unless it already was (by any node).
    async fn announce_if_changed(&self, agent: &Agent) -> AppResult<()> {
        let store = &self.inner.store;
        if store
            .announce_status(agent.staff.user.id, agent.status)
            .await?
        {
            self.notify(Notice::AgentUpdate(agent.clone())).await;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AgentStatus::*;

    fn node(sockets: i64, secs_ago: i64, now: DateTime<Utc>) -> NodeSockets {
        NodeSockets {
            sockets,
            seen_at: now - chrono::Duration::seconds(secs_ago),
        }
    }

    #[test]
    fn offline_only_after_the_grace_period() {
        let config = PresenceConfig::default(); // 60 s grace, 30 s stale
        assert_eq!(config.stale_after(), Duration::from_secs(30));
        let now = Utc::now();
        assert_eq!(
            status_now(Online, &[node(1, 5, now)], None, now, &config),
            Online
        );
        assert_eq!(
            status_now(Away, &[node(2, 5, now)], None, now, &config),
            Away
        );
        assert_eq!(
            status_now(Online, &[node(0, 59, now)], None, now, &config),
            Online,
            "in grace"
        );
        assert_eq!(
            status_now(Online, &[node(0, 61, now)], None, now, &config),
            Offline
        );
        assert_eq!(
            status_now(Online, &[], None, now, &config),
            Offline,
            "never connected"
        );
        assert_eq!(
            status_now(Online, &[node(3, 90, now)], None, now, &config),
            Offline,
            "a node silent past its heartbeat and the grace holds nothing"
        );
        assert_eq!(
            status_now(
                Online,
                &[node(0, 120, now), node(1, 2, now)],
                None,
                now,
                &config
            ),
            Online,
            "one live node is enough"
        );
        let left = Some(now - chrono::Duration::seconds(3));
        assert_eq!(
            status_now(Online, &[node(0, 2, now)], left, now, &config),
            Offline,
            "the last socket closed with the logout: no grace"
        );
        assert_eq!(
            status_now(Online, &[node(1, 1, now)], left, now, &config),
            Online,
            "logged in again"
        );
        assert_eq!(
            status_now(
                Online,
                &[node(0, 2, now)],
                Some(now - chrono::Duration::seconds(50)),
                now,
                &config
            ),
            Online,
            "a later disconnect gets its grace"
        );
    }
}
