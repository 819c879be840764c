//! The conditional status change both backends share: the update itself
//! (held only in the expected statuses, and by the expected agent), the
//! routing capacity check under the agent's row lock, the handoff
//! bookkeeping and the status events. Invoked once per backend, in its `tx`
//! module, beside `tx_helpers!`.

macro_rules! transition_helpers {
    () => {
        /// Writes the handoff bookkeeping that goes with a status change.
        pub(super) async fn record_handoff(tx: &mut Tx, change: &Transition, at: DateTime<Utc>) -> StoreResult<()> {
            match change.to {
                SessionStatus::QueuedForAgent => {
                    sqlx::query(
                        "insert into handoff_requests (id, session_id, requested_at) values ($1, $2, $3)",
                    )
                    .bind(Uuid::now_v7())
                    .bind(change.session_id)
                    .bind(at)
                    .execute(&mut **tx)
                    .await?;
                }
                SessionStatus::ActiveWithAgent => {
                    sqlx::query(
                        "update handoff_requests set claimed_at = $2, claimed_by = $3 \
                         where session_id = $1 and claimed_at is null",
                    )
                    .bind(change.session_id)
                    .bind(at)
                    .bind(match change.agent {
                        AgentChange::Set(id) => Some(id),
                        _ => None,
                    })
                    .execute(&mut **tx)
                    .await?;
                }
                _ => {}
            }
            Ok(())
        }

        /// The conditional status update: true when the session was in `from`
        /// (and held by `held_by`, when set).
        pub(super) async fn update_status(tx: &mut Tx, change: &Transition, at: DateTime<Utc>) -> StoreResult<bool> {
            let from = change
                .from
                .iter()
                .map(|s| format!("'{}'", s.as_str()))
                .collect::<Vec<_>>()
                .join(", ");
            let (agent, agent_id) = match change.agent {
                AgentChange::Keep => ("keep", None),
                AgentChange::Set(id) => ("set", Some(id)),
                AgentChange::Clear => ("clear", None),
            };
            // The status being entered stamps its time; entering the queue also
            // resets the alert and sets the priority.
            let sql = format!(
                "update sessions set status = $2, \
                 agent_id = case $4 when 'set' then $5 when 'clear' then null else agent_id end, \
                 ended_by = coalesce($6, ended_by), \
                 queued_at = case when $2 = 'queued_for_agent' then $3 else queued_at end, \
                 assigned_at = case when $2 = 'active_with_agent' then $3 else assigned_at end, \
                 closed_at = case when $2 = 'closed' then $3 else closed_at end, \
                 alerted_at = case when $2 = 'queued_for_agent' then null else alerted_at end, \
                 queue_priority = case when $2 = 'queued_for_agent' then $7 else queue_priority end, \
                 offline = (offline or $9) \
                 where id = $1 and status in ({from}) and ($8 is null or agent_id = $8)"
            );
            let done = sqlx::query(AssertSqlSafe(sql))
                .bind(change.session_id)
                .bind(change.to.as_str())
                .bind(at)
                .bind(agent)
                .bind(agent_id)
                .bind(change.ended_by.map(|e| e.as_str()))
                .bind(i32::from(change.front_of_queue))
                .bind(change.held_by)
                .bind(change.offline)
                .execute(&mut **tx)
                .await?;
            Ok(done.rows_affected() == 1)
        }

        /// Locks an agent's row and says whether it may be routed one more chat:
        /// active, and with fewer active chats than its capacity. The count is a
        /// statement of its own, after the lock, so it sees every assignment a
        /// concurrent router committed before we got the lock.
        pub(super) async fn has_room(tx: &mut Tx, agent_id: Uuid) -> StoreResult<bool> {
            let capacity: Option<i64> = sqlx::query_scalar(
                "update users set capacity = capacity where id = $1 and active \
                 returning cast(capacity as bigint)",
            )
            .bind(agent_id)
            .fetch_optional(&mut **tx)
            .await?;
            let Some(capacity) = capacity else {
                return Ok(false);
            };
            let active: i64 = sqlx::query_scalar(
                "select count(*) from sessions where agent_id = $1 and status = 'active_with_agent'",
            )
            .bind(agent_id)
            .fetch_one(&mut **tx)
            .await?;
            Ok(active < capacity)
        }

        pub(super) async fn status_changed_event(
            tx: &mut Tx,
            before: SessionStatus,
            session: &Session,
            routed: bool,
            at: DateTime<Utc>,
        ) -> StoreResult<()> {
            let data = serde_json::json!({ "from": before, "to": session.status, "session": session });
            insert_event(
                tx,
                NewEvent::new(EventType::SessionStatusChanged, session.id, at, &data),
                at,
            )
            .await?;
            match session.status {
                SessionStatus::QueuedForAgent => {
                    insert_event(
                        tx,
                        NewEvent::new(EventType::HandoffRequested, session.id, at, session),
                        at,
                    )
                    .await
                }
                SessionStatus::ActiveWithAgent => {
                    let how = if routed { "routed" } else { "claimed" };
                    let data = serde_json::json!({
                        "sessionId": session.id,
                        "agentId": session.agent_id,
                        "how": how,
                        "session": session,
                    });
                    insert_event(
                        tx,
                        NewEvent::new(EventType::SessionAssigned, session.id, at, &data),
                        at,
                    )
                    .await
                }
                _ => Ok(()),
            }
        }
    };
}
pub(crate) use transition_helpers;
