//! Knowledge reads that are the same SQL on both backends, as functions
//! over the backend's pool (the searches and writes differ: blobs and FTS5
//! on SQLite, pgvector and `tsvector` on Postgres).

macro_rules! knowledge_reads {
    () => {
        /// Replaces `site`'s pages inside `tx`: chunks first (SQLite's FTS
        /// delete trigger must see each one), then pages, then the new ones.
        /// `fetched_at` and `encode` (a vector as the backend stores it) are
        /// the backend's own column types.
        pub(super) async fn replace_pages<T, E>(
            tx: &mut Tx,
            site: &str,
            embedder: &str,
            pages: Vec<NewPage>,
            fetched_at: T,
            encode: impl Fn(Vec<f32>) -> E,
        ) -> StoreResult<()>
        where
            T: for<'q> sqlx::Encode<'q, Db> + sqlx::Type<Db> + Clone + Send + Sync + 'static,
            E: for<'q> sqlx::Encode<'q, Db> + sqlx::Type<Db> + Send + 'static,
        {
            for table in ["knowledge_chunks", "knowledge_pages"] {
                sqlx::query(AssertSqlSafe(format!("delete from {table} where site = $1")))
                    .bind(site)
                    .execute(&mut **tx)
                    .await?;
            }
            for page in pages {
                let page_id: i64 = sqlx::query_scalar(
                    "insert into knowledge_pages (site, url, title, fetched_at) values ($1, $2, $3, $4) \
                     on conflict (site, url) do update set title = excluded.title returning id",
                )
                .bind(site)
                .bind(&page.url)
                .bind(&page.title)
                .bind(fetched_at.clone())
                .fetch_one(&mut **tx)
                .await?;
                for (ord, chunk) in page.chunks.into_iter().enumerate() {
                    sqlx::query(
                        "insert into knowledge_chunks \
                         (page_id, site, ord, title, heading, body, embedder, dims, embedding) \
                         values ($1, $2, cast($3 as integer), $4, $5, $6, $7, cast($8 as integer), $9)",
                    )
                    .bind(page_id)
                    .bind(site)
                    .bind(ord as i64)
                    .bind(&page.title)
                    .bind(&chunk.heading)
                    .bind(&chunk.text)
                    .bind(embedder)
                    .bind(chunk.embedding.len() as i64)
                    .bind(encode(chunk.embedding))
                    .execute(&mut **tx)
                    .await?;
                }
            }
            Ok(())
        }

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
            let rows: Vec<(String, i64, i64, Option<DateTime<Utc>>)> = sqlx::query_as(
                "select p.site, count(distinct p.id), count(c.id), max(p.fetched_at) from knowledge_pages p \
                 left join knowledge_chunks c on c.page_id = p.id group by p.site order by p.site",
            )
            .fetch_all(pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|(site, pages, chunks, last_ingest_at)| SiteInfo {
                    site,
                    pages,
                    chunks,
                    last_ingest_at,
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
