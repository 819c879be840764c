//! Staff accounts as admins change them: name, role, capacity, and
//! deactivation (which hands the agent's chats back to the queue).

use uuid::Uuid;

use super::{
    ChatService,
    notify::{Notice, UnassignReason},
};
use crate::{
    domain::{
        model::{Agent, Role, User},
        validate,
    },
    error::{AppError, AppResult},
    store::{StaffPatch, StoreError},
};

/// The most chats an agent may be routed at once.
pub const MAX_CAPACITY: i32 = 50;

/// What an admin may change on a staff account.
#[derive(Debug, Clone, Default)]
pub struct AgentPatch {
    pub display_name: Option<String>,
    pub role: Option<Role>,
    pub capacity: Option<i64>,
    pub active: Option<bool>,
}

/// A capacity an agent can work with: at least one chat, at most `MAX_CAPACITY`.
pub fn check_capacity(capacity: i64) -> AppResult<i32> {
    i32::try_from(capacity)
        .ok()
        .filter(|c| (1..=MAX_CAPACITY).contains(c))
        .ok_or_else(|| AppError::invalid(format!("capacity must be between 1 and {MAX_CAPACITY}")))
}

impl ChatService {
    /// An admin changes a staff account (`PATCH /api/agents/{id}`). A
    /// deactivated agent's chats go back to the queue at once; its tokens
    /// stop working (the caller closes its sockets).
    pub async fn update_agent(
        &self,
        actor: &User,
        id: Uuid,
        patch: AgentPatch,
    ) -> AppResult<Agent> {
        if actor.role != Role::Admin {
            return Err(AppError::forbidden("only admins change accounts"));
        }
        let capacity = patch.capacity.map(check_capacity).transpose()?;
        if patch.role.is_some_and(|r| !r.is_staff()) {
            return Err(AppError::invalid("role must be agent, supervisor or admin"));
        }
        if id == actor.id
            && (patch.active == Some(false) || patch.role.is_some_and(|r| r != Role::Admin))
        {
            return Err(AppError::conflict(
                "you cannot deactivate or demote your own account; ask another admin",
            ));
        }
        let display_name = patch
            .display_name
            .as_deref()
            .map(validate::display_name)
            .transpose()?;
        let store_patch = StaffPatch {
            display_name,
            role: patch.role,
            capacity,
            active: patch.active,
        };
        self.inner
            .store
            .update_staff(id, store_patch)
            .await
            .map_err(|e| match e {
                StoreError::NotFound => AppError::not_found("no such agent"),
                other => other.into(),
            })?;
        let agent = self
            .agent(id)
            .await?
            .ok_or_else(|| AppError::not_found("no such agent"))?;
        if !agent.active {
            self.requeue_chats_of(&agent.staff.user, UnassignReason::Deactivated)
                .await?;
        }
        self.inner.store.announce_status(id, agent.status).await?;
        self.notify(Notice::AgentUpdate(agent.clone())).await;
        self.wake_router();
        Ok(agent)
    }
}
