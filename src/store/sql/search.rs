//! Search: the `impl SearchStore` both backends share. Each backend brings
//! its full-text part: `text_query` (the terms in its query syntax, bound as
//! `$1`), `words_condition` (a condition on session `s`: it has a message
//! matching `$1`) and `MATCHES` (a session `$2`'s matching messages as `seq`
//! and text, the first `$3` by seq). Filters and paging are the same.

macro_rules! search_store {
    ($Store:ty) => {
        #[async_trait]
        impl SearchStore for $Store {
            async fn search(&self, f: &SearchFilter) -> StoreResult<Vec<SearchResult>> {
                let query = text_query(&f.terms);
                // With no words, filters alone list conversations ($1 is '').
                let words = if f.terms.is_empty() {
                    "$1 = ''"
                } else {
                    words_condition(self, &query).await?
                };
                let sql = format!(
                    "{SESSION_SELECT} where {words} \
                     and ($2 is null or s.status = $2) \
                     and ($3 is null or s.agent_id = $3) \
                     and ($4 is null or exists (select 1 from session_tags t \
                          where t.session_id = s.id and t.tag = $4)) \
                     and ($5 is null or s.channel = $5) \
                     and ($6 is null or s.created_at >= $6) \
                     and ($7 is null or s.created_at < $7) \
                     and ($8 is null or s.created_at < $8 or (s.created_at = $8 and s.id < $9)) \
                     order by s.created_at desc, s.id desc limit $10"
                );
                let (after_at, after_id) = f.after.unzip();
                let rows: Vec<SessionRow> = sqlx::query_as(AssertSqlSafe(sql))
                    .bind(&query)
                    .bind(f.status.map(|s| s.as_str()))
                    .bind(f.agent_id)
                    .bind(&f.tag)
                    .bind(f.channel.map(|c| c.as_str()))
                    .bind(f.from)
                    .bind(f.to)
                    .bind(after_at)
                    .bind(after_id)
                    .bind(f.limit)
                    .fetch_all(self.reader())
                    .await?;
                let mut results = Vec::with_capacity(rows.len());
                for row in rows {
                    let session = Session::try_from(row)?;
                    if f.terms.is_empty() {
                        results.push(SearchResult { session, matches: Vec::new() });
                        continue;
                    }
                    let found: Vec<(i64, String)> = sqlx::query_as(MATCHES)
                        .bind(&query)
                        .bind(session.id)
                        .bind(crate::store::search::MATCHES_PER_SESSION)
                        .fetch_all(self.reader())
                        .await?;
                    let matches = found
                        .into_iter()
                        .map(|(seq, snippet)| SearchMatch { seq, snippet })
                        .collect();
                    results.push(SearchResult { session, matches });
                }
                Ok(results)
            }
        }
    };
}
pub(crate) use search_store;
