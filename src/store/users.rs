//! Users (visitors, staff, channel users) and their tokens.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::StoreResult;
use crate::domain::model::{Role, StaffMember, User};

pub struct NewUser {
    pub role: Role,
    pub display_name: String,
    pub email: Option<String>,
    pub password_hash: Option<String>,
    pub external_id: Option<String>,
}

/// Changes to a staff account; `None` keeps the field.
#[derive(Debug, Clone, Default)]
pub struct StaffPatch {
    pub display_name: Option<String>,
    pub role: Option<Role>,
    pub capacity: Option<i32>,
    pub active: Option<bool>,
}

#[async_trait]
pub trait UserStore: Send + Sync {
    async fn create_user(&self, user: NewUser) -> StoreResult<User>;
    /// Creates or updates the staff account with this email.
    async fn upsert_staff(&self, user: NewUser) -> StoreResult<User>;
    async fn get_user(&self, id: Uuid) -> StoreResult<User>;
    async fn update_display_name(&self, id: Uuid, display_name: &str) -> StoreResult<User>;
    /// The user and its password hash.
    async fn credentials(&self, email: &str) -> StoreResult<Option<(User, String)>>;
    async fn list_staff(&self) -> StoreResult<Vec<StaffMember>>;
    /// Applies `patch` to a staff account; `NotFound` when `id` is not staff.
    async fn update_staff(&self, id: Uuid, patch: StaffPatch) -> StoreResult<()>;
    async fn count_admins(&self) -> StoreResult<i64>;
    /// A staff member's new password; every token of theirs is revoked with
    /// it. `NotFound` for no such staff member.
    async fn set_password(&self, id: Uuid, password_hash: &str) -> StoreResult<()>;
    /// The user a channel knows by this id (a WhatsApp number).
    async fn user_by_external_id(&self, external_id: &str) -> StoreResult<Option<User>>;
    async fn insert_token(
        &self,
        token_hash: &str,
        user_id: Uuid,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// The user a live (unexpired, unrevoked) token belongs to, and when it expires.
    async fn user_by_token(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<(User, DateTime<Utc>)>>;
    async fn revoke_token(&self, token_hash: &str) -> StoreResult<bool>;
}
