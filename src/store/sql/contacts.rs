//! Contacts, identities, tags and pages: the `impl ContactStore` both
//! backends share.

macro_rules! contact_store {
    ($Store:ty) => {
        #[async_trait]
        impl ContactStore for $Store {
            async fn contact(&self, id: Uuid) -> StoreResult<Contact> {
                let row: ContactRow = sqlx::query_as(
                    "select u.id, u.display_name, u.contact_email, u.external_id, u.identity_id, \
                     u.created_at, u.last_seen_at, u.erased, \
                     (select count(*) from sessions s where s.user_id = u.id) as session_count, \
                     (select max(s.last_message_at) from sessions s where s.user_id = u.id) \
                     as last_message_at \
                     from users u where u.id = $1 and u.role = 'user'",
                )
                .bind(id)
                .fetch_one(self.reader())
                .await?;
                Ok(row.into())
            }

            async fn contact_sessions(&self, id: Uuid, limit: i64) -> StoreResult<Vec<Session>> {
                let sql = format!(
                    "{SESSION_SELECT} where s.user_id = $1 order by s.created_at desc, s.id desc limit $2"
                );
                let rows: Vec<SessionRow> = sqlx::query_as(AssertSqlSafe(sql))
                    .bind(id)
                    .bind(limit)
                    .fetch_all(self.reader())
                    .await?;
                rows.into_iter().map(Session::try_from).collect()
            }

            async fn identify(&self, who: Identity) -> StoreResult<User> {
                let now = rows::now();
                let first_name = who.display_name.clone().unwrap_or_else(|| "Customer".into());
                let sql = format!(
                    "insert into users (id, role, display_name, contact_email, identity_id, created_at, last_seen_at) \
                     values ($1, 'user', $2, $3, $4, $5, $5) \
                     on conflict (identity_id) where identity_id is not null do update set \
                     display_name = coalesce($6, users.display_name), \
                     contact_email = coalesce($3, users.contact_email), last_seen_at = $5 \
                     returning {USER_COLUMNS}"
                );
                let mut tx = self.write_tx().await?;
                let row: UserRow = sqlx::query_as(AssertSqlSafe(sql))
                    .bind(Uuid::now_v7())
                    .bind(&first_name)
                    .bind(&who.email)
                    .bind(&who.external_id)
                    .bind(now)
                    .bind(&who.display_name)
                    .fetch_one(&mut *tx)
                    .await?;
                tx.commit().await?;
                let user: User = row.try_into()?;
                if user.role != crate::domain::model::Role::User {
                    return Err(StoreError::Conflict("that identity is not a visitor".into()));
                }
                Ok(user)
            }

            async fn touch_contact(&self, id: Uuid) -> StoreResult<()> {
                let mut tx = self.write_tx().await?;
                sqlx::query("update users set last_seen_at = $2 where id = $1 and role = 'user'")
                    .bind(id)
                    .bind(rows::now())
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn set_locale(&self, id: Uuid, locale: &str) -> StoreResult<()> {
                let current: Option<Option<String>> =
                    sqlx::query_scalar("select locale from users where id = $1 and role = 'user'")
                        .bind(id)
                        .fetch_optional(self.reader())
                        .await?;
                if current.is_none_or(|c| c.as_deref() == Some(locale)) {
                    return Ok(());
                }
                let mut tx = self.write_tx().await?;
                sqlx::query("update users set locale = $2 where id = $1")
                    .bind(id)
                    .bind(locale)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn update_contact(
                &self,
                id: Uuid,
                email: Option<String>,
                display_name: Option<String>,
            ) -> StoreResult<Contact> {
                let mut tx = self.write_tx().await?;
                let done = sqlx::query(
                    "update users set contact_email = coalesce($2, contact_email), \
                     display_name = coalesce($3, display_name) where id = $1 and role = 'user'",
                )
                .bind(id)
                .bind(&email)
                .bind(&display_name)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                tx.commit().await?;
                self.contact(id).await
            }

            async fn set_page(&self, session_id: Uuid, page: VisitorPage) -> StoreResult<Session> {
                let mut tx = self.write_tx().await?;
                let done = sqlx::query(
                    "update sessions set page_url = $2, page_title = $3, page_referrer = $4 where id = $1",
                )
                .bind(session_id)
                .bind(&page.url)
                .bind(&page.title)
                .bind(&page.referrer)
                .execute(&mut *tx)
                .await?;
                let session = updated_session(&mut tx, done.rows_affected(), session_id).await?;
                tx.commit().await?;
                Ok(session)
            }

            async fn set_tags(&self, session_id: Uuid, tags: Vec<String>) -> StoreResult<Session> {
                let now = rows::now();
                let mut tx = self.write_tx().await?;
                let json = serde_json::to_string(&tags).map_err(anyhow::Error::from)?;
                let done = sqlx::query("update sessions set tags = $2 where id = $1")
                    .bind(session_id)
                    .bind(&json)
                    .execute(&mut *tx)
                    .await?;
                let session = updated_session(&mut tx, done.rows_affected(), session_id).await?;
                sqlx::query("delete from session_tags where session_id = $1")
                    .bind(session_id)
                    .execute(&mut *tx)
                    .await?;
                for tag in &tags {
                    sqlx::query("insert into session_tags (session_id, tag) values ($1, $2)")
                        .bind(session_id)
                        .bind(tag)
                        .execute(&mut *tx)
                        .await?;
                }
                let data = serde_json::json!({ "sessionId": session_id, "tags": tags });
                insert_event(&mut tx, NewEvent::new(EventType::SessionTagged, session_id, now, &data), now)
                    .await?;
                tx.commit().await?;
                self.signals().outbox_written();
                Ok(session)
            }
        }
    };
}
pub(crate) use contact_store;
