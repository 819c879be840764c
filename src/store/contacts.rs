//! Contacts (every visitor is one: the visitor's user row), a verified
//! customer's identity, and what the workspace keeps on a session: its tags
//! and the visitor's page.

use async_trait::async_trait;
use uuid::Uuid;

use super::StoreResult;
use crate::domain::{
    model::{Session, User, VisitorPage},
    workspace::Contact,
};

/// A signed-in customer as the company's site named them (the HMAC checked).
#[derive(Debug, Clone)]
pub struct Identity {
    pub external_id: String,
    pub display_name: Option<String>,
    pub email: Option<String>,
}

#[async_trait]
pub trait ContactStore: Send + Sync {
    /// `NotFound` unless `id` is a visitor.
    async fn contact(&self, id: Uuid) -> StoreResult<Contact>;
    /// The contact's sessions, newest first.
    async fn contact_sessions(&self, id: Uuid, limit: i64) -> StoreResult<Vec<Session>>;
    /// The one user of this customer, created on first sight; the name and
    /// email given replace the stored ones. Marks the contact seen.
    async fn identify(&self, identity: Identity) -> StoreResult<User>;
    /// Marks a visitor seen now (on `hello`).
    async fn touch_contact(&self, id: Uuid) -> StoreResult<()>;
    /// The language the visitor's system messages and mails are written in
    /// (written only when it changes).
    async fn set_locale(&self, id: Uuid, locale: &str) -> StoreResult<()>;
    /// The visitor left an address or a name.
    async fn update_contact(
        &self,
        id: Uuid,
        email: Option<String>,
        display_name: Option<String>,
    ) -> StoreResult<Contact>;
    /// Sets where the visitor is; `NotFound` for no such session.
    async fn set_page(&self, session_id: Uuid, page: VisitorPage) -> StoreResult<Session>;
    /// Replaces the session's tags (already checked) with a `session.tagged`
    /// event; `NotFound` for no such session.
    async fn set_tags(&self, session_id: Uuid, tags: Vec<String>) -> StoreResult<Session>;
}
