//! The embedded SQLite store (WAL): one writer connection, several readers.
//!
//! All writes go through one connection with `BEGIN IMMEDIATE`, so writers
//! queue in the pool instead of failing with `SQLITE_BUSY` halfway through a
//! transaction; readers never block the writer under WAL. The chat and the
//! knowledge share these pools.

mod knowledge;
mod messages;
mod outbox;
mod search;
mod tx;

use std::{str::FromStr, sync::Arc, time::Duration};

use anyhow::Context;
use sqlx::{
    SqlitePool,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

use super::{Signals, group_commit::GroupCommit, sql, sql::prelude::*};
use tx::*;

type Db = sqlx::Sqlite;
type Tx = sqlx::Transaction<'static, Db>;

pub struct SqliteStore {
    writer: SqlitePool,
    reader: SqlitePool,
    /// Chat messages, group-committed on the one writer connection.
    messages: GroupCommit,
    signals: Arc<Signals>,
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
        let signals = Arc::new(Signals::default());
        let messages = GroupCommit::start(
            1,
            messages::MessageWriter {
                pool: writer.clone(),
                signals: signals.clone(),
                append_sql: SqlCache::default(),
            },
        );
        Ok(SqliteStore {
            writer,
            reader,
            messages,
            signals,
        })
    }

    async fn write_tx(&self) -> StoreResult<Tx> {
        Self::begin_write(&self.writer).await
    }

    async fn begin_write(writer: &SqlitePool) -> StoreResult<Tx> {
        Ok(writer.begin_with("BEGIN IMMEDIATE").await?)
    }

    fn reader(&self) -> &SqlitePool {
        &self.reader
    }

    /// The one writer, for a single statement that needs no transaction.
    fn writer(&self) -> &SqlitePool {
        &self.writer
    }
}

sql::shared_store!(SqliteStore);
