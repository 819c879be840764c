//! The Postgres store (with pgvector), for production and several nodes.
//!
//! Row locks taken by conditional updates make claims and `seq` assignment
//! safe across processes sharing one database. The chat and the knowledge
//! share one pool.

mod knowledge;
mod messages;
mod outbox;
mod search;
mod tx;

use std::{sync::Arc, time::Duration};

use anyhow::Context;
use sqlx::{PgPool, postgres::PgPoolOptions};

use super::{Signals, group_commit::GroupCommit, sql, sql::prelude::*};
use tx::*;

type Db = sqlx::Postgres;
type Tx = sqlx::Transaction<'static, Db>;

/// Lanes of group commit for chat messages: a session always writes through
/// the same lane, and the lanes commit in parallel on their own connections.
/// Measured on 2 cores: one lane saturates near 2,900 msg/s; two hold 3,000
/// with the best tail; four commit batches of one and spend Postgres's CPU on
/// commits (README, "Benchmarks").
const MESSAGE_LANES: usize = 2;

pub struct PgStore {
    pool: PgPool,
    messages: GroupCommit,
    signals: Arc<Signals>,
}

impl PgStore {
    const NAME: &'static str = "postgres";

    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(20)
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
        let signals = Arc::new(Signals::default());
        let messages = GroupCommit::start(
            MESSAGE_LANES,
            messages::MessageWriter {
                pool: pool.clone(),
                signals: signals.clone(),
                append_sql: SqlCache::default(),
            },
        );
        Ok(PgStore {
            pool,
            messages,
            signals,
        })
    }

    async fn write_tx(&self) -> StoreResult<Tx> {
        Self::begin_write(&self.pool).await
    }

    async fn begin_write(pool: &PgPool) -> StoreResult<Tx> {
        Ok(pool.begin().await?)
    }

    fn reader(&self) -> &PgPool {
        &self.pool
    }

    /// For a single statement that needs no transaction.
    fn writer(&self) -> &PgPool {
        &self.pool
    }
}

sql::shared_store!(PgStore);
