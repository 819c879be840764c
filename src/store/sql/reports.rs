//! Reports' rows: the `impl ReportStore` both backends share.

macro_rules! report_store {
    ($Store:ty) => {
        #[async_trait]
        impl ReportStore for $Store {
            async fn report_rows(
                &self,
                from: DateTime<Utc>,
                to: DateTime<Utc>,
                limit: i64,
            ) -> StoreResult<Vec<ReportRow>> {
                let rows: Vec<ReportRowSql> = sqlx::query_as(
                    "select s.id, s.created_at, s.channel, s.status, u.display_name as visitor, \
                     s.agent_id, a.display_name as agent_name, s.closed_at, s.ended_by, \
                     cast(s.last_seq as bigint) as messages, s.csat_rating, s.csat_comment, s.tags, \
                     h.first_queued_at, h.first_assigned_at, \
                     (select min(m.created_at) from messages m where m.session_id = s.id \
                        and m.sender_type = 'agent' and m.created_at >= h.first_assigned_at) as first_response_at \
                     from sessions s join users u on u.id = s.user_id \
                     left join users a on a.id = s.agent_id \
                     left join (select session_id, min(requested_at) as first_queued_at, \
                                min(claimed_at) as first_assigned_at \
                                from handoff_requests group by session_id) h on h.session_id = s.id \
                     where s.created_at >= $1 and s.created_at < $2 \
                     order by s.created_at, s.id limit $3",
                )
                .bind(from)
                .bind(to)
                .bind(limit)
                .fetch_all(self.reader())
                .await?;
                rows.into_iter().map(ReportRow::try_from).collect()
            }
        }
    };
}
pub(crate) use report_store;
