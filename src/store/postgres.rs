//! The Postgres store (with pgvector), for production and several nodes.
//!
//! Row locks taken by conditional updates make claims and `seq` assignment
//! safe across processes sharing one database.

use std::{sync::LazyLock, time::Duration};

use anyhow::Context;
use sqlx::{AssertSqlSafe, PgPool, postgres::PgPoolOptions};

use super::{StoreResult, group_commit::GroupCommit};

/// Lanes of group commit for chat messages: a session always writes through
/// the same lane, and the lanes commit in parallel on their own connections.
/// Measured on 2 cores: one lane saturates near 2,900 msg/s; two hold 3,000
/// with the best tail; four commit batches of one and spend Postgres's CPU on
/// commits (README, "Benchmarks").
const MESSAGE_LANES: usize = 2;

pub struct PgStore {
    pool: PgPool,
    messages: GroupCommit,
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
        let messages = GroupCommit::start(MESSAGE_LANES, shared::MessageWriter(pool.clone()));
        Ok(PgStore { pool, messages })
    }

    async fn write_tx(&self) -> StoreResult<sqlx::Transaction<'static, sqlx::Postgres>> {
        Self::begin_write(&self.pool).await
    }

    async fn begin_write(pool: &PgPool) -> StoreResult<sqlx::Transaction<'static, sqlx::Postgres>> {
        Ok(pool.begin().await?)
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

impl PgStore {
    /// One message of a batch in one statement (one round trip): take the
    /// next seq unless the session is closed or already holds the message,
    /// insert it, queue it for WhatsApp if need be, write its event.
    async fn append_if_new(
        tx: &mut sqlx::Transaction<'static, sqlx::Postgres>,
        m: &super::NewMessage,
        at: chrono::DateTime<chrono::Utc>,
    ) -> StoreResult<Option<(crate::chat::model::Message, String)>> {
        use super::outbox::{NewEvent, SEQ_HOLE, split_at_seq};
        let mut message = shared::stored_message(m, SEQ_HOLE, at);
        let event = NewEvent::new("message.created", m.session_id, at, &message);
        let (payload_head, payload_tail) = split_at_seq(&event.payload);
        static SQL: LazyLock<String> = LazyLock::new(|| {
            format!(
                "with s as ( \
               update sessions set last_seq = last_seq + 1, last_message_at = $2 \
               where id = $1 and {} \
               and not exists (select 1 from messages where session_id = $1 and client_msg_id = $3) \
               and not exists (select 1 from messages where external_id = $4) \
               returning last_seq, channel, status \
             ), m as ( \
               insert into messages (id, session_id, seq, sender_type, sender_id, sender_name, \
                 body, client_msg_id, citations, created_at, external_id, attachments) \
               select $5, $1, s.last_seq, $6, $7, $8, $9, $3, $10, $2, $4, $11 from s \
             ), w as ( \
               insert into whatsapp_outbound (message_id, created_at) \
               select $5, $2 from s where s.channel = 'whatsapp' and $6 <> 'user' \
             ), e as ( \
               insert into outbox (event_id, topic, event_key, payload, created_at) \
               select $12, $13, $14, $15 || s.last_seq || $16, $2 from s \
             ) \
             select last_seq, status from s",
                shared::sender_may_write("$7::uuid")
            )
        });
        let row: Option<(i64, String)> = sqlx::query_as(AssertSqlSafe(SQL.as_str()))
            .bind(m.session_id)
            .bind(at)
            .bind(&m.client_msg_id)
            .bind(&m.external_id)
            .bind(message.id)
            .bind(m.sender_type.as_str())
            .bind(m.sender_id)
            .bind(&m.sender_name)
            .bind(&m.text)
            .bind(super::rows::json_column(&m.citations))
            .bind(super::rows::json_column(&m.attachments))
            .bind(event.event_id)
            .bind(event.topic.as_str())
            .bind(&event.key)
            .bind(payload_head)
            .bind(payload_tail)
            .fetch_optional(&mut **tx)
            .await?;
        Ok(row.map(|(seq, status)| {
            message.seq = seq;
            (message, status)
        }))
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
    include!("shared_append.rs");
}
