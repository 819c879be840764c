// The SQL both backends share, written once. Included by `sqlite.rs` and
// `postgres.rs` inside a module where `Db` (the sqlx database) and `Backend`
// (the store type, with `write_tx()` and `reader()`) are defined. Both
// dialects accept `$N` placeholders; statements are plain, portable SQL.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::chat::model::{
    EndedBy, Message, QueueItem, Session, SessionStatus, StaffMember, Stats, Summary, User,
};
use crate::store::outbox::NewEvent;
use crate::store::rows::{self, *};
use crate::store::*;
use sqlx::AssertSqlSafe;

type Tx = sqlx::Transaction<'static, Db>;

#[async_trait]
impl Store for Backend {
    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("select 1").execute(self.reader()).await?;
        Ok(())
    }

    fn backend(&self) -> &'static str {
        Backend::NAME
    }

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
             where lower(email) = lower($1) and password_hash is not null"
        );
        let row: Option<(Uuid, String, String, String)> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(email)
            .fetch_optional(self.reader())
            .await?;
        row.map(|(id, role, display_name, hash)| {
            Ok((
                UserRow {
                    id,
                    role,
                    display_name,
                }
                .try_into()?,
                hash,
            ))
        })
        .transpose()
    }

    async fn list_staff(&self) -> StoreResult<Vec<StaffMember>> {
        let rows: Vec<StaffRow> = sqlx::query_as(
            "select id, role, display_name, email, created_at from users \
             where role in ('agent', 'admin') and email is not null order by created_at",
        )
        .fetch_all(self.reader())
        .await?;
        rows::convert(rows)
    }

    async fn count_admins(&self) -> StoreResult<i64> {
        Ok(
            sqlx::query_scalar("select count(*) from users where role = 'admin'")
                .fetch_one(self.reader())
                .await?,
        )
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
             where t.token_hash = $1 and t.revoked_at is null and t.expires_at > $2",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(self.reader())
        .await?;
        row.map(|(id, role, display_name, expires)| {
            Ok((
                UserRow {
                    id,
                    role,
                    display_name,
                }
                .try_into()?,
                expires,
            ))
        })
        .transpose()
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

    async fn create_session(&self, s: NewSession) -> StoreResult<Session> {
        let at = rows::now();
        let id = Uuid::now_v7();
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "insert into sessions (id, status, channel, user_id, site, created_at) \
             values ($1, 'bot_pending', $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(s.channel.as_str())
        .bind(s.user_id)
        .bind(&s.site)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        let session = fetch_session(&mut tx, id).await?;
        insert_event(
            &mut tx,
            NewEvent::new("session.created", id, at, &session),
            at,
        )
        .await?;
        tx.commit().await?;
        Ok(session)
    }

    async fn get_session(&self, id: Uuid) -> StoreResult<Session> {
        let sql = format!("{SESSION_SELECT} where s.id = $1");
        let row: SessionRow = sqlx::query_as(AssertSqlSafe(sql))
            .bind(id)
            .fetch_one(self.reader())
            .await?;
        row.try_into()
    }

    async fn list_sessions(&self, filter: SessionFilter) -> StoreResult<Vec<Session>> {
        let limit = if filter.limit > 0 {
            filter.limit.min(1000)
        } else {
            200
        };
        let rows: Vec<SessionRow> = match filter.status {
            Some(status) => {
                let sql = format!(
                    "{SESSION_SELECT} where s.status = $1 order by s.created_at desc limit $2"
                );
                sqlx::query_as(AssertSqlSafe(sql))
                    .bind(status.as_str())
                    .bind(limit)
                    .fetch_all(self.reader())
                    .await?
            }
            None => {
                let sql = format!("{SESSION_SELECT} order by s.created_at desc limit $1");
                sqlx::query_as(AssertSqlSafe(sql))
                    .bind(limit)
                    .fetch_all(self.reader())
                    .await?
            }
        };
        rows::convert(rows)
    }

    async fn open_sessions_for_user(&self, user_id: Uuid) -> StoreResult<Vec<Session>> {
        let sql = format!(
            "{SESSION_SELECT} where s.user_id = $1 and s.status <> 'closed' order by s.created_at desc"
        );
        let rows: Vec<SessionRow> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(user_id)
            .fetch_all(self.reader())
            .await?;
        rows::convert(rows)
    }

    async fn active_sessions_for_agent(&self, agent_id: Uuid) -> StoreResult<Vec<Session>> {
        let sql = format!(
            "{SESSION_SELECT} where s.agent_id = $1 and s.status = 'active_with_agent' \
             order by s.assigned_at"
        );
        let rows: Vec<SessionRow> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(agent_id)
            .fetch_all(self.reader())
            .await?;
        rows::convert(rows)
    }

    async fn queue(&self, preview: i64) -> StoreResult<Vec<QueueItem>> {
        let sql = format!(
            "{SESSION_SELECT} where s.status = 'queued_for_agent' order by s.queued_at limit 500"
        );
        let sessions: Vec<Session> = rows::convert(
            sqlx::query_as::<_, SessionRow>(AssertSqlSafe(sql))
                .fetch_all(self.reader())
                .await?,
        )?;
        let sql = format!(
            "select {MESSAGE_COLUMNS} from (select m.*, row_number() over \
             (partition by m.session_id order by m.seq desc) as rn from messages m \
             join sessions s on s.id = m.session_id where s.status = 'queued_for_agent') t \
             where rn <= $1 order by session_id, seq"
        );
        let messages: Vec<Message> = rows::convert(
            sqlx::query_as::<_, MessageRow>(AssertSqlSafe(sql))
                .bind(preview)
                .fetch_all(self.reader())
                .await?,
        )?;
        Ok(crate::chat::queue::build_items(sessions, messages))
    }

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

    async fn append_message(&self, m: NewMessage) -> StoreResult<Appended> {
        self.messages.append(m).await
    }

    async fn transition(&self, change: Transition) -> StoreResult<Transitioned> {
        let at = rows::now();
        let mut tx = self.write_tx().await?;
        let before = fetch_session(&mut tx, change.session_id).await?;
        if !update_status(&mut tx, &change, at).await? {
            return Err(StoreError::Conflict(format!(
                "session is {}",
                before.status
            )));
        }
        record_handoff(&mut tx, &change, at).await?;
        let mut end_requested_by = None;
        if let Some(outcome) = change.end_request
            && let Some(req) = resolve_end(&mut tx, change.session_id, outcome, at).await?
        {
            end_requested_by = Some(req.into_request(false)?.requested_by);
            if outcome == EndRequestOutcome::Accepted {
                let data = serde_json::json!({ "sessionId": change.session_id });
                insert_event(
                    &mut tx,
                    NewEvent::new("end.accepted", change.session_id, at, &data),
                    at,
                )
                .await?;
            }
        }
        let system_message = match change.system_text.clone() {
            Some(text) => Some(
                insert_message(&mut tx, system_message(change.session_id, text), at, false).await?,
            ),
            None => None,
        };
        let session = fetch_session(&mut tx, change.session_id).await?;
        status_changed_event(&mut tx, before.status, &session, at).await?;
        tx.commit().await?;
        Ok(Transitioned {
            session,
            system_message,
            end_requested_by,
        })
    }

    async fn request_end(
        &self,
        session_id: Uuid,
        requested_by: EndedBy,
        system_text: Option<String>,
    ) -> StoreResult<EndRequestResult> {
        let at = rows::now();
        let mut tx = self.write_tx().await?;
        lock_active(&mut tx, session_id).await?;
        if let Some(pending) = pending_end(&mut tx, session_id).await? {
            tx.rollback().await?;
            return Ok(EndRequestResult {
                request: pending.into_request(false)?,
                system_message: None,
            });
        }
        let row = EndRequestRow {
            id: Uuid::now_v7(),
            session_id,
            requested_by: requested_by.as_str().into(),
            created_at: at,
        };
        sqlx::query("insert into end_requests (id, session_id, requested_by, created_at) values ($1, $2, $3, $4)")
            .bind(row.id)
            .bind(session_id)
            .bind(&row.requested_by)
            .bind(at)
            .execute(&mut *tx)
            .await?;
        let request = row.into_request(true)?;
        let data = serde_json::json!({ "sessionId": session_id, "requestId": request.id, "requestedBy": requested_by });
        insert_event(
            &mut tx,
            NewEvent::new("end.requested", session_id, at, &data),
            at,
        )
        .await?;
        let system_message = match system_text {
            Some(text) => {
                Some(insert_message(&mut tx, system_message(session_id, text), at, true).await?)
            }
            None => None,
        };
        tx.commit().await?;
        Ok(EndRequestResult {
            request,
            system_message,
        })
    }

    async fn decline_end(
        &self,
        session_id: Uuid,
        system_text: Option<String>,
    ) -> StoreResult<EndRequestResult> {
        let at = rows::now();
        let mut tx = self.write_tx().await?;
        lock_active(&mut tx, session_id).await?;
        let Some(pending) =
            resolve_end(&mut tx, session_id, EndRequestOutcome::Declined, at).await?
        else {
            return Err(StoreError::NotFound);
        };
        let request = pending.into_request(false)?;
        let data = serde_json::json!({ "sessionId": session_id, "requestId": request.id });
        insert_event(
            &mut tx,
            NewEvent::new("end.declined", session_id, at, &data),
            at,
        )
        .await?;
        let system_message = match system_text {
            Some(text) => {
                Some(insert_message(&mut tx, system_message(session_id, text), at, true).await?)
            }
            None => None,
        };
        tx.commit().await?;
        Ok(EndRequestResult {
            request,
            system_message,
        })
    }

    async fn pending_end_request(&self, session_id: Uuid) -> StoreResult<Option<EndRequest>> {
        let row: Option<EndRequestRow> = sqlx::query_as(
            "select id, session_id, requested_by, created_at from end_requests \
             where session_id = $1 and resolved_at is null",
        )
        .bind(session_id)
        .fetch_optional(self.reader())
        .await?;
        row.map(|r| r.into_request(false)).transpose()
    }

    async fn save_summary(&self, s: Summary) -> StoreResult<Summary> {
        let at = rows::now();
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "insert into summaries (session_id, summary, topics, message_count, started_at, ended_at, \
             ended_by, end_requested_by, user_display_name, agent_display_name, created_at) \
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict (session_id) do nothing",
        )
        .bind(s.session_id)
        .bind(&s.summary)
        .bind(serde_json::to_string(&s.topics).expect("topics serialize"))
        .bind(s.message_count)
        .bind(s.started_at)
        .bind(s.ended_at)
        .bind(s.ended_by.as_str())
        .bind(s.end_requested_by.map(|e| e.as_str()))
        .bind(&s.user_display_name)
        .bind(&s.agent_display_name)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 1 {
            insert_event(
                &mut tx,
                NewEvent::new("summary.ready", s.session_id, at, &s),
                at,
            )
            .await?;
            tx.commit().await?;
            return Ok(s);
        }
        let sql = format!("select {SUMMARY_COLUMNS} from summaries where session_id = $1");
        let row: SummaryRow = sqlx::query_as(AssertSqlSafe(sql))
            .bind(s.session_id)
            .fetch_one(&mut *tx)
            .await?;
        tx.rollback().await?;
        row.try_into()
    }

    async fn get_summary(&self, session_id: Uuid) -> StoreResult<Option<Summary>> {
        let sql = format!("select {SUMMARY_COLUMNS} from summaries where session_id = $1");
        let row: Option<SummaryRow> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(session_id)
            .fetch_optional(self.reader())
            .await?;
        row.map(Summary::try_from).transpose()
    }

    async fn recent_summaries(&self, limit: i64) -> StoreResult<Vec<Summary>> {
        let sql =
            format!("select {SUMMARY_COLUMNS} from summaries order by ended_at desc limit $1");
        let rows: Vec<SummaryRow> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(limit)
            .fetch_all(self.reader())
            .await?;
        rows::convert(rows)
    }

    async fn closed_without_summary(&self, limit: i64) -> StoreResult<Vec<Uuid>> {
        Ok(sqlx::query_scalar(
            "select s.id from sessions s left join summaries m on m.session_id = s.id \
             where s.status = 'closed' and m.session_id is null order by s.closed_at limit $1",
        )
        .bind(limit)
        .fetch_all(self.reader())
        .await?)
    }

    async fn stats(&self, now: DateTime<Utc>) -> StoreResult<Stats> {
        let counts: Vec<(String, i64)> =
            sqlx::query_as("select status, count(*) from sessions group by status")
                .fetch_all(self.reader())
                .await?;
        let day_start = now
            .date_naive()
            .and_hms_opt(0, 0, 0)
            .expect("midnight")
            .and_utc();
        let closed_today: i64 =
            sqlx::query_scalar("select count(*) from sessions where closed_at >= $1")
                .bind(day_start)
                .fetch_one(self.reader())
                .await?;
        let waits: Vec<(DateTime<Utc>, DateTime<Utc>)> = sqlx::query_as(
            "select queued_at, assigned_at from sessions \
             where assigned_at >= $1 and queued_at is not null order by assigned_at desc limit 1000",
        )
        .bind(now - chrono::Duration::hours(24))
        .fetch_all(self.reader())
        .await?;
        Ok(crate::chat::stats::build(&counts, closed_today, &waits))
    }

    async fn pending_events(&self, limit: i64) -> StoreResult<Vec<OutboxEvent>> {
        let rows: Vec<OutboxRow> = sqlx::query_as(
            "select id, event_id, topic, event_key, payload, created_at from outbox \
             where published_at is null order by id limit $1",
        )
        .bind(limit)
        .fetch_all(self.reader())
        .await?;
        Ok(rows.into_iter().map(OutboxEvent::from).collect())
    }

    async fn lease_outbox(&self, limit: i64) -> StoreResult<Box<dyn OutboxLease>> {
        self.lease(limit).await
    }

    async fn count_pending_events(&self) -> StoreResult<i64> {
        Ok(
            sqlx::query_scalar("select count(*) from outbox where published_at is null")
                .fetch_one(self.reader())
                .await?,
        )
    }

    async fn prune_published(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        let mut tx = self.write_tx().await?;
        let done =
            sqlx::query("delete from outbox where published_at is not null and published_at < $1")
                .bind(before)
                .execute(&mut *tx)
                .await?;
        tx.commit().await?;
        Ok(done.rows_affected())
    }

    async fn user_by_external_id(&self, external_id: &str) -> StoreResult<Option<User>> {
        let sql = format!("select {USER_COLUMNS} from users where external_id = $1");
        let row: Option<UserRow> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(external_id)
            .fetch_optional(self.reader())
            .await?;
        row.map(User::try_from).transpose()
    }

    async fn set_site(&self, session_id: Uuid, site: Option<&str>) -> StoreResult<Session> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query("update sessions set site = $2 where id = $1")
            .bind(session_id)
            .bind(site)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let session = fetch_session(&mut tx, session_id).await?;
        tx.commit().await?;
        Ok(session)
    }

    async fn whatsapp_pending(&self, limit: i64) -> StoreResult<Vec<OutboundWhatsApp>> {
        let cols = MESSAGE_COLUMNS
            .split(", ")
            .map(|c| format!("m.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "select {cols}, u.external_id as to_number, o.attempts from whatsapp_outbound o \
             join messages m on m.id = o.message_id join sessions s on s.id = m.session_id \
             join users u on u.id = s.user_id \
             where o.sent_at is null and u.external_id is not null order by o.created_at limit $1"
        );
        let rows: Vec<OutboundRow> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(limit)
            .fetch_all(self.reader())
            .await?;
        rows.into_iter()
            .map(|r| {
                Ok(OutboundWhatsApp {
                    message: r.message.try_into()?,
                    to: r.to_number,
                    attempts: r.attempts,
                })
            })
            .collect()
    }

    async fn whatsapp_sent(&self, message_id: Uuid, provider_id: &str) -> StoreResult<()> {
        let at = rows::now();
        let mut tx = self.write_tx().await?;
        sqlx::query("update whatsapp_outbound set sent_at = $2, attempts = attempts + 1 where message_id = $1")
            .bind(message_id)
            .bind(at)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "update messages set external_id = $2, delivery_status = 'queued', delivery_rank = 0 \
             where id = $1 and delivery_rank is null",
        )
        .bind(message_id)
        .bind(provider_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn whatsapp_failed(
        &self,
        message_id: Uuid,
        error: &str,
        give_up: bool,
    ) -> StoreResult<()> {
        let at = rows::now();
        let mut tx = self.write_tx().await?;
        let sent_at = give_up.then_some(at);
        sqlx::query(
            "update whatsapp_outbound set attempts = attempts + 1, last_error = $2, sent_at = $3 \
             where message_id = $1",
        )
        .bind(message_id)
        .bind(error)
        .bind(sent_at)
        .execute(&mut *tx)
        .await?;
        if give_up {
            sqlx::query(
                "update messages set delivery_status = 'failed', delivery_error = $2, delivery_rank = 9 \
                 where id = $1",
            )
            .bind(message_id)
            .bind(error)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn update_delivery(
        &self,
        provider_id: &str,
        status: &str,
        error: Option<&str>,
        rank: i64,
    ) -> StoreResult<Option<DeliveryUpdate>> {
        let mut tx = self.write_tx().await?;
        let row: Option<(Uuid, Uuid)> = sqlx::query_as(
            "update messages set delivery_status = $2, delivery_error = coalesce($3, delivery_error), \
             delivery_rank = $4 where external_id = $1 and coalesce(delivery_rank, -1) < $4 \
             returning id, session_id",
        )
        .bind(provider_id)
        .bind(status)
        .bind(error)
        .bind(rank)
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(row.map(|(message_id, session_id)| DeliveryUpdate {
            message_id,
            session_id,
        }))
    }

    async fn mark_published(&self, ids: &[i64]) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        mark_published_in(&mut tx, ids).await?;
        tx.commit().await?;
        Ok(())
    }
}
