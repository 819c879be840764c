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
}

mod shared {
    type Db = sqlx::Postgres;
    use super::PgStore as Backend;
    include!("shared_impl.rs");
}
