//! Summaries of closed chats. The `impl SummaryStore` both backends share.

macro_rules! summary_store {
    ($Store:ty) => {
        #[async_trait]
        impl SummaryStore for $Store {
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
                        NewEvent::new(EventType::SummaryReady, s.session_id, at, &s),
                        at,
                    )
                    .await?;
                    tx.commit().await?;
                    self.signals().outbox_written();
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

        }
    };
}
pub(crate) use summary_store;
