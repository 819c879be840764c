//! Knowledge on SQLite: one writer connection (`BEGIN IMMEDIATE`), readers
//! in parallel; vectors as little-endian f32 blobs ranked by exact cosine
//! in Rust; FTS5 (porter stemming) ranked by bm25, title and heading
//! weighted above the body.

use std::{str::FromStr, time::Duration};

use anyhow::Context;
use async_trait::async_trait;
use chrono::Utc;
use sqlx::{
    SqlitePool,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions},
};

use super::{Hit, KnowledgeStore, NewPage, SiteInfo, StaleChunk};
use crate::rag::embed::cosine;

pub struct SqliteKnowledge {
    writer: SqlitePool,
    reader: SqlitePool,
}

type HitRow = (i64, String, String, String, String);

impl SqliteKnowledge {
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .with_context(|| format!("{url:?} is not a SQLite URL"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await?;
        sqlx::migrate!("migrations/sqlite")
            .run(&writer)
            .await
            .context("running SQLite migrations")?;
        let reader = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.read_only(true))
            .await?;
        Ok(SqliteKnowledge { writer, reader })
    }
}

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
    words
        .iter()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" OR ")
}

#[async_trait]
impl KnowledgeStore for SqliteKnowledge {
    async fn replace_site(
        &self,
        site: &str,
        embedder: &str,
        pages: Vec<NewPage>,
    ) -> anyhow::Result<()> {
        let mut tx = self.writer.begin_with("BEGIN IMMEDIATE").await?;
        // Chunks first, so the FTS delete trigger sees each one.
        sqlx::query("delete from knowledge_chunks where site = $1")
            .bind(site)
            .execute(&mut *tx)
            .await?;
        sqlx::query("delete from knowledge_pages where site = $1")
            .bind(site)
            .execute(&mut *tx)
            .await?;
        let now = Utc::now().to_rfc3339();
        for page in pages {
            let page_id: i64 = sqlx::query_scalar(
                "insert into knowledge_pages (site, url, title, fetched_at) values ($1, $2, $3, $4) \
                 on conflict (site, url) do update set title = excluded.title returning id",
            )
            .bind(site)
            .bind(&page.url)
            .bind(&page.title)
            .bind(&now)
            .fetch_one(&mut *tx)
            .await?;
            for (ord, chunk) in page.chunks.iter().enumerate() {
                sqlx::query(
                    "insert into knowledge_chunks (page_id, site, ord, title, heading, body, embedder, dims, embedding) \
                     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(page_id)
                .bind(site)
                .bind(ord as i64)
                .bind(&page.title)
                .bind(&chunk.heading)
                .bind(&chunk.text)
                .bind(embedder)
                .bind(chunk.embedding.len() as i64)
                .bind(to_blob(&chunk.embedding))
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    async fn vector_search(
        &self,
        site: Option<&str>,
        embedder: &str,
        query: &[f32],
        k: usize,
    ) -> anyhow::Result<Vec<Hit>> {
        let rows: Vec<(i64, String, String, String, String, Vec<u8>)> = sqlx::query_as(
            "select c.id, p.url, c.title, c.heading, c.body, c.embedding from knowledge_chunks c \
             join knowledge_pages p on p.id = c.page_id \
             where c.embedder = $1 and ($2 is null or c.site = $2)",
        )
        .bind(embedder)
        .bind(site)
        .fetch_all(&self.reader)
        .await?;
        let mut hits: Vec<Hit> = rows
            .into_iter()
            .map(|(id, url, title, heading, body, blob)| {
                let score = cosine(query, &from_blob(&blob));
                hit((id, url, title, heading, body), score)
            })
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.chunk_id.cmp(&b.chunk_id))
        });
        hits.truncate(k);
        Ok(hits)
    }

    async fn text_search(
        &self,
        site: Option<&str>,
        words: &[String],
        k: usize,
    ) -> anyhow::Result<Vec<Hit>> {
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
        .fetch_all(&self.reader)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, url, title, heading, body, rank)| {
                hit((id, url, title, heading, body), -rank as f32)
            })
            .collect())
    }

    async fn stale_chunks(&self, embedder: &str, limit: usize) -> anyhow::Result<Vec<StaleChunk>> {
        let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
            "select id, title, heading, body from knowledge_chunks where embedder <> $1 order by id limit $2",
        )
        .bind(embedder)
        .bind(limit as i64)
        .fetch_all(&self.reader)
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

    async fn set_embeddings(
        &self,
        embedder: &str,
        vectors: Vec<(i64, Vec<f32>)>,
    ) -> anyhow::Result<()> {
        let mut tx = self.writer.begin_with("BEGIN IMMEDIATE").await?;
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

    async fn sites(&self) -> anyhow::Result<Vec<SiteInfo>> {
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(
            "select p.site, count(distinct p.id), count(c.id) from knowledge_pages p \
             left join knowledge_chunks c on c.page_id = p.id group by p.site order by p.site",
        )
        .fetch_all(&self.reader)
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
}
