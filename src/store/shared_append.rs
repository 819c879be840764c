// The write path of chat messages for `shared_impl.rs`, included beside it
// by both backends (same module, same imports): the batch that
// `group_commit` hands over, the send rule checked inside the write, and the
// careful one-by-one path a failed batch falls back to.

/// Who may write in a session, as SQL over `sessions` with the sender's id
/// bound at `sender` (null for the bot or the system): its user while it is
/// open, its agent while active (`chat::rules::can_send`). Checked in the
/// write itself, it holds even when an agent is replaced mid-send.
pub(super) fn sender_may_write(sender: &str) -> String {
    format!(
        "status <> 'closed' and ({sender} is null or user_id = {sender} \
         or (agent_id = {sender} and status = 'active_with_agent'))"
    )
}

/// For a batched append: the next `seq` and the session's status, unless
/// the sender may not write there or the session already holds this message
/// (same client or provider id); `None` then.
async fn next_seq_if_new(
    tx: &mut Tx,
    m: &NewMessage,
    at: DateTime<Utc>,
) -> StoreResult<Option<(NextSeq, String)>> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "update sessions set last_seq = last_seq + 1, last_message_at = $2 \
             where id = $1 and {} \
             and not exists (select 1 from messages where session_id = $1 and client_msg_id = $3) \
             and not exists (select 1 from messages where external_id = $4) \
             returning last_seq, channel, status",
            sender_may_write("$5")
        )
    });
    let row: Option<(i64, String, String)> = sqlx::query_as(AssertSqlSafe(SQL.as_str()))
        .bind(m.session_id)
        .bind(at)
        .bind(&m.client_msg_id)
        .bind(&m.external_id)
        .bind(m.sender_id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row.map(|(seq, channel, status)| {
        let next = NextSeq {
            seq,
            whatsapp: channel == "whatsapp",
        };
        (next, status)
    }))
}

/// Writes batches of messages for `group_commit`, on the backend's write pool.
pub(super) struct MessageWriter(pub(super) sqlx::Pool<Db>);

impl crate::store::group_commit::Committer for MessageWriter {
    async fn commit(&self, batch: Vec<NewMessage>) -> Vec<StoreResult<Appended>> {
        match append_batch(&self.0, &batch).await {
            Ok(results) => results,
            // The database is out of reach: trying each alone would only
            // make every caller wait once more before hearing so.
            Err(StoreError::Unavailable(why)) => batch
                .iter()
                .map(|_| Err(StoreError::Unavailable(why.clone())))
                .collect(),
            // A failed batch stored nothing. Each message is tried alone, the
            // careful way: a unique race with another node then finds the
            // other's message, and one bad message cannot fail its neighbours.
            Err(e) => {
                tracing::debug!(error = %e, size = batch.len(), "message batch failed; writing each alone");
                let mut results = Vec::with_capacity(batch.len());
                for m in batch {
                    results.push(append_one(&self.0, m).await);
                }
                results
            }
        }
    }
}

/// Appends every message of the batch in one transaction. `Err` when the
/// transaction failed (nothing of it is stored); otherwise one result per
/// message, where a closed or unknown session is that message's error.
async fn append_batch(
    pool: &sqlx::Pool<Db>,
    batch: &[NewMessage],
) -> StoreResult<Vec<StoreResult<Appended>>> {
    let at = rows::now();
    let mut tx = Backend::begin_write(pool).await?;
    let mut results = Vec::with_capacity(batch.len());
    for m in batch {
        let result = match Backend::append_if_new(&mut tx, m, at).await? {
            Some((message, status)) => Ok(Appended {
                message,
                duplicate: false,
                session_status: Some(rows::parse_enum(&status, SessionStatus::parse, "status")?),
            }),
            None => not_appended(&mut tx, m).await?,
        };
        results.push(result);
    }
    tx.commit().await?;
    Ok(results)
}

/// Appends `m` unless its session is closed or already holds it (same
/// client or provider id), in the portable way: take a seq, then insert.
#[allow(dead_code)] // Postgres does this in one statement instead
pub(super) async fn append_if_new_portable(
    tx: &mut Tx,
    m: &NewMessage,
    at: DateTime<Utc>,
) -> StoreResult<Option<(Message, String)>> {
    match next_seq_if_new(tx, m, at).await? {
        Some((next, status)) => Ok(Some((insert_message_at(tx, m, next, at).await?, status))),
        None => Ok(None),
    }
}

/// Why `append_if_new` stored nothing: the stored duplicate, or the refusal.
async fn not_appended(tx: &mut Tx, m: &NewMessage) -> StoreResult<StoreResult<Appended>> {
    let existing = match (&m.external_id, &m.client_msg_id) {
        (Some(external_id), _) => find_by_external_id(tx, external_id).await?,
        (None, Some(client_id)) => find_by_client_id(tx, m.session_id, client_id).await?,
        (None, None) => None,
    };
    if let Some(message) = existing {
        return Ok(Ok(Appended {
            message,
            duplicate: true,
            session_status: None,
        }));
    }
    let found: Option<String> = sqlx::query_scalar("select status from sessions where id = $1")
        .bind(m.session_id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(Err(match found {
        None => StoreError::NotFound,
        Some(_) => StoreError::Conflict("the sender may not write in this session".into()),
    }))
}

/// One message in its own transaction, locking the session first so a
/// concurrent retry of the same id (from another node) waits, then finds it.
async fn append_one(pool: &sqlx::Pool<Db>, m: NewMessage) -> StoreResult<Appended> {
    let at = rows::now();
    let mut tx = Backend::begin_write(pool).await?;
    let session_id = m.session_id;
    lock_session(
        &mut tx,
        session_id,
        "status <> 'closed'",
        "session is closed",
    )
    .await?;
    if let Some(external_id) = &m.external_id
        && let Some(existing) = find_by_external_id(&mut tx, external_id).await?
    {
        tx.rollback().await?;
        return Ok(Appended {
            message: existing,
            duplicate: true,
            session_status: None,
        });
    }
    if let Some(client_id) = &m.client_msg_id
        && let Some(existing) = find_by_client_id(&mut tx, session_id, client_id).await?
    {
        tx.rollback().await?;
        return Ok(Appended {
            message: existing,
            duplicate: true,
            session_status: None,
        });
    }
    let sql = format!(
        "select status from sessions where id = $1 and {}",
        sender_may_write("$2")
    );
    let status: Option<String> = sqlx::query_scalar(AssertSqlSafe(sql))
        .bind(session_id)
        .bind(m.sender_id)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(status) = status else {
        return Err(StoreError::Conflict(
            "the sender may not write in this session".into(),
        ));
    };
    let message = insert_message(&mut tx, m, at, true).await?;
    tx.commit().await?;
    Ok(Appended {
        message,
        duplicate: false,
        session_status: Some(rows::parse_enum(&status, SessionStatus::parse, "status")?),
    })
}
