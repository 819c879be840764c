//! Where the knowledge lives: `KnowledgeStore`, apart from the chat `Store`,
//! with a SQLite implementation (vectors as blobs, exact cosine in Rust,
//! FTS5 with bm25) and a Postgres one (pgvector HNSW, tsvector), picked by
//! the database URL. The schema is migration 0003 of each backend.

mod postgres;
mod sqlite;

use std::sync::Arc;

use async_trait::async_trait;

pub use postgres::PgKnowledge;
pub use sqlite::SqliteKnowledge;

/// A crawled page with its passages, ready to store.
#[derive(Debug, Clone)]
pub struct NewPage {
    pub url: String,
    pub title: String,
    pub chunks: Vec<NewChunk>,
}

#[derive(Debug, Clone)]
pub struct NewChunk {
    pub heading: String,
    pub text: String,
    pub embedding: Vec<f32>,
}

/// One retrieved passage; `score` is higher for better matches (cosine
/// similarity for vector search, the backend's text rank for full text).
#[derive(Debug, Clone)]
pub struct Hit {
    pub chunk_id: i64,
    pub url: String,
    pub title: String,
    pub heading: String,
    pub text: String,
    pub score: f32,
}

/// A stored passage whose vector is missing or from another embedder.
#[derive(Debug, Clone)]
pub struct StaleChunk {
    pub id: i64,
    pub title: String,
    pub heading: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SiteInfo {
    pub site: String,
    pub pages: i64,
    pub chunks: i64,
}

#[async_trait]
pub trait KnowledgeStore: Send + Sync + 'static {
    /// Replaces all pages of `site` with `pages`, in one transaction.
    async fn replace_site(
        &self,
        site: &str,
        embedder: &str,
        pages: Vec<NewPage>,
    ) -> anyhow::Result<()>;
    /// The `k` passages nearest to `query`, among vectors made by `embedder`,
    /// on `site` (every site when `None`).
    async fn vector_search(
        &self,
        site: Option<&str>,
        embedder: &str,
        query: &[f32],
        k: usize,
    ) -> anyhow::Result<Vec<Hit>>;
    /// The `k` best full-text matches of any of `words`.
    async fn text_search(
        &self,
        site: Option<&str>,
        words: &[String],
        k: usize,
    ) -> anyhow::Result<Vec<Hit>>;
    /// Up to `limit` passages whose vector was not made by `embedder`.
    async fn stale_chunks(&self, embedder: &str, limit: usize) -> anyhow::Result<Vec<StaleChunk>>;
    async fn set_embeddings(
        &self,
        embedder: &str,
        vectors: Vec<(i64, Vec<f32>)>,
    ) -> anyhow::Result<()>;
    async fn sites(&self) -> anyhow::Result<Vec<SiteInfo>>;
}

/// Opens the knowledge store on the same database as the chat store (whose
/// start-up has already run the migrations).
pub async fn connect(database_url: &str) -> anyhow::Result<Arc<dyn KnowledgeStore>> {
    if database_url.starts_with("postgres") {
        Ok(Arc::new(PgKnowledge::connect(database_url).await?))
    } else {
        Ok(Arc::new(SqliteKnowledge::connect(database_url).await?))
    }
}

/// The text a passage is embedded as: where it sits, then what it says.
pub fn embedding_text(title: &str, heading: &str, text: &str) -> String {
    let mut out = String::with_capacity(title.len() + heading.len() + text.len() + 4);
    for part in [title, heading] {
        if !part.is_empty() {
            out.push_str(part);
            out.push_str(". ");
        }
    }
    out.push_str(text);
    out
}
