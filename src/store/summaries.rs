//! Summaries of closed chats.

use async_trait::async_trait;
use uuid::Uuid;

use super::StoreResult;
use crate::domain::model::Summary;

#[async_trait]
pub trait SummaryStore: Send + Sync {
    /// Stores the summary (first one wins) and returns the stored one.
    async fn save_summary(&self, summary: Summary) -> StoreResult<Summary>;
    async fn get_summary(&self, session_id: Uuid) -> StoreResult<Option<Summary>>;
    /// The latest summaries, newest first.
    async fn recent_summaries(&self, limit: i64) -> StoreResult<Vec<Summary>>;
    /// Closed sessions whose summary was never written (for example after a crash).
    async fn closed_without_summary(&self, limit: i64) -> StoreResult<Vec<Uuid>>;
}
