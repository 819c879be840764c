//! The console's storage: the audit log, API tokens, and the privacy
//! operations (a contact's erasure, the retention sweep).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::StoreResult;
use crate::domain::{
    console::{ApiToken, AuditEntry, NewAudit},
    model::Role,
};

#[async_trait]
pub trait ConsoleStore: Send + Sync {
    async fn audit(&self, entry: NewAudit) -> StoreResult<()>;
    /// Newest first, before `(at, id)` when given.
    async fn audit_log(
        &self,
        before: Option<(DateTime<Utc>, Uuid)>,
        limit: i64,
    ) -> StoreResult<Vec<AuditEntry>>;

    /// A token acting as a new user named `name` with `role`, whose bearer
    /// token hashes to `token_hash` and lasts until `expires_at`.
    async fn create_api_token(
        &self,
        name: &str,
        role: Role,
        token_hash: &str,
        expires_at: DateTime<Utc>,
        by: Uuid,
    ) -> StoreResult<ApiToken>;
    /// The tokens not revoked, newest first.
    async fn api_tokens(&self) -> StoreResult<Vec<ApiToken>>;
    /// Revokes it (and its bearer token); `NotFound` when there is no such
    /// live token. The user it acted as, whose sockets must close.
    async fn revoke_api_token(&self, id: Uuid) -> StoreResult<Uuid>;

    /// Empties everything the contact wrote or is: messages' text and files
    /// (each message keeps its place, `erased`), attachments, notes and
    /// summaries of their sessions, mails, and the contact's own fields.
    /// Writes `contact.erased`. `NotFound` for no such visitor.
    async fn erase_contact(&self, id: Uuid) -> StoreResult<()>;
    /// Deletes up to `limit` sessions closed before `cutoff`, with all that
    /// hangs on them; how many.
    async fn delete_closed_before(&self, cutoff: DateTime<Utc>, limit: i64) -> StoreResult<u64>;
}
