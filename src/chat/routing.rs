//! Routing: queued chats go to online agents with room, oldest first (chats
//! back from an agent who left, in `requeue`, go first; positions and
//! alerts are in `waiting`).
//!
//! Every node runs the same router over the shared store. It decides from
//! one read of the team and the queue, then commits each assignment with a
//! conditional transition (`routed`): the session must still be queued and
//! the agent must still have room, checked under the agent's row lock. Two
//! nodes routing at once therefore assign a chat once and never overfill an
//! agent; the loser of a race just moves on.

use std::{collections::HashMap, sync::Mutex, time::Duration};

use chrono::{DateTime, Utc};
use futures::StreamExt;
use tokio::sync::Notify;
use uuid::Uuid;

use super::{
    ChatService,
    notify::{Notice, QueueRemoveReason},
    service::MAX_HISTORY,
};
use crate::{
    domain::{
        locale::{Locale, Phrase},
        model::{Agent, AgentStatus, SessionStatus, User},
    },
    error::AppResult,
    store::{AgentChange, StoreError, Transition, Transitioned},
};
use SessionStatus::*;

/// `ROUTING`: whether queued chats are assigned automatically.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoutingMode {
    /// Queued chats go to online agents by load (the default).
    Auto,
    /// Agents claim chats from the queue themselves.
    Manual,
}

#[derive(Debug, Clone, Copy)]
pub struct RoutingConfig {
    pub mode: RoutingMode,
    /// `QUEUE_ALERT_SECS`: a chat queued this long is announced again, and
    /// again every such period, until someone has it.
    pub alert_after: Duration,
}

impl Default for RoutingConfig {
    fn default() -> Self {
        RoutingConfig {
            mode: RoutingMode::Auto,
            alert_after: Duration::from_secs(60),
        }
    }
}

/// Rounds of plan-and-commit in one pass (each re-reads the team and queue).
const MAX_ROUNDS: usize = 8;

/// How many planned assignments one node commits at once.
const ASSIGN_CONCURRENCY: usize = 16;

/// This node's router and position announcer: what wakes them, and the
/// positions already told to each queued chat.
#[derive(Default)]
pub(super) struct RouterState {
    wake_router: Notify,
    pub(super) wake_positions: Notify,
    /// The position and estimate last told to each queued chat.
    pub(super) told: Mutex<HashMap<Uuid, (i64, Option<i64>)>>,
}

/// An agent the router may still give chats to in this pass.
#[derive(Debug, Clone)]
struct Candidate {
    user: User,
    active_chats: i64,
    capacity: i64,
    last_assigned_at: Option<DateTime<Utc>>,
}

/// The agent routing picks: fewest active chats, then idle longest (never
/// assigned counts as longest), then the oldest account, for a stable order.
fn pick(candidates: &[Candidate]) -> Option<usize> {
    candidates
        .iter()
        .enumerate()
        .min_by_key(|(_, c)| (c.active_chats, c.last_assigned_at, c.user.id))
        .map(|(i, _)| i)
}

/// Online, active, with room.
fn candidates(team: Vec<Agent>) -> Vec<Candidate> {
    team.into_iter()
        .filter(|a| a.active && a.status == AgentStatus::Online && a.active_chats < a.capacity)
        .map(|a| Candidate {
            user: a.staff.user,
            active_chats: a.active_chats,
            capacity: a.capacity,
            last_assigned_at: a.last_assigned_at,
        })
        .collect()
}

impl ChatService {
    pub(super) fn router(&self) -> &RouterState {
        &self.inner.router
    }

    /// Something changed that may let a queued chat be routed.
    pub(super) fn wake_router(&self) {
        if self.inner.routing.mode == RoutingMode::Auto {
            self.router().wake_router.notify_one();
        }
        self.router().wake_positions.notify_one();
    }

    /// The queue changed without freeing an agent.
    pub(super) fn wake_positions(&self) {
        self.router().wake_positions.notify_one();
    }

    /// Waits until the router should run again, or `timeout`.
    pub async fn router_woken(&self, timeout: Duration) {
        let _ = tokio::time::timeout(timeout, self.router().wake_router.notified()).await;
    }

    /// Waits until queue positions may have changed, or `timeout`.
    pub async fn positions_woken(&self, timeout: Duration) {
        let _ = tokio::time::timeout(timeout, self.router().wake_positions.notified()).await;
    }

    pub fn routing(&self) -> RoutingConfig {
        self.inner.routing
    }

    /// One routing pass: plans the queue's oldest chats onto the online
    /// agents with room (each time the least loaded, idle longest), then
    /// commits the plan's assignments concurrently (they touch different
    /// sessions and, per agent, serialize on its row lock). An assignment
    /// another node beat us to is dropped; the next round replans from a
    /// fresh read. Returns how many it assigned.
    pub async fn route_queue(&self) -> AppResult<usize> {
        if self.inner.routing.mode == RoutingMode::Manual {
            return Ok(0);
        }
        let mut assigned = 0;
        for _round in 0..MAX_ROUNDS {
            let mut free = candidates(self.team().await?);
            if free.is_empty() {
                break;
            }
            let queued = self.inner.store.queue(0).await?;
            let full_page = queued.len() >= 500;
            let mut plan = Vec::new();
            for item in queued {
                let Some(i) = pick(&free) else { break };
                plan.push((item.session_id, item.locale, free[i].user.clone()));
                let c = &mut free[i];
                c.active_chats += 1;
                c.last_assigned_at = Some(Utc::now());
                if c.active_chats >= c.capacity {
                    free.swap_remove(i);
                }
            }
            if plan.is_empty() {
                break;
            }
            let planned = plan.len();
            let outcomes: Vec<AppResult<Assignment>> = futures::stream::iter(plan)
                .map(|(session_id, locale, agent)| async move {
                    self.assign(session_id, locale.unwrap_or_default(), &agent)
                        .await
                })
                .buffer_unordered(ASSIGN_CONCURRENCY)
                .collect()
                .await;
            let mut done = 0;
            let mut lost_agent = false;
            for outcome in outcomes {
                match outcome? {
                    Assignment::Done => done += 1,
                    Assignment::AgentFull => lost_agent = true,
                    Assignment::Gone => {}
                }
            }
            assigned += done;
            // Another round only when it can still place chats: an agent we
            // counted on filled up elsewhere, or the queue has more than a page.
            let more = lost_agent || (full_page && done == planned && !free.is_empty());
            if !more {
                break;
            }
        }
        if assigned > 0 {
            self.router().wake_positions.notify_one();
        }
        Ok(assigned)
    }

    /// Routes one queued chat to `agent`, if both still allow it.
    async fn assign(
        &self,
        session_id: Uuid,
        locale: Locale,
        agent: &User,
    ) -> AppResult<Assignment> {
        let change = Transition {
            agent: AgentChange::Set(agent.id),
            system_text: Some(
                Phrase::Joined {
                    agent: &agent.display_name,
                }
                .text(locale),
            ),
            routed: true,
            ..Transition::new(session_id, &[QueuedForAgent], ActiveWithAgent)
        };
        let done = match self.inner.store.transition(change).await {
            Ok(done) => done,
            Err(StoreError::Conflict(_)) => {
                let now = self.session(session_id).await?;
                return Ok(if now.status == QueuedForAgent {
                    Assignment::AgentFull
                } else {
                    Assignment::Gone
                });
            }
            Err(StoreError::NotFound) => return Ok(Assignment::Gone),
            Err(e) => return Err(e.into()),
        };
        self.announce_assigned(&done, agent, QueueRemoveReason::Assigned)
            .await?;
        let messages = self
            .inner
            .store
            .messages_after(session_id, 0, MAX_HISTORY)
            .await?;
        // A chat back from the queue names the agent who left it.
        let from = match self.inner.store.previous_agent(session_id).await? {
            Some(id) => self.agent(id).await?.map(|a| a.staff.user),
            None => None,
        };
        self.notify(Notice::Assigned {
            agent_id: agent.id,
            session: done.session,
            messages,
            note: None,
            from,
        })
        .await;
        Ok(Assignment::Done)
    }

    /// What every side hears when a chat gets its agent (claim or routing).
    pub(super) async fn announce_assigned(
        &self,
        done: &Transitioned,
        agent: &User,
        reason: QueueRemoveReason,
    ) -> AppResult<()> {
        let session_id = done.session.id;
        self.notify(Notice::JoinRoom {
            user_id: agent.id,
            session_id,
        })
        .await;
        self.announce_change(done).await;
        self.notify(Notice::HandoffAccepted {
            session_id,
            agent: agent.clone(),
        })
        .await;
        self.notify(Notice::QueueRemove { session_id, reason })
            .await;
        self.announce_load(agent.id).await?;
        Ok(())
    }

    /// Tells the team an agent's load changed.
    pub(super) async fn announce_load(&self, agent_id: Uuid) -> AppResult<()> {
        if let Some(agent) = self.agent(agent_id).await? {
            self.notify(Notice::AgentUpdate(agent)).await;
        }
        Ok(())
    }
}

enum Assignment {
    Done,
    /// The agent filled up (another node routed to it first).
    AgentFull,
    /// The chat is no longer queued (claimed, routed elsewhere, closed).
    Gone,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Role;

    fn candidate(active: i64, last: Option<i64>) -> Candidate {
        Candidate {
            user: User {
                id: Uuid::now_v7(),
                role: Role::Agent,
                display_name: "a".into(),
            },
            active_chats: active,
            capacity: 3,
            last_assigned_at: last.map(|secs| DateTime::from_timestamp(secs, 0).unwrap()),
        }
    }

    #[test]
    fn routing_picks_the_least_loaded_then_the_longest_idle() {
        let busy = candidate(2, Some(100));
        let idle_long = candidate(1, Some(50));
        let idle_short = candidate(1, Some(90));
        let pool = vec![busy, idle_short, idle_long.clone()];
        assert_eq!(pool[pick(&pool).unwrap()].user.id, idle_long.user.id);

        let never = candidate(1, None);
        let pool = vec![candidate(1, Some(10)), never.clone()];
        assert_eq!(
            pool[pick(&pool).unwrap()].user.id,
            never.user.id,
            "never assigned is idle longest"
        );
        assert_eq!(pick(&[]), None);
    }

    #[test]
    fn only_online_active_agents_with_room_are_candidates() {
        let agent = |status, active_chats, active| Agent {
            staff: crate::domain::model::StaffMember {
                user: User {
                    id: Uuid::now_v7(),
                    role: Role::Agent,
                    display_name: "a".into(),
                },
                email: "a@x".into(),
                created_at: Utc::now(),
            },
            status,
            capacity: 3,
            active_chats,
            active,
            last_assigned_at: None,
        };
        let team = vec![
            agent(AgentStatus::Online, 2, true),
            agent(AgentStatus::Online, 3, true),
            agent(AgentStatus::Away, 0, true),
            agent(AgentStatus::Offline, 0, true),
            agent(AgentStatus::Online, 0, false),
        ];
        let free = candidates(team);
        assert_eq!(free.len(), 1);
        assert_eq!(free[0].active_chats, 2);
    }
}
