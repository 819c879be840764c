//! The Postgres store (with pgvector), for production and several nodes.
//!
//! Row locks taken by conditional updates make claims and `seq` assignment
//! safe across processes sharing one database.

use std::time::Duration;

use anyhow::Context;
use sqlx::{PgPool, postgres::PgPoolOptions};

use super::StoreResult;

pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    const NAME: &'static str = "postgres";

    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(5))
            .connect(url)
            .await
            .with_context(|| {
                format!(
                    "cannot connect to Postgres at {}",
                    crate::config::redact_url(url)
                )
            })?;
        sqlx::migrate!("migrations/postgres")
            .run(&pool)
            .await
            .context("running Postgres migrations (is the pgvector extension installed?)")?;
        Ok(PgStore { pool })
    }

    async fn write_tx(&self) -> StoreResult<sqlx::Transaction<'static, sqlx::Postgres>> {
        Ok(self.pool.begin().await?)
    }

    fn reader(&self) -> &PgPool {
        &self.pool
    }

    /// Locks the batch's rows (`for update skip locked`) and, per session, an
    /// advisory lock, both held until the lease completes: another relay skips
    /// every event of a session this one is publishing, so order holds.
    async fn lease(&self, limit: i64) -> StoreResult<Box<dyn super::OutboxLease>> {
        let mut tx = self.pool.begin().await?;
        let rows: Vec<super::rows::OutboxRow> = sqlx::query_as(
            "select id, event_id, topic, event_key, payload, created_at from outbox \
             where published_at is null and pg_try_advisory_xact_lock(hashtext(event_key)) \
             order by id limit $1 for update skip locked",
        )
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
        let events = rows.into_iter().map(super::OutboxEvent::from).collect();
        Ok(Box::new(PgLease { tx, events }))
    }
}

struct PgLease {
    tx: sqlx::Transaction<'static, sqlx::Postgres>,
    events: Vec<super::OutboxEvent>,
}

#[async_trait::async_trait]
impl super::OutboxLease for PgLease {
    fn events(&self) -> &[super::OutboxEvent] {
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

mod shared {
    type Db = sqlx::Postgres;
    use super::PgStore as Backend;
    include!("shared_impl.rs");
    include!("shared_helpers.rs");
}
