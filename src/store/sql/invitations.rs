//! Invitations: the `impl InvitationStore` both backends share.

macro_rules! invitation_store {
    ($Store:ty) => {
        #[async_trait]
        impl InvitationStore for $Store {
            async fn create_invitation(&self, new: NewInvitation) -> StoreResult<Invitation> {
                let now = rows::now();
                let id = Uuid::now_v7();
                let mut tx = self.write_tx().await?;
                let taken: Option<Uuid> =
                    sqlx::query_scalar("select id from users where lower(email) = lower($1)")
                        .bind(&new.email)
                        .fetch_optional(&mut *tx)
                        .await?;
                if taken.is_some() {
                    return Err(StoreError::Conflict(
                        "someone already has an account with this email".into(),
                    ));
                }
                sqlx::query(
                    "update invitations set withdrawn_at = $2 where lower(email) = lower($1) \
                     and accepted_at is null and withdrawn_at is null",
                )
                .bind(&new.email)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "insert into invitations (id, email, role, display_name, capacity, token_hash, \
                     invited_by, created_at, expires_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(id)
                .bind(&new.email)
                .bind(new.role.as_str())
                .bind(&new.display_name)
                .bind(new.capacity)
                .bind(&new.token_hash)
                .bind(new.invited_by)
                .bind(now)
                .bind(new.expires_at)
                .execute(&mut *tx)
                .await?;
                let invitation = invitation_in(&mut *tx, id).await?;
                commit_with_mail(tx, true, new.mail.as_ref(), now).await?;
                if new.mail.is_some() {
                    self.signals.mail_written();
                }
                invitation.ok_or(StoreError::NotFound)
            }

            async fn invitations(&self, limit: i64) -> StoreResult<Vec<Invitation>> {
                let sql = format!(
                    "{INVITATION_SELECT} where i.withdrawn_at is null order by i.created_at desc limit $1"
                );
                let rows: Vec<InvitationRow> = sqlx::query_as(AssertSqlSafe(sql))
                    .bind(limit)
                    .fetch_all(self.reader())
                    .await?;
                let now = rows::now();
                rows.into_iter().map(|r| r.into_invitation(now)).collect()
            }

            async fn invitation(&self, id: Uuid) -> StoreResult<Option<Invitation>> {
                invitation_in(self.reader(), id).await
            }

            async fn renew_invitation(
                &self,
                id: Uuid,
                token_hash: &str,
                expires_at: DateTime<Utc>,
                mail: Option<NewMail>,
            ) -> StoreResult<Invitation> {
                let now = rows::now();
                let mut tx = self.write_tx().await?;
                let accepted: Option<Option<DateTime<Utc>>> = sqlx::query_scalar(
                    "select accepted_at from invitations where id = $1 and withdrawn_at is null",
                )
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
                match accepted {
                    None => return Err(StoreError::NotFound),
                    Some(Some(_)) => {
                        return Err(StoreError::Conflict(
                            "this invitation was accepted already".into(),
                        ));
                    }
                    Some(None) => {}
                }
                sqlx::query(
                    "update invitations set token_hash = $2, expires_at = $3, created_at = $4 where id = $1",
                )
                .bind(id)
                .bind(token_hash)
                .bind(expires_at)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                let invitation = invitation_in(&mut *tx, id).await?;
                commit_with_mail(tx, true, mail.as_ref(), now).await?;
                if mail.is_some() {
                    self.signals.mail_written();
                }
                invitation.ok_or(StoreError::NotFound)
            }

            async fn withdraw_invitation(&self, id: Uuid) -> StoreResult<()> {
                let mut tx = self.write_tx().await?;
                let done = sqlx::query(
                    "update invitations set withdrawn_at = $2 where id = $1 \
                     and accepted_at is null and withdrawn_at is null",
                )
                .bind(id)
                .bind(rows::now())
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                tx.commit().await?;
                Ok(())
            }

            async fn invitation_by_token(&self, token_hash: &str) -> StoreResult<Option<Invitation>> {
                let sql = format!("{INVITATION_SELECT} where i.token_hash = $1 and i.withdrawn_at is null");
                let row: Option<InvitationRow> = sqlx::query_as(AssertSqlSafe(sql))
                    .bind(token_hash)
                    .fetch_optional(self.reader())
                    .await?;
                row.map(|r| r.into_invitation(rows::now())).transpose()
            }

            async fn accept_invitation(
                &self,
                token_hash: &str,
                display_name: &str,
                password_hash: &str,
                now: DateTime<Utc>,
            ) -> StoreResult<User> {
                let mut tx = self.write_tx().await?;
                // the claim: whoever marks it first makes the account
                let claimed: Option<(Uuid, String, String, Option<i64>)> = sqlx::query_as(
                    "update invitations set accepted_at = $2 where token_hash = $1 \
                     and accepted_at is null and withdrawn_at is null and expires_at > $2 \
                     returning id, email, role, capacity",
                )
                .bind(token_hash)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((id, email, role, capacity)) = claimed else {
                    return Err(StoreError::NotFound);
                };
                let new = NewUser {
                    role: parse_enum(&role, Role::parse, "role")?,
                    display_name: display_name.to_string(),
                    email: Some(email),
                    password_hash: Some(password_hash.to_string()),
                    external_id: None,
                };
                let user = insert_user(&mut tx, new).await?;
                if let Some(capacity) = capacity {
                    sqlx::query("update users set capacity = $2 where id = $1")
                        .bind(user.id)
                        .bind(capacity)
                        .execute(&mut *tx)
                        .await?;
                }
                sqlx::query("update invitations set user_id = $2 where id = $1")
                    .bind(id)
                    .bind(user.id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(user)
            }
        }

        /// One invitation not withdrawn, from the pool or inside the
        /// transaction that wrote it.
        async fn invitation_in<'e, E>(exec: E, id: Uuid) -> StoreResult<Option<Invitation>>
        where
            E: sqlx::Executor<'e, Database = Db>,
        {
            let sql = format!("{INVITATION_SELECT} where i.id = $1 and i.withdrawn_at is null");
            let row: Option<InvitationRow> = sqlx::query_as(AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(exec)
                .await?;
            row.map(|r| r.into_invitation(rows::now())).transpose()
        }
    };
}

pub(crate) use invitation_store;
