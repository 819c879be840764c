//! What reports read: one row per session created in a period.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreResult;
use crate::domain::reports::ReportRow;

#[async_trait]
pub trait ReportStore: Send + Sync {
    /// The sessions created in `[from, to)`, oldest first (at most `limit`).
    async fn report_rows(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<ReportRow>>;
}
