//! The mail queue and the scans that fill it: the `impl MailStore` both backends share.

macro_rules! mail_store {
    ($Store:ty) => {
        #[async_trait]
        impl MailStore for $Store {
            async fn queue_mail(&self, mail: NewMail) -> StoreResult<()> {
                let tx = self.write_tx().await?;
                commit_with_mail(tx, true, Some(&mail), rows::now()).await?;
                self.signals.mail_written();
                Ok(())
            }

            async fn mails_since(
                &self,
                session_id: Uuid,
                kind: MailKind,
                since: DateTime<Utc>,
            ) -> StoreResult<i64> {
                Ok(sqlx::query_scalar(
                    "select count(*) from mails where session_id = $1 and kind = $2 and created_at > $3",
                )
                .bind(session_id)
                .bind(kind.as_str())
                .bind(since)
                .fetch_one(self.reader())
                .await?)
            }

            async fn due_mails(&self, now: DateTime<Utc>, limit: i64) -> StoreResult<Vec<Mail>> {
                let rows: Vec<MailRow> = sqlx::query_as(
                    "select id, kind, session_id, recipient, subject, body, \
                     cast(attempts as bigint) as attempts, created_at from mails \
                     where sent_at is null and failed_at is null and next_attempt_at <= $1 \
                     order by next_attempt_at limit $2",
                )
                .bind(now)
                .bind(limit)
                .fetch_all(self.reader())
                .await?;
                Ok(rows.into_iter().map(Mail::from).collect())
            }

            async fn mail_sent(&self, id: Uuid) -> StoreResult<()> {
                let mut tx = self.write_tx().await?;
                sqlx::query("update mails set sent_at = $2, attempts = attempts + 1 where id = $1")
                    .bind(id)
                    .bind(rows::now())
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn mail_failed(
                &self,
                id: Uuid,
                error: &str,
                retry_at: Option<DateTime<Utc>>,
            ) -> StoreResult<()> {
                let now = rows::now();
                let mut tx = self.write_tx().await?;
                sqlx::query(
                    "update mails set attempts = attempts + 1, last_error = $2, \
                     next_attempt_at = coalesce($3, next_attempt_at), \
                     failed_at = case when $3 is null then $4 else null end where id = $1",
                )
                .bind(id)
                .bind(error)
                .bind(retry_at)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn offline_notices_due(&self, quiet_before: DateTime<Utc>) -> StoreResult<Vec<Uuid>> {
                Ok(sqlx::query_scalar(
                    "select s.id from sessions s join users u on u.id = s.user_id \
                     where s.offline and s.team_told_at is null \
                     and (u.contact_email is not null or s.queued_at <= $1) \
                     order by s.queued_at limit 100",
                )
                .bind(quiet_before)
                .fetch_all(self.reader())
                .await?)
            }

            async fn team_told(&self, session_id: Uuid, mail: Option<NewMail>) -> StoreResult<bool> {
                let now = rows::now();
                let mut tx = self.write_tx().await?;
                let done = sqlx::query(
                    "update sessions set team_told_at = $2 where id = $1 and team_told_at is null",
                )
                .bind(session_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                let told = done.rows_affected() == 1;
                if commit_with_mail(tx, told, mail.as_ref(), now).await? {
                    self.signals.mail_written();
                }
                Ok(told)
            }

            async fn replies_due(
                &self,
                settled_before: DateTime<Utc>,
                since: DateTime<Utc>,
            ) -> StoreResult<Vec<RepliesDue>> {
                let rows: Vec<(Uuid, Uuid, i64, Option<DateTime<Utc>>)> = sqlx::query_as(
                    "select s.id, s.user_id, cast(s.mailed_seq as bigint), s.replies_mailed_at \
                     from sessions s join users u on u.id = s.user_id \
                     where s.channel = 'web' and s.last_message_at > $2 \
                     and u.contact_email is not null \
                     and exists (select 1 from messages m where m.session_id = s.id \
                       and m.seq > s.mailed_seq and m.sender_type = 'agent' and m.created_at <= $1) \
                     limit 100",
                )
                .bind(settled_before)
                .bind(since)
                .fetch_all(self.reader())
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(session_id, user_id, mailed_seq, mailed_at)| RepliesDue {
                        session_id,
                        user_id,
                        mailed_seq,
                        mailed_at,
                    })
                    .collect())
            }

            async fn replies_mailed(
                &self,
                session_id: Uuid,
                from: i64,
                to: i64,
                mail: Option<NewMail>,
            ) -> StoreResult<bool> {
                let now = rows::now();
                let mut tx = self.write_tx().await?;
                let done = sqlx::query(
                    "update sessions set mailed_seq = $3, \
                     replies_mailed_at = case when $4 then $5 else replies_mailed_at end \
                     where id = $1 and mailed_seq = $2",
                )
                .bind(session_id)
                .bind(from)
                .bind(to)
                .bind(mail.is_some())
                .bind(now)
                .execute(&mut *tx)
                .await?;
                let moved = done.rows_affected() == 1;
                if commit_with_mail(tx, moved, mail.as_ref(), now).await? {
                    self.signals.mail_written();
                }
                Ok(moved)
            }
        }
    };
}
pub(crate) use mail_store;
