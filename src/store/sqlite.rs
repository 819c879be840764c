//! The embedded SQLite store (WAL): one writer connection, several readers.
//!
//! All writes go through one connection with `BEGIN IMMEDIATE`, so writers
//! queue in the pool instead of failing with `SQLITE_BUSY` halfway through a
//! transaction; readers never block the writer under WAL.

use std::{str::FromStr, time::Duration};

use anyhow::Context;
use sqlx::{
    SqlitePool,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

use super::{StoreResult, group_commit::GroupCommit};

pub struct SqliteStore {
    writer: SqlitePool,
    reader: SqlitePool,
    /// Chat messages, group-committed on the one writer connection.
    messages: GroupCommit,
}

impl SqliteStore {
    const NAME: &'static str = "sqlite";

    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .with_context(|| format!("DATABASE_URL {url:?} is not a SQLite URL"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options.clone())
            .await
            .with_context(|| format!("cannot open SQLite database {url}"))?;
        sqlx::migrate!("migrations/sqlite")
            .run(&writer)
            .await
            .context("running SQLite migrations")?;
        let reader = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options.read_only(true))
            .await?;
        let messages = GroupCommit::start(1, shared::MessageWriter(writer.clone()));
        Ok(SqliteStore {
            writer,
            reader,
            messages,
        })
    }

    async fn write_tx(&self) -> StoreResult<sqlx::Transaction<'static, sqlx::Sqlite>> {
        Self::begin_write(&self.writer).await
    }

    async fn begin_write(
        writer: &SqlitePool,
    ) -> StoreResult<sqlx::Transaction<'static, sqlx::Sqlite>> {
        Ok(writer.begin_with("BEGIN IMMEDIATE").await?)
    }

    fn reader(&self) -> &SqlitePool {
        &self.reader
    }

    /// One process owns a SQLite file, so a lease is a plain read; holding the
    /// single writer while Kafka answers would stall every chat.
    async fn lease(&self, limit: i64) -> StoreResult<Box<dyn super::OutboxLease>> {
        use super::Store;
        let events = self.pending_events(limit).await?;
        Ok(Box::new(SqliteLease {
            store: self.writer.clone(),
            events,
        }))
    }
}

impl SqliteStore {
    /// One message of a batch: statements are in-process calls here, so the
    /// portable steps cost little.
    async fn append_if_new(
        tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
        m: &super::NewMessage,
        at: chrono::DateTime<chrono::Utc>,
    ) -> StoreResult<Option<(crate::chat::model::Message, String)>> {
        shared::append_if_new_portable(tx, m, at).await
    }
}

struct SqliteLease {
    store: SqlitePool,
    events: Vec<super::OutboxEvent>,
}

#[async_trait::async_trait]
impl super::OutboxLease for SqliteLease {
    fn events(&self) -> &[super::OutboxEvent] {
        &self.events
    }

    async fn complete(self: Box<Self>, published_ids: &[i64]) -> StoreResult<()> {
        let mut tx = self.store.begin_with("BEGIN IMMEDIATE").await?;
        shared::mark_published_in(&mut tx, published_ids).await?;
        tx.commit().await?;
        Ok(())
    }
}

mod shared {
    type Db = sqlx::Sqlite;
    use super::SqliteStore as Backend;
    include!("shared_impl.rs");
    include!("shared_helpers.rs");
    include!("shared_append.rs");
}
