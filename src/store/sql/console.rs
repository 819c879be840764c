//! The audit log, API tokens, erasure and retention: the `impl
//! ConsoleStore` both backends share.

macro_rules! console_store {
    ($Store:ty) => {
        #[async_trait]
        impl ConsoleStore for $Store {
            async fn audit(&self, entry: NewAudit) -> StoreResult<()> {
                let mut tx = self.write_tx().await?;
                sqlx::query(
                    "insert into audit_log (id, at, actor_id, actor_name, action, target, detail) \
                     values ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(Uuid::now_v7())
                .bind(rows::now())
                .bind(entry.actor_id)
                .bind(&entry.actor_name)
                .bind(entry.action)
                .bind(&entry.target)
                .bind(entry.detail.as_ref().map(|d| d.to_string()))
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn audit_log(
                &self,
                before: Option<(DateTime<Utc>, Uuid)>,
                limit: i64,
            ) -> StoreResult<Vec<AuditEntry>> {
                let (at, id) = before.map_or((None, None), |(at, id)| (Some(at), Some(id)));
                let rows: Vec<AuditRow> = sqlx::query_as(
                    "select id, at, actor_id, actor_name, action, target, detail from audit_log \
                     where $1 is null or at < $1 or (at = $1 and id < $2) \
                     order by at desc, id desc limit $3",
                )
                .bind(at)
                .bind(id)
                .bind(limit)
                .fetch_all(self.reader())
                .await?;
                Ok(rows.into_iter().map(AuditEntry::from).collect())
            }

            async fn create_api_token(
                &self,
                name: &str,
                role: Role,
                token_hash: &str,
                expires_at: DateTime<Utc>,
                by: Uuid,
            ) -> StoreResult<ApiToken> {
                let now = rows::now();
                let (id, user_id) = (Uuid::now_v7(), Uuid::now_v7());
                let mut tx = self.write_tx().await?;
                // no email: never in the team, never routed a chat, never a login
                sqlx::query(
                    "insert into users (id, role, display_name, created_at, active) values ($1, $2, $3, $4, true)",
                )
                .bind(user_id)
                .bind(role.as_str())
                .bind(format!("API: {name}"))
                .bind(now)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "insert into auth_tokens (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)",
                )
                .bind(token_hash)
                .bind(user_id)
                .bind(now)
                .bind(expires_at)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "insert into api_tokens (id, name, role, user_id, token_hash, created_by, created_at) \
                     values ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(id)
                .bind(name)
                .bind(role.as_str())
                .bind(user_id)
                .bind(token_hash)
                .bind(by)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(ApiToken {
                    id,
                    name: name.to_string(),
                    role,
                    created_at: now,
                })
            }

            async fn api_tokens(&self) -> StoreResult<Vec<ApiToken>> {
                let rows: Vec<ApiTokenRow> = sqlx::query_as(
                    "select id, name, role, created_at from api_tokens where revoked_at is null \
                     order by created_at desc",
                )
                .fetch_all(self.reader())
                .await?;
                rows.into_iter().map(ApiToken::try_from).collect()
            }

            async fn revoke_api_token(&self, id: Uuid) -> StoreResult<Uuid> {
                let now = rows::now();
                let mut tx = self.write_tx().await?;
                let found: Option<(Uuid, String)> = sqlx::query_as(
                    "update api_tokens set revoked_at = $2 where id = $1 and revoked_at is null \
                     returning user_id, token_hash",
                )
                .bind(id)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((user_id, token_hash)) = found else {
                    return Err(StoreError::NotFound);
                };
                sqlx::query("update auth_tokens set revoked_at = $2 where token_hash = $1")
                    .bind(&token_hash)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("update users set active = false where id = $1")
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(user_id)
            }

            async fn erase_contact(&self, id: Uuid) -> StoreResult<()> {
                let at = rows::now();
                let mut tx = self.write_tx().await?;
                let done = sqlx::query(
                    "update users set display_name = 'Erased contact', email = null, contact_email = null, \
                     external_id = null, identity_id = null, locale = null, erased = true \
                     where id = $1 and role = 'user'",
                )
                .bind(id)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                let sessions = "select id from sessions where user_id = $1";
                for sql in [
                    "update messages set body = '', attachments = null, citations = null, erased = true \
                     where session_id in (select id from sessions where user_id = $1)",
                    "delete from whatsapp_outbound where message_id in (select m.id from messages m \
                     join sessions s on s.id = m.session_id where s.user_id = $1)",
                    "delete from attachments where session_id in (select id from sessions where user_id = $1)",
                    "delete from notes where session_id in (select id from sessions where user_id = $1)",
                    "delete from mails where session_id in (select id from sessions where user_id = $1)",
                    "update summaries set summary = '', topics = '[]', user_display_name = 'Erased contact' \
                     where session_id in (select id from sessions where user_id = $1)",
                    "update sessions set page_url = null, page_title = null, page_referrer = null, \
                     csat_comment = null where user_id = $1",
                    "update auth_tokens set revoked_at = coalesce(revoked_at, $2) where user_id = $1",
                ] {
                    sqlx::query(sql).bind(id).bind(at).execute(&mut *tx).await?;
                }
                let erased: Vec<Uuid> = sqlx::query_scalar(sessions)
                    .bind(id)
                    .fetch_all(&mut *tx)
                    .await?;
                let data = serde_json::json!({ "contactId": id, "sessionIds": erased });
                insert_event(&mut tx, NewEvent::new(EventType::ContactErased, id, at, &data), at).await?;
                tx.commit().await?;
                self.signals.outbox_written();
                Ok(())
            }

            async fn delete_closed_before(&self, cutoff: DateTime<Utc>, limit: i64) -> StoreResult<u64> {
                let mut tx = self.write_tx().await?;
                let ids: Vec<Uuid> = sqlx::query_scalar(
                    "select id from sessions where status = 'closed' and closed_at < $1 \
                     order by closed_at limit $2",
                )
                .bind(cutoff)
                .bind(limit)
                .fetch_all(&mut *tx)
                .await?;
                for id in &ids {
                    for sql in [
                        "delete from whatsapp_outbound where message_id in \
                         (select id from messages where session_id = $1)",
                        "delete from messages where session_id = $1",
                        "delete from handoff_requests where session_id = $1",
                        "delete from end_requests where session_id = $1",
                        "delete from summaries where session_id = $1",
                        "delete from sessions where id = $1",
                    ] {
                        sqlx::query(sql).bind(id).execute(&mut *tx).await?;
                    }
                }
                tx.commit().await?;
                Ok(ids.len() as u64)
            }
        }
    };
}
pub(crate) use console_store;
