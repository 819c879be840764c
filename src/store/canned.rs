//! The team's shared canned responses.

use async_trait::async_trait;
use uuid::Uuid;

use super::StoreResult;
use crate::domain::workspace::CannedResponse;

/// A canned response as written (already checked).
#[derive(Debug, Clone)]
pub struct CannedDraft {
    pub shortcut: String,
    pub title: String,
    pub text: String,
}

#[async_trait]
pub trait CannedStore: Send + Sync {
    /// All of them, by shortcut.
    async fn canned_responses(&self) -> StoreResult<Vec<CannedResponse>>;
    /// `NotFound` for no such response.
    async fn canned_response(&self, id: Uuid) -> StoreResult<CannedResponse>;
    /// `Conflict` when the shortcut is taken.
    async fn add_canned(&self, draft: CannedDraft, by: Uuid) -> StoreResult<CannedResponse>;
    /// Replaces it whole; `NotFound`, or `Conflict` when the shortcut is taken.
    async fn update_canned(
        &self,
        id: Uuid,
        draft: CannedDraft,
        by: Uuid,
    ) -> StoreResult<CannedResponse>;
    /// `NotFound` for no such response.
    async fn delete_canned(&self, id: Uuid) -> StoreResult<()>;
}
