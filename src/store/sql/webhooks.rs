//! Webhooks, their fan-out from the outbox and their deliveries: the
//! `impl WebhookStore` both backends share.

macro_rules! webhook_store {
    ($Store:ty) => {
        #[async_trait]
        impl WebhookStore for $Store {
            async fn create_webhook(&self, new: NewWebhook) -> StoreResult<Webhook> {
                let id = Uuid::now_v7();
                let events = serde_json::to_string(&new.events)
                    .map_err(|e| StoreError::Other(e.into()))?;
                let mut tx = self.write_tx().await?;
                sqlx::query(
                    "insert into webhooks (id, url, events, secret, active, created_by, created_at) \
                     values ($1, $2, $3, $4, true, $5, $6)",
                )
                .bind(id)
                .bind(&new.url)
                .bind(events)
                .bind(&new.secret)
                .bind(new.created_by)
                .bind(rows::now())
                .execute(&mut *tx)
                .await?;
                let webhook = webhook_in(&mut *tx, id).await?;
                tx.commit().await?;
                webhook.ok_or(StoreError::NotFound)
            }

            async fn webhooks(&self) -> StoreResult<Vec<Webhook>> {
                let sql = format!("{WEBHOOK_SELECT} order by w.created_at desc");
                let rows: Vec<WebhookRow> = sqlx::query_as(AssertSqlSafe(sql))
                    .fetch_all(self.reader())
                    .await?;
                rows.into_iter().map(Webhook::try_from).collect()
            }

            async fn webhook(&self, id: Uuid) -> StoreResult<Option<Webhook>> {
                webhook_in(self.reader(), id).await
            }

            async fn update_webhook(&self, id: Uuid, patch: WebhookPatch) -> StoreResult<Webhook> {
                let events = patch
                    .events
                    .as_ref()
                    .map(serde_json::to_string)
                    .transpose()
                    .map_err(|e| StoreError::Other(e.into()))?;
                let mut tx = self.write_tx().await?;
                let done = sqlx::query(
                    "update webhooks set url = coalesce($2, url), events = coalesce($3, events), \
                     active = coalesce($4, active) where id = $1",
                )
                .bind(id)
                .bind(&patch.url)
                .bind(events)
                .bind(patch.active)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                let webhook = webhook_in(&mut *tx, id).await?;
                tx.commit().await?;
                if patch.active == Some(true) {
                    // resumed: what waited is due
                    self.signals.outbox_written();
                }
                webhook.ok_or(StoreError::NotFound)
            }

            async fn delete_webhook(&self, id: Uuid) -> StoreResult<()> {
                let mut tx = self.write_tx().await?;
                sqlx::query("delete from webhook_deliveries where webhook_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                let done = sqlx::query("delete from webhooks where id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                tx.commit().await?;
                Ok(())
            }

            async fn fan_out_webhooks(&self, limit: i64) -> StoreResult<usize> {
                let events: Vec<FanOutRow> = sqlx::query_as(
                    "select id, event_id, event_key, payload, created_at from outbox \
                     where fanned_out_at is null order by id limit $1",
                )
                .bind(limit)
                .fetch_all(self.reader())
                .await?;
                if events.is_empty() {
                    return Ok(0);
                }
                let now = rows::now();
                let mut tx = self.write_tx().await?;
                let hooks: Vec<(Uuid, String, DateTime<Utc>)> =
                    sqlx::query_as("select id, events, created_at from webhooks")
                        .fetch_all(&mut *tx)
                        .await?;
                let hooks: Vec<(Uuid, Vec<String>, DateTime<Utc>)> = hooks
                    .into_iter()
                    .map(|(id, events, at)| (id, serde_json::from_str(&events).unwrap_or_default(), at))
                    .collect();
                if hooks.is_empty() {
                    // no one to tell: one statement (a row still invisible now is seen next time)
                    let last = events.last().map_or(0, |e| e.id);
                    sqlx::query("update outbox set fanned_out_at = $2 where fanned_out_at is null and id <= $1")
                        .bind(last)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    return Ok(events.len());
                }
                for event in &events {
                    let kind = serde_json::from_str::<serde_json::Value>(&event.payload)
                        .ok()
                        .and_then(|v| v["type"].as_str().map(str::to_string))
                        .unwrap_or_default();
                    let takers: Vec<Uuid> = hooks
                        .iter()
                        .filter(|(_, wanted, since)| {
                            *since <= event.created_at && crate::domain::webhooks::wants(wanted, &kind)
                        })
                        .map(|(hook, _, _)| *hook)
                        .collect();
                    if takers.is_empty() {
                        continue;
                    }
                    // one statement for every webhook that wants it: $1..$6 the event, then id and webhook per row
                    let rows: Vec<String> = (0..takers.len())
                        .map(|i| format!("(${}, ${}, $1, $2, $3, $4, $5, 'pending', 0, $6, $6)", 7 + 2 * i, 8 + 2 * i))
                        .collect();
                    let sql = format!(
                        "insert into webhook_deliveries (id, webhook_id, outbox_id, event_id, event_type, \
                         event_key, payload, state, attempts, next_attempt_at, created_at) values {} \
                         on conflict (webhook_id, event_id) do nothing",
                        rows.join(", ")
                    );
                    let mut insert = sqlx::query(AssertSqlSafe(sql))
                        .bind(event.id)
                        .bind(event.event_id)
                        .bind(&kind)
                        .bind(&event.event_key)
                        .bind(&event.payload)
                        .bind(now);
                    for hook in &takers {
                        insert = insert.bind(Uuid::now_v7()).bind(hook);
                    }
                    insert.execute(&mut *tx).await?;
                }
                // exactly the events read (integers): a row that became visible meanwhile waits its turn
                let ids: Vec<String> = events.iter().map(|e| e.id.to_string()).collect();
                let sql = format!("update outbox set fanned_out_at = $1 where id in ({})", ids.join(", "));
                sqlx::query(AssertSqlSafe(sql)).bind(now).execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(events.len())
            }

            async fn claim_deliveries(
                &self,
                now: DateTime<Utc>,
                until: DateTime<Utc>,
                room: &(dyn Fn(Uuid) -> usize + Sync),
                limit: usize,
            ) -> StoreResult<Vec<DueDelivery>> {
                let mut active: Vec<Uuid> = sqlx::query_scalar("select id from webhooks where active")
                    .fetch_all(self.reader())
                    .await?;
                rand::seq::SliceRandom::shuffle(active.as_mut_slice(), &mut rand::thread_rng());
                let mut picked: Vec<Uuid> = Vec::new();
                for hook in active {
                    let room = room(hook).min(limit - picked.len());
                    if room == 0 {
                        continue;
                    }
                    // in outbox order, the first pending delivery of each session that is due
                    let heads: Vec<Uuid> = sqlx::query_scalar(
                        "select d.id from webhook_deliveries d \
                         where d.webhook_id = $1 and d.state = 'pending' and d.next_attempt_at <= $2 \
                         and (d.locked_until is null or d.locked_until < $2) \
                         and not exists (select 1 from webhook_deliveries e where e.webhook_id = d.webhook_id \
                           and e.event_key = d.event_key and e.state = 'pending' and e.outbox_id < d.outbox_id) \
                         order by d.outbox_id limit $3",
                    )
                    .bind(hook)
                    .bind(now)
                    .bind(room as i64)
                    .fetch_all(self.reader())
                    .await?;
                    picked.extend(heads);
                }
                if picked.is_empty() {
                    return Ok(Vec::new());
                }
                let placeholders: Vec<String> = (0..picked.len()).map(|i| format!("${}", i + 3)).collect();
                let mut tx = self.write_tx().await?;
                // the lock is taken only where no one took it meanwhile
                let sql = format!(
                    "update webhook_deliveries set locked_until = $1 where id in ({}) \
                     and state = 'pending' and (locked_until is null or locked_until < $2) \
                     returning id, webhook_id, \
                     (select url from webhooks w where w.id = webhook_id) as url, \
                     (select secret from webhooks w where w.id = webhook_id) as secret, \
                     event_id, event_type, payload, attempts, created_at",
                    placeholders.join(", ")
                );
                let mut query = sqlx::query_as::<_, DueRow>(AssertSqlSafe(sql)).bind(until).bind(now);
                for id in &picked {
                    query = query.bind(id);
                }
                let rows = query.fetch_all(&mut *tx).await?;
                tx.commit().await?;
                Ok(rows.into_iter().map(DueDelivery::from).collect())
            }

            async fn record_attempts(
                &self,
                attempts: &[(Uuid, Attempt)],
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                if attempts.is_empty() {
                    return Ok(());
                }
                let mut tx = self.write_tx().await?;
                for (id, attempt) in attempts {
                    match attempt {
                        Attempt::Delivered { status } => {
                            sqlx::query(
                                "update webhook_deliveries set state = 'delivered', attempts = attempts + 1, \
                                 last_status = $2, last_error = null, delivered_at = $3, next_attempt_at = null, \
                                 locked_until = null where id = $1",
                            )
                            .bind(id)
                            .bind(status)
                            .bind(now)
                            .execute(&mut *tx)
                            .await?;
                        }
                        Attempt::Failed { status, error, retry_at } => {
                            let state = if retry_at.is_some() { "pending" } else { "failed" };
                            sqlx::query(
                                "update webhook_deliveries set state = $2, attempts = attempts + 1, \
                                 last_status = $3, last_error = $4, next_attempt_at = $5, locked_until = null \
                                 where id = $1",
                            )
                            .bind(id)
                            .bind(state)
                            .bind(status)
                            .bind(error)
                            .bind(retry_at)
                            .execute(&mut *tx)
                            .await?;
                        }
                    }
                }
                tx.commit().await?;
                Ok(())
            }

            async fn deliveries(
                &self,
                webhook_id: Uuid,
                before: Option<(DateTime<Utc>, Uuid)>,
                limit: i64,
            ) -> StoreResult<Vec<Delivery>> {
                let (at, id) = before.map_or((None, None), |(at, id)| (Some(at), Some(id)));
                let sql = format!(
                    "select {DELIVERY_COLUMNS} from webhook_deliveries where webhook_id = $1 \
                     and ($2 is null or created_at < $2 or (created_at = $2 and id < $3)) \
                     order by created_at desc, id desc limit $4"
                );
                let rows: Vec<DeliveryRow> = sqlx::query_as(AssertSqlSafe(sql))
                    .bind(webhook_id)
                    .bind(at)
                    .bind(id)
                    .bind(limit)
                    .fetch_all(self.reader())
                    .await?;
                rows.into_iter().map(Delivery::try_from).collect()
            }

            async fn retry_delivery(
                &self,
                webhook_id: Uuid,
                id: Uuid,
                now: DateTime<Utc>,
            ) -> StoreResult<()> {
                let mut tx = self.write_tx().await?;
                let done = sqlx::query(
                    "update webhook_deliveries set state = 'pending', next_attempt_at = $3, \
                     locked_until = null where id = $1 and webhook_id = $2",
                )
                .bind(id)
                .bind(webhook_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                tx.commit().await?;
                self.signals.outbox_written();
                Ok(())
            }

            async fn webhook_count(&self) -> StoreResult<i64> {
                Ok(sqlx::query_scalar("select count(*) from webhooks")
                    .fetch_one(self.reader())
                    .await?)
            }

            async fn webhook_backlog(&self) -> StoreResult<i64> {
                Ok(sqlx::query_scalar(
                    "select count(*) from webhook_deliveries where state = 'pending'",
                )
                .fetch_one(self.reader())
                .await?)
            }
        }

        /// One webhook, from the pool or inside the transaction that wrote it.
        async fn webhook_in<'e, E>(exec: E, id: Uuid) -> StoreResult<Option<Webhook>>
        where
            E: sqlx::Executor<'e, Database = Db>,
        {
            let sql = format!("{WEBHOOK_SELECT} where w.id = $1");
            let row: Option<WebhookRow> = sqlx::query_as(AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(exec)
                .await?;
            row.map(Webhook::try_from).transpose()
        }
    };
}

pub(crate) use webhook_store;
