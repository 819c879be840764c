//! Outbox reads and marks (the lease is per backend). The `impl OutboxStore` both backends share.

macro_rules! outbox_store {
    ($Store:ty) => {
        #[async_trait]
        impl OutboxStore for $Store {
            async fn pending_events(&self, limit: i64) -> StoreResult<Vec<OutboxEvent>> {
                let rows: Vec<OutboxRow> = sqlx::query_as(
                    "select id, event_id, topic, event_key, payload, created_at from outbox \
                     where published_at is null order by id limit $1",
                )
                .bind(limit)
                .fetch_all(self.reader())
                .await?;
                Ok(rows.into_iter().map(OutboxEvent::from).collect())
            }

            async fn mark_published(&self, ids: &[i64]) -> StoreResult<()> {
                let mut tx = self.write_tx().await?;
                mark_published_in(&mut tx, ids).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn lease_outbox(&self, limit: i64) -> StoreResult<Box<dyn OutboxLease>> {
                self.lease(limit).await
            }

            async fn count_pending_events(&self) -> StoreResult<i64> {
                Ok(
                    sqlx::query_scalar("select count(*) from outbox where published_at is null")
                        .fetch_one(self.reader())
                        .await?,
                )
            }

            async fn prune_published(&self, before: DateTime<Utc>) -> StoreResult<u64> {
                let mut tx = self.write_tx().await?;
                let done = sqlx::query(
                    "delete from outbox where published_at is not null and published_at < $1 \
                     and fanned_out_at is not null",
                )
                .bind(before)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(done.rows_affected())
            }
        }
    };
}
pub(crate) use outbox_store;
