//! Knowledge reads that are the same SQL on both backends, as functions
//! over the backend's pool (the searches and writes differ: blobs and FTS5
//! on SQLite, pgvector and `tsvector` on Postgres).

macro_rules! knowledge_reads {
    () => {
        pub(super) async fn stale_chunks_in(
            pool: &sqlx::Pool<Db>,
            embedder: &str,
            limit: usize,
        ) -> StoreResult<Vec<StaleChunk>> {
            let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
                "select id, title, heading, body from knowledge_chunks where embedder <> $1 \
                 order by id limit $2",
            )
            .bind(embedder)
            .bind(limit as i64)
            .fetch_all(pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|(id, title, heading, text)| StaleChunk {
                    id,
                    title,
                    heading,
                    text,
                })
                .collect())
        }

        pub(super) async fn sites_in(pool: &sqlx::Pool<Db>) -> StoreResult<Vec<SiteInfo>> {
            let rows: Vec<(String, i64, i64)> = sqlx::query_as(
                "select p.site, count(distinct p.id), count(c.id) from knowledge_pages p \
                 left join knowledge_chunks c on c.page_id = p.id group by p.site order by p.site",
            )
            .fetch_all(pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|(site, pages, chunks)| SiteInfo {
                    site,
                    pages,
                    chunks,
                })
                .collect())
        }

        /// The words of a text query, each reduced to letters and digits, so
        /// query syntax typed by anyone is data.
        pub(super) fn query_words(words: &[String]) -> Vec<String> {
            words
                .iter()
                .map(|w| w.chars().filter(|c| c.is_alphanumeric()).collect::<String>())
                .filter(|w| !w.is_empty())
                .collect()
        }
    };
}
pub(crate) use knowledge_reads;
