//! Knowledge for the bot: crawled pages, their passages and vectors, with
//! vector and full-text search. SQLite keeps vectors as blobs ranked by
//! exact cosine and FTS5 with bm25; Postgres uses pgvector (HNSW) and a
//! weighted `tsvector`. The schema is migration 0003 of each backend.

use async_trait::async_trait;

use super::StoreResult;

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
    /// When its newest page was read.
    pub last_ingest_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// Orders hits best first (ties by passage id, so results are stable).
pub fn best_first(hits: &mut [Hit]) {
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.chunk_id.cmp(&b.chunk_id))
    });
}

#[async_trait]
pub trait KnowledgeStore: Send + Sync {
    /// Replaces all pages of `site` with `pages`, in one transaction.
    async fn replace_site(
        &self,
        site: &str,
        embedder: &str,
        pages: Vec<NewPage>,
    ) -> StoreResult<()>;
    /// The `k` passages nearest to `query`, among vectors made by `embedder`,
    /// on `site` (every site when `None`).
    async fn vector_search(
        &self,
        site: Option<&str>,
        embedder: &str,
        query: &[f32],
        k: usize,
    ) -> StoreResult<Vec<Hit>>;
    /// The `k` best full-text matches of any of `words`.
    async fn text_search(
        &self,
        site: Option<&str>,
        words: &[String],
        k: usize,
    ) -> StoreResult<Vec<Hit>>;
    /// Up to `limit` passages whose vector was not made by `embedder`.
    async fn stale_chunks(&self, embedder: &str, limit: usize) -> StoreResult<Vec<StaleChunk>>;
    async fn set_embeddings(
        &self,
        embedder: &str,
        vectors: Vec<(i64, Vec<f32>)>,
    ) -> StoreResult<()>;
    async fn sites(&self) -> StoreResult<Vec<SiteInfo>>;
}
