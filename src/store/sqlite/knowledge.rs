//! Knowledge on SQLite: vectors as little-endian f32 blobs ranked by exact
//! cosine in Rust; FTS5 (porter stemming) ranked by bm25, title and heading
//! weighted above the body. Writes go through the store's one writer.

use chrono::Utc;

use super::{Db, SqliteStore, Tx};
use crate::store::{Hit, NewPage, SiteInfo, StaleChunk, sql::prelude::*};

type HitRow = (i64, String, String, String, String);

crate::store::sql::knowledge::knowledge_reads!();

fn to_blob(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn from_blob(b: &[u8]) -> Vec<f32> {
    b.chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

fn hit(row: HitRow, score: f32) -> Hit {
    Hit {
        chunk_id: row.0,
        url: row.1,
        title: row.2,
        heading: row.3,
        text: row.4,
        score,
    }
}

/// An FTS5 query matching any of the words, each quoted.
fn fts_query(words: &[String]) -> String {
    query_words(words)
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" OR ")
}

/// Vectors are stored at unit length, so their cosine is the dot product.
fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[async_trait]
impl KnowledgeStore for SqliteStore {
    async fn replace_site(
        &self,
        site: &str,
        embedder: &str,
        pages: Vec<NewPage>,
    ) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        replace_pages(
            &mut tx,
            site,
            embedder,
            pages,
            Utc::now().to_rfc3339(),
            |v| to_blob(&v),
        )
        .await?;
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
        let rows: Vec<(i64, String, String, String, String, Vec<u8>)> = sqlx::query_as(
            "select c.id, p.url, c.title, c.heading, c.body, c.embedding from knowledge_chunks c \
             join knowledge_pages p on p.id = c.page_id \
             where c.embedder = $1 and ($2 is null or c.site = $2)",
        )
        .bind(embedder)
        .bind(site)
        .fetch_all(self.reader())
        .await?;
        let mut hits: Vec<Hit> = rows
            .into_iter()
            .map(|(id, url, title, heading, body, blob)| {
                let score = cosine(query, &from_blob(&blob));
                hit((id, url, title, heading, body), score)
            })
            .collect();
        crate::store::knowledge::best_first(&mut hits);
        hits.truncate(k);
        Ok(hits)
    }

    async fn text_search(
        &self,
        site: Option<&str>,
        words: &[String],
        k: usize,
    ) -> StoreResult<Vec<Hit>> {
        let query = fts_query(words);
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<(i64, String, String, String, String, f64)> = sqlx::query_as(
            "select c.id, p.url, c.title, c.heading, c.body, bm25(knowledge_fts, 2.0, 2.0, 1.0) as rank \
             from knowledge_fts f join knowledge_chunks c on c.id = f.rowid \
             join knowledge_pages p on p.id = c.page_id \
             where knowledge_fts match $1 and ($2 is null or c.site = $2) \
             order by rank limit $3",
        )
        .bind(query)
        .bind(site)
        .bind(k as i64)
        .fetch_all(self.reader())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, url, title, heading, body, rank)| {
                hit((id, url, title, heading, body), -rank as f32)
            })
            .collect())
    }

    async fn stale_chunks(&self, embedder: &str, limit: usize) -> StoreResult<Vec<StaleChunk>> {
        stale_chunks_in(self.reader(), embedder, limit).await
    }

    async fn set_embeddings(
        &self,
        embedder: &str,
        vectors: Vec<(i64, Vec<f32>)>,
    ) -> StoreResult<()> {
        let mut tx = self.write_tx().await?;
        for (id, v) in vectors {
            sqlx::query("update knowledge_chunks set embedder = $1, dims = $2, embedding = $3 where id = $4")
                .bind(embedder)
                .bind(v.len() as i64)
                .bind(to_blob(&v))
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
