//! Knowledge on Postgres: pgvector with a partial HNSW expression index per
//! known dimension (the query repeats the index expression,
//! `embedding::vector(N)`, and `dims = N`), iterative index scans so a site
//! filter still fills `k`, and a weighted `tsvector` ranked by `ts_rank`.

use pgvector::Vector;

use super::{Db, PgStore, Tx};
use crate::store::{Hit, NewPage, SiteInfo, StaleChunk, sql::prelude::*};

type HitRow = (i64, String, String, String, String, f64);

crate::store::sql::knowledge::knowledge_reads!();

fn hits(rows: Vec<HitRow>) -> Vec<Hit> {
    rows.into_iter()
        .map(|(chunk_id, url, title, heading, text, score)| Hit {
            chunk_id,
            url,
            title,
            heading,
            text,
            score: score as f32,
        })
        .collect()
}

/// A `to_tsquery` text matching any of the words.
fn ts_query(words: &[String]) -> String {
    query_words(words).join(" | ")
}

#[async_trait]
impl KnowledgeStore for PgStore {
    async fn replace_site(
        &self,
        site: &str,
        embedder: &str,
        pages: Vec<NewPage>,
    ) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        replace_pages(&mut tx, site, embedder, pages, Utc::now(), Vector::from).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn vector_search(
        &self,
        site: Option<&str>,
        embedder: &str,
        query: &[f32],
        k: usize,
    ) -> StoreResult<Vec<Hit>> {
        let dims = query.len();
        // `dims` is a number we computed, so formatting it into SQL is safe;
        // it must be literal for the partial index to apply.
        let sql = format!(
            "select c.id, p.url, c.title, c.heading, c.body, \
             (1 - (c.embedding::vector({dims}) <=> $1::vector({dims})))::float8 as score \
             from knowledge_chunks c join knowledge_pages p on p.id = c.page_id \
             where c.dims = {dims} and c.embedder = $2 and ($3::text is null or c.site = $3) \
             order by c.embedding::vector({dims}) <=> $1::vector({dims}) limit $4"
        );
        let mut tx = self.pool.begin().await?;
        sqlx::query("set local hnsw.iterative_scan = relaxed_order")
            .execute(&mut *tx)
            .await?;
        let rows: Vec<HitRow> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(Vector::from(query.to_vec()))
            .bind(embedder)
            .bind(site)
            .bind(k as i64)
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;
        let mut hits = hits(rows);
        crate::store::knowledge::best_first(&mut hits);
        Ok(hits)
    }

    async fn text_search(
        &self,
        site: Option<&str>,
        words: &[String],
        k: usize,
    ) -> StoreResult<Vec<Hit>> {
        let query = ts_query(words);
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<HitRow> = sqlx::query_as(
            "select c.id, p.url, c.title, c.heading, c.body, ts_rank('{0.1, 0.2, 0.4, 0.2}'::float4[], c.tsv, q, 1)::float8 as score \
             from knowledge_chunks c join knowledge_pages p on p.id = c.page_id, \
             to_tsquery('english', $1) q \
             where c.tsv @@ q and ($2::text is null or c.site = $2) \
             order by score desc, c.id limit $3",
        )
        .bind(query)
        .bind(site)
        .bind(k as i64)
        .fetch_all(&self.pool)
        .await?;
        Ok(hits(rows))
    }

    async fn stale_chunks(&self, embedder: &str, limit: usize) -> StoreResult<Vec<StaleChunk>> {
        stale_chunks_in(self.reader(), embedder, limit).await
    }

    async fn set_embeddings(
        &self,
        embedder: &str,
        vectors: Vec<(i64, Vec<f32>)>,
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        for (id, v) in vectors {
            sqlx::query("update knowledge_chunks set embedder = $1, dims = $2, embedding = $3 where id = $4")
                .bind(embedder)
                .bind(v.len() as i32)
                .bind(Vector::from(v))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn sites(&self) -> StoreResult<Vec<SiteInfo>> {
        sites_in(self.reader()).await
    }
}
