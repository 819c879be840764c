//! Messages on Postgres: the shared write path, with each message of a
//! batch written in one statement (one round trip).

use std::sync::Arc;

use super::{Db, PgStore, Tx, tx::*};
use crate::store::{
    group_commit::Append,
    outbox::{SEQ_HOLE, split_at_seq},
    sql::prelude::*,
};

/// Takes the next seq unless the sender may not write or the session
/// already holds the message, inserts it, queues it for WhatsApp if need
/// be, and writes its event, whose payload is spliced around the seq.
fn append_sql(access: &WriteAccess) -> String {
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
         select last_seq, status, channel from s",
        sender_may_write(access, "$7::uuid")
    )
}

impl PgStore {
    async fn append_if_new(
        tx: &mut Tx,
        writer: &MessageWriter,
        job: &Append,
        at: DateTime<Utc>,
    ) -> StoreResult<Option<(Inserted, String)>> {
        let m = &job.message;
        let mut message = stored_message(m, SEQ_HOLE, at);
        let event = NewEvent::new(EventType::MessageCreated, m.session_id, at, &message);
        let (payload_head, payload_tail) = split_at_seq(&event.payload);
        let sql: Arc<str> = writer
            .append_sql
            .get(&job.access, || append_sql(&job.access));
        let row: Option<(i64, String, String)> = sqlx::query_as(AssertSqlSafe(&*sql))
            .bind(m.session_id)
            .bind(at)
            .bind(&m.client_msg_id)
            .bind(&m.external_id)
            .bind(message.id)
            .bind(m.sender_type.as_str())
            .bind(m.sender_id)
            .bind(&m.sender_name)
            .bind(&m.text)
            .bind(rows::json_column(&m.citations))
            .bind(rows::json_column(&m.attachments))
            .bind(event.event_id)
            .bind(event.topic.as_str())
            .bind(&event.key)
            .bind(payload_head)
            .bind(payload_tail)
            .fetch_optional(&mut **tx)
            .await?;
        Ok(row.map(|(seq, status, channel)| {
            message.seq = seq;
            let queued_outbound = channel == "whatsapp" && m.sender_type != SenderType::User;
            let inserted = Inserted {
                message,
                queued_outbound,
            };
            (inserted, status)
        }))
    }
}

crate::store::sql::messages::message_store!(PgStore);
