//! Users and tokens. The `impl UserStore` both backends share.

macro_rules! user_store {
    ($Store:ty) => {
        #[async_trait]
        impl UserStore for $Store {
            async fn create_user(&self, u: NewUser) -> StoreResult<User> {
                let mut tx = self.write_tx().await?;
                let user = insert_user(&mut tx, u).await?;
                tx.commit().await?;
                Ok(user)
            }

            async fn upsert_staff(&self, u: NewUser) -> StoreResult<User> {
                let email = u
                    .email
                    .clone()
                    .ok_or_else(|| StoreError::Other(anyhow::anyhow!("staff needs an email")))?;
                let mut tx = self.write_tx().await?;
                let existing: Option<Uuid> =
                    sqlx::query_scalar("select id from users where lower(email) = lower($1)")
                        .bind(&email)
                        .fetch_optional(&mut *tx)
                        .await?;
                let user = match existing {
                    None => insert_user(&mut tx, u).await?,
                    Some(id) => {
                        let sql = format!(
                            "update users set role = $2, display_name = $3, password_hash = $4 where id = $1 \
                             returning {USER_COLUMNS}"
                        );
                        let row: UserRow = sqlx::query_as(AssertSqlSafe(sql))
                            .bind(id)
                            .bind(u.role.as_str())
                            .bind(&u.display_name)
                            .bind(&u.password_hash)
                            .fetch_one(&mut *tx)
                            .await?;
                        row.try_into()?
                    }
                };
                tx.commit().await?;
                Ok(user)
            }

            async fn get_user(&self, id: Uuid) -> StoreResult<User> {
                let sql = format!("select {USER_COLUMNS} from users where id = $1");
                let row: UserRow = sqlx::query_as(AssertSqlSafe(sql))
                    .bind(id)
                    .fetch_one(self.reader())
                    .await?;
                row.try_into()
            }

            async fn update_display_name(&self, id: Uuid, display_name: &str) -> StoreResult<User> {
                let mut tx = self.write_tx().await?;
                let sql =
                    format!("update users set display_name = $2 where id = $1 returning {USER_COLUMNS}");
                let row: UserRow = sqlx::query_as(AssertSqlSafe(sql))
                    .bind(id)
                    .bind(display_name)
                    .fetch_one(&mut *tx)
                    .await?;
                tx.commit().await?;
                row.try_into()
            }

            async fn credentials(&self, email: &str) -> StoreResult<Option<(User, String)>> {
                let sql = format!(
                    "select {USER_COLUMNS}, password_hash from users \
                     where lower(email) = lower($1) and password_hash is not null and active"
                );
                let row: Option<(Uuid, String, String, String)> = sqlx::query_as(AssertSqlSafe(sql))
                    .bind(email)
                    .fetch_optional(self.reader())
                    .await?;
                row.map(rows::user_and).transpose()
            }

            async fn list_staff(&self) -> StoreResult<Vec<StaffMember>> {
                let rows: Vec<StaffRow> = sqlx::query_as(
                    "select id, role, display_name, email, created_at from users \
                     where role in ('agent', 'supervisor', 'admin') and email is not null \
                     order by created_at",
                )
                .fetch_all(self.reader())
                .await?;
                rows::convert(rows)
            }

            async fn update_staff(&self, id: Uuid, patch: StaffPatch) -> StoreResult<()> {
                let done = sqlx::query(
                    "update users set display_name = coalesce($2, display_name), \
                     role = coalesce($3, role), capacity = coalesce($4, capacity), \
                     active = coalesce($5, active) \
                     where id = $1 and role in ('agent', 'supervisor', 'admin')",
                )
                .bind(id)
                .bind(&patch.display_name)
                .bind(patch.role.map(crate::domain::model::Role::as_str))
                .bind(patch.capacity)
                .bind(patch.active)
                .execute(self.writer())
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                Ok(())
            }

            async fn set_password(&self, id: Uuid, password_hash: &str) -> StoreResult<()> {
                let mut tx = self.write_tx().await?;
                let done = sqlx::query(
                    "update users set password_hash = $2 \
                     where id = $1 and role in ('agent', 'supervisor', 'admin') and email is not null",
                )
                .bind(id)
                .bind(password_hash)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                sqlx::query("update auth_tokens set revoked_at = $2 where user_id = $1 and revoked_at is null")
                    .bind(id)
                    .bind(rows::now())
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn count_admins(&self) -> StoreResult<i64> {
                Ok(
                    sqlx::query_scalar("select count(*) from users where role = 'admin'")
                        .fetch_one(self.reader())
                        .await?,
                )
            }

            async fn user_by_external_id(&self, external_id: &str) -> StoreResult<Option<User>> {
                let sql = format!("select {USER_COLUMNS} from users where external_id = $1");
                let row: Option<UserRow> = sqlx::query_as(AssertSqlSafe(sql))
                    .bind(external_id)
                    .fetch_optional(self.reader())
                    .await?;
                row.map(User::try_from).transpose()
            }

            async fn insert_token(
                &self,
                token_hash: &str,
                user_id: Uuid,
                expires_at: DateTime<Utc>,
            ) -> StoreResult<()> {
                let mut tx = self.write_tx().await?;
                sqlx::query("insert into auth_tokens (token_hash, user_id, created_at, expires_at) values ($1, $2, $3, $4)")
                    .bind(token_hash)
                    .bind(user_id)
                    .bind(rows::now())
                    .bind(expires_at)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn user_by_token(
                &self,
                token_hash: &str,
                now: DateTime<Utc>,
            ) -> StoreResult<Option<(User, DateTime<Utc>)>> {
                let row: Option<(Uuid, String, String, DateTime<Utc>)> = sqlx::query_as(
                    "select u.id, u.role, u.display_name, t.expires_at from auth_tokens t \
                     join users u on u.id = t.user_id \
                     where t.token_hash = $1 and t.revoked_at is null and t.expires_at > $2 \
                     and u.active",
                )
                .bind(token_hash)
                .bind(now)
                .fetch_optional(self.reader())
                .await?;
                row.map(rows::user_and).transpose()
            }

            async fn revoke_token(&self, token_hash: &str) -> StoreResult<bool> {
                let mut tx = self.write_tx().await?;
                let done = sqlx::query(
                    "update auth_tokens set revoked_at = $2 where token_hash = $1 and revoked_at is null",
                )
                .bind(token_hash)
                .bind(rows::now())
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(done.rows_affected() == 1)
            }

        }
    };
}
pub(crate) use user_store;
