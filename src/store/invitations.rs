//! Invitations to join the team: created with their mail in one
//! transaction, accepted (the account made) in one transaction.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{NewMail, StoreResult};
use crate::domain::{
    console::Invitation,
    model::{Role, User},
};

/// An invitation to store, with the mail that carries its link.
#[derive(Debug, Clone)]
pub struct NewInvitation {
    pub email: String,
    pub role: Role,
    pub display_name: Option<String>,
    pub capacity: Option<i64>,
    pub token_hash: String,
    pub invited_by: Uuid,
    pub expires_at: DateTime<Utc>,
    /// Queued in the same transaction (none when mail is off).
    pub mail: Option<NewMail>,
}

#[async_trait]
pub trait InvitationStore: Send + Sync {
    /// Stores it and queues its mail; a pending invitation for the same
    /// email is withdrawn (its link stops working). `Conflict` when a staff
    /// account has this email.
    async fn create_invitation(&self, new: NewInvitation) -> StoreResult<Invitation>;
    /// The invitations not withdrawn, newest first.
    async fn invitations(&self, limit: i64) -> StoreResult<Vec<Invitation>>;
    /// One not withdrawn.
    async fn invitation(&self, id: Uuid) -> StoreResult<Option<Invitation>>;
    /// A new link (hash and expiry) for an invitation not accepted nor
    /// withdrawn, with its mail; `NotFound` if withdrawn, `Conflict` if accepted.
    async fn renew_invitation(
        &self,
        id: Uuid,
        token_hash: &str,
        expires_at: DateTime<Utc>,
        mail: Option<NewMail>,
    ) -> StoreResult<Invitation>;
    /// Its link stops working; `NotFound` if there is no such invitation
    /// still to accept.
    async fn withdraw_invitation(&self, id: Uuid) -> StoreResult<()>;
    /// The invitation whose link's token hashes to this, unless withdrawn.
    async fn invitation_by_token(&self, token_hash: &str) -> StoreResult<Option<Invitation>>;
    /// Creates the account and marks the invitation accepted, in one
    /// transaction: `NotFound` unless the link is pending at `now` (so a link
    /// works once), `Conflict` if the email got an account meanwhile.
    /// The account has the invitation's email, role and capacity.
    async fn accept_invitation(
        &self,
        token_hash: &str,
        display_name: &str,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<User>;
}
