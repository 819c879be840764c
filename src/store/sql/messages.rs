//! Messages: the transcript read, and the write path `group_commit` drives:
//! a batch in one transaction, the write access checked inside the write,
//! and the careful one-by-one path a failed batch falls back to. Each
//! backend supplies `append_if_new` (Postgres in one statement, SQLite with
//! the portable steps below).

macro_rules! message_store {
    ($Store:ty) => {
        #[async_trait]
        impl MessageStore for $Store {
            async fn messages_after(
                &self,
                session_id: Uuid,
                after_seq: i64,
                limit: i64,
            ) -> StoreResult<Vec<Message>> {
                let sql = format!(
                    "select {MESSAGE_COLUMNS} from messages where session_id = $1 and seq > $2 \
                     order by seq limit $3"
                );
                let rows: Vec<MessageRow> = sqlx::query_as(AssertSqlSafe(sql))
                    .bind(session_id)
                    .bind(after_seq)
                    .bind(limit)
                    .fetch_all(self.reader())
                    .await?;
                rows::convert(rows)
            }

            async fn has_external_message(&self, external_id: &str) -> StoreResult<bool> {
                let found: Option<Uuid> =
                    sqlx::query_scalar("select id from messages where external_id = $1")
                        .bind(external_id)
                        .fetch_optional(self.reader())
                        .await?;
                Ok(found.is_some())
            }

            async fn append_message(
                &self,
                message: NewMessage,
                access: WriteAccess,
            ) -> StoreResult<Appended> {
                self.messages.append(message, access).await
            }
        }

        /// Writes batches of messages for `group_commit`, on the backend's write pool.
        pub(super) struct MessageWriter {
            pub(super) pool: sqlx::Pool<Db>,
            pub(super) signals: std::sync::Arc<crate::store::Signals>,
            /// The backend's batched append statement, by write access.
            pub(super) append_sql: SqlCache,
        }

        impl crate::store::group_commit::Committer for MessageWriter {
            async fn commit(
                &self,
                batch: Vec<crate::store::group_commit::Append>,
            ) -> Vec<StoreResult<Appended>> {
                match self.append_batch(&batch).await {
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
                        for job in batch {
                            results.push(self.append_one(job).await);
                        }
                        results
                    }
                }
            }
        }

        impl MessageWriter {
            /// Appends every message of the batch in one transaction. `Err` when the
            /// transaction failed (nothing of it is stored); otherwise one result per
            /// message, where a refused or unknown session is that message's error.
            async fn append_batch(
                &self,
                batch: &[crate::store::group_commit::Append],
            ) -> StoreResult<Vec<StoreResult<Appended>>> {
                let at = rows::now();
                let mut tx = <$Store>::begin_write(&self.pool).await?;
                let mut results = Vec::with_capacity(batch.len());
                let mut outbound = false;
                let mut stored = false;
                for job in batch {
                    let result = match <$Store>::append_if_new(&mut tx, self, job, at).await? {
                        Some((inserted, status)) => {
                            stored = true;
                            outbound |= inserted.queued_outbound;
                            Ok(Appended {
                                message: inserted.message,
                                duplicate: false,
                                session_status: Some(rows::parse_enum(
                                    &status,
                                    SessionStatus::parse,
                                    "status",
                                )?),
                            })
                        }
                        None => not_appended(&mut tx, job).await?,
                    };
                    results.push(result);
                }
                tx.commit().await?;
                if stored {
                    self.signals.written(outbound);
                }
                Ok(results)
            }

            /// One message in its own transaction, locking the session first so a
            /// concurrent retry of the same id (from another node) waits, then finds it.
            async fn append_one(
                &self,
                job: crate::store::group_commit::Append,
            ) -> StoreResult<Appended> {
                let at = rows::now();
                let mut tx = <$Store>::begin_write(&self.pool).await?;
                let m = job.message;
                let session_id = m.session_id;
                lock_session(&mut tx, session_id, "status <> 'closed'", "session is closed").await?;
                if let Some(existing) = find_own_duplicate(&mut tx, &m).await? {
                    tx.rollback().await?;
                    return Ok(Appended {
                        message: existing,
                        duplicate: true,
                        session_status: None,
                    });
                }
                let sql = format!(
                    "select status from sessions where id = $1 and {}",
                    sender_may_write(&job.access, "$2")
                );
                let status: Option<String> = sqlx::query_scalar(AssertSqlSafe(sql))
                    .bind(session_id)
                    .bind(m.sender_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some(status) = status else {
                    return Err(refused());
                };
                let inserted = insert_message(&mut tx, m, at, true).await?;
                tx.commit().await?;
                self.signals.written(inserted.queued_outbound);
                Ok(Appended {
                    message: inserted.message,
                    duplicate: false,
                    session_status: Some(rows::parse_enum(&status, SessionStatus::parse, "status")?),
                })
            }
        }

        fn refused() -> StoreError {
            StoreError::Conflict("the sender may not write in this session".into())
        }

        /// Why `append_if_new` stored nothing: a retry by the same sender (the
        /// stored message), an unknown session, a sender who may not write
        /// there, or an id another sender already used.
        async fn not_appended(
            tx: &mut Tx,
            job: &crate::store::group_commit::Append,
        ) -> StoreResult<StoreResult<Appended>> {
            let m = &job.message;
            if let Some(message) = find_own_duplicate(tx, m).await? {
                return Ok(Ok(Appended {
                    message,
                    duplicate: true,
                    session_status: None,
                }));
            }
            let sql = format!(
                "select {} from sessions where id = $1",
                sender_may_write(&job.access, "$2")
            );
            let may_write: Option<bool> = sqlx::query_scalar(AssertSqlSafe(sql))
                .bind(m.session_id)
                .bind(m.sender_id)
                .fetch_optional(&mut **tx)
                .await?;
            Ok(Err(match may_write {
                None => StoreError::NotFound,
                Some(false) => refused(),
                Some(true) => StoreError::Conflict("this message id is already taken; send with a new one".into()),
            }))
        }
    };
}
pub(crate) use message_store;
