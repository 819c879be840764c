//! No orphaned chat: the chats of an agent who is gone (offline past the
//! grace, logged out, deactivated) go back to the front of the queue, the
//! visitor is told, and the router takes them from there.

use super::{
    ChatService,
    notify::{Notice, UnassignReason},
    service::PREVIEW,
};
use crate::{
    domain::{
        locale::Phrase,
        model::{Agent, AgentStatus, Session, SessionStatus, User},
        queue,
    },
    error::AppResult,
    store::{AgentChange, EndRequestOutcome, StoreError, Transition},
};
use SessionStatus::*;

impl ChatService {
    /// Gives back the chats of agents who are offline or deactivated: each
    /// goes to the front of the queue, its visitor is told, and it is routed
    /// again. Runs on every node's presence sweep; each chat is taken back
    /// once (the transition holds only while the agent still has it).
    pub async fn take_back_chats(&self, team: &[Agent]) -> AppResult<usize> {
        let mut taken = 0;
        for agent in team {
            let gone = !agent.active || agent.status == AgentStatus::Offline;
            if gone && agent.active_chats > 0 {
                let reason = if agent.active {
                    UnassignReason::AgentOffline
                } else {
                    UnassignReason::Deactivated
                };
                taken += self.requeue_chats_of(&agent.staff.user, reason).await?;
            }
        }
        Ok(taken)
    }

    /// Puts `agent`'s active chats back at the front of the queue.
    pub async fn requeue_chats_of(&self, agent: &User, reason: UnassignReason) -> AppResult<usize> {
        let mut taken = 0;
        for session in self.inner.store.active_sessions_for_agent(agent.id).await? {
            if self.requeue(&session, agent, reason).await? {
                taken += 1;
            }
        }
        if taken > 0 {
            tracing::info!(agent.id = %agent.id, chats = taken, ?reason, "chats back in the queue");
            self.announce_load(agent.id).await?;
            self.wake_router();
        }
        Ok(taken)
    }

    async fn requeue(
        &self,
        session: &Session,
        agent: &User,
        reason: UnassignReason,
    ) -> AppResult<bool> {
        let change = Transition {
            agent: AgentChange::Clear,
            held_by: Some(agent.id),
            front_of_queue: true,
            end_request: Some(EndRequestOutcome::Superseded),
            system_text: Some(
                Phrase::LeftFindingSomeone {
                    agent: &agent.display_name,
                }
                .text(session.locale.unwrap_or_default()),
            ),
            ..Transition::new(session.id, &[ActiveWithAgent], QueuedForAgent)
        };
        let done = match self.inner.store.transition(change).await {
            Ok(done) => done,
            Err(StoreError::Conflict(_) | StoreError::NotFound) => return Ok(false),
            Err(e) => return Err(e.into()),
        };
        self.announce_change(&done).await;
        self.notify(Notice::Unassigned {
            agent_id: agent.id,
            session_id: session.id,
            reason,
        })
        .await;
        self.notify(Notice::LeaveRoom {
            user_id: agent.id,
            session_id: session.id,
        })
        .await;
        let preview = self
            .inner
            .store
            .messages_after(
                session.id,
                (done.session.last_seq - PREVIEW).max(0),
                PREVIEW,
            )
            .await?;
        self.notify(Notice::QueueNew(queue::item(done.session, preview)))
            .await;
        Ok(true)
    }
}
