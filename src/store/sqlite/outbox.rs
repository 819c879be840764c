//! The outbox on SQLite. One process owns a SQLite file, so a lease is a
//! plain read; holding the single writer while Kafka answers would stall
//! every chat.

use sqlx::SqlitePool;

use super::{SqliteStore, tx::*};
use crate::store::sql::prelude::*;

impl SqliteStore {
    async fn lease(&self, limit: i64) -> StoreResult<Box<dyn OutboxLease>> {
        let events = self.pending_events(limit).await?;
        Ok(Box::new(SqliteLease {
            writer: self.writer.clone(),
            events,
        }))
    }
}

struct SqliteLease {
    writer: SqlitePool,
    events: Vec<OutboxEvent>,
}

#[async_trait]
impl OutboxLease for SqliteLease {
    fn events(&self) -> &[OutboxEvent] {
        &self.events
    }

    async fn complete(self: Box<Self>, published_ids: &[i64]) -> StoreResult<()> {
        let mut tx = SqliteStore::begin_write(&self.writer).await?;
        mark_published_in(&mut tx, published_ids).await?;
        tx.commit().await?;
        Ok(())
    }
}

crate::store::sql::outbox::outbox_store!(SqliteStore);
