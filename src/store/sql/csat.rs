//! Ratings after a chat: the `impl CsatStore` both backends share.

macro_rules! csat_store {
    ($Store:ty) => {
        #[async_trait]
        impl CsatStore for $Store {
            async fn rate(
                &self,
                session_id: Uuid,
                rating: i64,
                comment: Option<String>,
            ) -> StoreResult<Session> {
                let at = rows::now();
                let mut tx = self.write_tx().await?;
                let done = sqlx::query(
                    "update sessions set csat_rating = $2, csat_comment = $3, csat_at = $4 \
                     where id = $1 and status = 'closed' and csat_rating is null",
                )
                .bind(session_id)
                .bind(rating)
                .bind(&comment)
                .bind(at)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    require_session(&mut tx, session_id).await?;
                    return Err(StoreError::Conflict(
                        "the chat can be rated once, after it has ended".into(),
                    ));
                }
                let session = fetch_session(&mut tx, session_id).await?;
                let data = serde_json::json!({
                    "sessionId": session_id,
                    "rating": rating,
                    "comment": comment,
                    "agentId": session.agent_id,
                    "session": session,
                });
                insert_event(
                    &mut tx,
                    NewEvent::new(EventType::CsatSubmitted, session_id, at, &data),
                    at,
                )
                .await?;
                tx.commit().await?;
                self.signals.outbox_written();
                Ok(session)
            }

            async fn csat_asked(&self, session_id: Uuid) -> StoreResult<()> {
                let mut tx = self.write_tx().await?;
                sqlx::query("update sessions set csat_asked_at = $2 where id = $1")
                    .bind(session_id)
                    .bind(rows::now())
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn asked_for_rating(
                &self,
                user_id: Uuid,
                since: DateTime<Utc>,
            ) -> StoreResult<Option<(Uuid, Option<DateTime<Utc>>)>> {
                Ok(sqlx::query_as(
                    "select id, csat_at from sessions where user_id = $1 and channel = 'whatsapp' \
                     and status = 'closed' and csat_asked_at > $2 \
                     order by closed_at desc limit 1",
                )
                .bind(user_id)
                .bind(since)
                .fetch_optional(self.reader())
                .await?)
            }
        }
    };
}
pub(crate) use csat_store;
