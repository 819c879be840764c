//! Messages on SQLite: the shared write path, with the portable append
//! (statements are in-process calls here, so the separate steps cost little).

use super::{Db, SqliteStore, Tx, tx::*};
use crate::store::{group_commit::Append, sql::prelude::*};

impl SqliteStore {
    /// One message of a batch: take the next `seq` unless the sender may not
    /// write or the session already holds the message, then insert it.
    async fn append_if_new(
        tx: &mut Tx,
        writer: &MessageWriter,
        job: &Append,
        at: DateTime<Utc>,
    ) -> StoreResult<Option<(Inserted, String)>> {
        let m = &job.message;
        let sql = writer.append_sql.get(&job.access, || {
            format!(
                "update sessions set last_seq = last_seq + 1, last_message_at = $2 \
                 where id = $1 and {} \
                 and not exists (select 1 from messages where session_id = $1 and client_msg_id = $3) \
                 and not exists (select 1 from messages where external_id = $4) \
                 returning last_seq, channel, status",
                sender_may_write(&job.access, "$5")
            )
        });
        let row: Option<(i64, String, String)> = sqlx::query_as(AssertSqlSafe(&*sql))
            .bind(m.session_id)
            .bind(at)
            .bind(&m.client_msg_id)
            .bind(&m.external_id)
            .bind(m.sender_id)
            .fetch_optional(&mut **tx)
            .await?;
        let Some((seq, channel, status)) = row else {
            return Ok(None);
        };
        let next = NextSeq {
            seq,
            whatsapp: channel == "whatsapp",
        };
        Ok(Some((insert_message_at(tx, m, next, at).await?, status)))
    }
}

crate::store::sql::messages::message_store!(SqliteStore);
