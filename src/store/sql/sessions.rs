//! Sessions: lifecycle, queue, counters. The `impl SessionStore` both backends share.

macro_rules! session_store {
    ($Store:ty) => {
        #[async_trait]
        impl SessionStore for $Store {
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
                    NewEvent::new(EventType::SessionCreated, id, at, &session),
                    at,
                )
                .await?;
                tx.commit().await?;
                self.signals().outbox_written();
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

            async fn queue_length(&self) -> StoreResult<i64> {
                Ok(sqlx::query_scalar("select count(*) from sessions where status = 'queued_for_agent'")
                    .fetch_one(self.reader())
                    .await?)
            }

            async fn queue(&self, preview: i64) -> StoreResult<Vec<QueueItem>> {
                let sql = format!(
                    "{SESSION_SELECT} where s.status = 'queued_for_agent' \
                     order by s.queue_priority desc, s.queued_at, s.id limit 500"
                );
                let sessions: Vec<Session> = rows::convert(
                    sqlx::query_as::<_, SessionRow>(AssertSqlSafe(sql))
                        .fetch_all(self.reader())
                        .await?,
                )?;
                if preview <= 0 {
                    return Ok(crate::domain::queue::build_items(sessions, Vec::new()));
                }
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
                Ok(crate::domain::queue::build_items(sessions, messages))
            }

            async fn transition(&self, change: Transition) -> StoreResult<Transitioned> {
                let at = rows::now();
                let mut tx = self.write_tx().await?;
                let before = fetch_session(&mut tx, change.session_id).await?;
                if change.routed
                    && let AgentChange::Set(agent_id) = change.agent
                    && !has_room(&mut tx, agent_id).await?
                {
                    return Err(StoreError::Conflict("the agent has no room".into()));
                }
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
                            NewEvent::new(EventType::EndAccepted, change.session_id, at, &data),
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
                let outbound = system_message.as_ref().is_some_and(|m| m.queued_outbound);
                let system_message = system_message.map(|m| m.message);
                let session = fetch_session(&mut tx, change.session_id).await?;
                status_changed_event(&mut tx, before.status, &session, change.routed, at).await?;
                tx.commit().await?;
                self.signals().written(outbound);
                Ok(Transitioned {
                    session,
                    system_message,
                    end_requested_by,
                })
            }

            async fn transfer(&self, h: Handover) -> StoreResult<HandedOver> {
                let at = rows::now();
                let mut tx = self.write_tx().await?;
                let moved = sqlx::query(
                    "update sessions set agent_id = $3, assigned_at = $4 \
                     where id = $1 and status = 'active_with_agent' and agent_id = $2 \
                     and exists (select 1 from users u where u.id = $3 and u.active \
                                 and u.role in ('agent', 'supervisor', 'admin'))",
                )
                .bind(h.session_id)
                .bind(h.from_agent)
                .bind(h.to_agent)
                .bind(at)
                .execute(&mut *tx)
                .await?;
                if moved.rows_affected() == 0 {
                    let now = fetch_session(&mut tx, h.session_id).await?;
                    return Err(StoreError::Conflict(if now.agent_id == Some(h.from_agent) {
                        "that agent cannot take chats".into()
                    } else {
                        format!("session is {} and no longer with that agent", now.status)
                    }));
                }
                let note = match h.note {
                    Some(n) => Some(insert_note(&mut tx, n, at).await?),
                    None => None,
                };
                let system_message =
                    insert_message(&mut tx, system_message(h.session_id, h.system_text), at, true).await?;
                let session = fetch_session(&mut tx, h.session_id).await?;
                let data = serde_json::json!({
                    "sessionId": h.session_id,
                    "fromAgentId": h.from_agent,
                    "toAgentId": h.to_agent,
                    "byId": h.by,
                    "noteId": note.as_ref().map(|n| n.id),
                    "session": session,
                });
                insert_event(
                    &mut tx,
                    NewEvent::new(EventType::SessionTransferred, h.session_id, at, &data),
                    at,
                )
                .await?;
                tx.commit().await?;
                self.signals().written(system_message.queued_outbound);
                Ok(HandedOver {
                    session,
                    system_message: system_message.message,
                    note,
                })
            }

            async fn take_overdue(&self, due: DateTime<Utc>) -> StoreResult<Vec<Overdue>> {
                let at = rows::now();
                let rows: Vec<(Uuid, DateTime<Utc>)> = sqlx::query_as(
                    "update sessions set alerted_at = $2 \
                     where status = 'queued_for_agent' and queued_at <= $1 \
                     and (alerted_at is null or alerted_at <= $1) \
                     returning id, queued_at",
                )
                .bind(due)
                .bind(at)
                .fetch_all(self.writer())
                .await?;
                let mut overdue: Vec<Overdue> = rows
                    .into_iter()
                    .map(|(session_id, queued_at)| Overdue { session_id, queued_at })
                    .collect();
                overdue.sort_by_key(|o| o.queued_at);
                Ok(overdue)
            }

            async fn idle_bot_sessions(
                &self,
                before: DateTime<Utc>,
                limit: i64,
            ) -> StoreResult<Vec<Uuid>> {
                Ok(sqlx::query_scalar(
                    "select id from sessions where status = 'bot_pending' \
                     and coalesce(last_message_at, created_at) < $1 \
                     order by coalesce(last_message_at, created_at) limit $2",
                )
                .bind(before)
                .bind(limit)
                .fetch_all(self.reader())
                .await?)
            }

            async fn previous_agent(&self, session_id: Uuid) -> StoreResult<Option<Uuid>> {
                let agent: Option<Option<Uuid>> = sqlx::query_scalar(
                    "select claimed_by from handoff_requests \
                     where session_id = $1 and claimed_at is not null \
                     order by claimed_at desc limit 1 offset 1",
                )
                .bind(session_id)
                .fetch_optional(self.reader())
                .await?;
                Ok(agent.flatten())
            }

            async fn recent_waits(&self, now: DateTime<Utc>, limit: i64) -> StoreResult<Vec<i64>> {
                let waits: Vec<(DateTime<Utc>, DateTime<Utc>)> = sqlx::query_as(
                    "select requested_at, claimed_at from handoff_requests \
                     where claimed_at >= $1 order by claimed_at desc limit $2",
                )
                .bind(now - chrono::Duration::hours(24))
                .bind(limit)
                .fetch_all(self.reader())
                .await?;
                Ok(waits
                    .into_iter()
                    .map(|(asked, answered)| (answered - asked).num_seconds().max(0))
                    .collect())
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
                let event = NewEvent::new(EventType::EndRequested, session_id, at, &data);
                finish_end_change(tx, self.signals(), request, event, system_text, at).await
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
                let event = NewEvent::new(EventType::EndDeclined, session_id, at, &data);
                finish_end_change(tx, self.signals(), request, event, system_text, at).await
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

            async fn set_site(&self, session_id: Uuid, site: Option<&str>) -> StoreResult<Session> {
                let mut tx = self.write_tx().await?;
                let done = sqlx::query("update sessions set site = $2 where id = $1")
                    .bind(session_id)
                    .bind(site)
                    .execute(&mut *tx)
                    .await?;
                let session = updated_session(&mut tx, done.rows_affected(), session_id).await?;
                tx.commit().await?;
                Ok(session)
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
                Ok(crate::domain::stats::build(&counts, closed_today, &waits))
            }

        }
    };
}
pub(crate) use session_store;
