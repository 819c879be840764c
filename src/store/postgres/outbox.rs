//! The outbox on Postgres: a lease locks the batch's rows (`for update skip
//! locked`) and, per session, an advisory lock, both held until the lease
//! completes, so another relay skips every event of a session this one is
//! publishing and per-session order holds across nodes.

use super::{PgStore, Tx, tx::*};
use crate::store::sql::prelude::*;

impl PgStore {
    async fn lease(&self, limit: i64) -> StoreResult<Box<dyn OutboxLease>> {
        let mut tx = self.pool.begin().await?;
        let rows: Vec<OutboxRow> = sqlx::query_as(
            "select id, event_id, topic, event_key, payload, created_at from outbox \
             where published_at is null and pg_try_advisory_xact_lock(hashtext(event_key)) \
             order by id limit $1 for update skip locked",
        )
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
        let events = rows.into_iter().map(OutboxEvent::from).collect();
        Ok(Box::new(PgLease { tx, events }))
    }
}

struct PgLease {
    tx: Tx,
    events: Vec<OutboxEvent>,
}

#[async_trait]
impl OutboxLease for PgLease {
    fn events(&self) -> &[OutboxEvent] {
        &self.events
    }

    async fn complete(mut self: Box<Self>, published_ids: &[i64]) -> StoreResult<()> {
        sqlx::query("update outbox set published_at = now() where id = any($1)")
            .bind(published_ids)
            .execute(&mut *self.tx)
            .await?;
        self.tx.commit().await?;
        Ok(())
    }
}

crate::store::sql::outbox::outbox_store!(PgStore);
