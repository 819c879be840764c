//! Settings operators change at run time, one JSON document per key, shared
//! by every node (the widget's look, the business hours).

use async_trait::async_trait;
use uuid::Uuid;

use super::StoreResult;

#[async_trait]
pub trait SettingsStore: Send + Sync {
    /// The stored document, if one was ever saved.
    async fn setting(&self, key: &str) -> StoreResult<Option<serde_json::Value>>;
    /// Replaces the document (already checked).
    async fn put_setting(&self, key: &str, value: &serde_json::Value, by: Uuid) -> StoreResult<()>;
}
