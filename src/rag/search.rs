//! Hybrid retrieval: a vector ranking (the current embedder's vectors only)
//! and a full-text ranking, fused by weighted reciprocal rank fusion, within
//! one site (or all sites when the session names none).
//!
//! Plain RRF weighs both lists alike, so when one retriever is much better
//! than the other the fusion lands between them. The weights here follow
//! what the vectors capture: with a semantic embedder the vector ranking
//! leads and full text breaks ties and rescues exact names and numbers;
//! with the lexical embedder both rankings see words, and full text (with
//! its IDF) leads. The README's "Bot quality" section has the measurements.

use std::{collections::HashMap, sync::Arc};

use super::{
    embed::{Embedder, EmbedderKind},
    store::{Hit, KnowledgeStore},
    text,
};

/// How the two rankings are fused.
#[derive(Debug, Clone, Copy)]
pub struct Fusion {
    /// The RRF constant: a larger one flattens the top of each list.
    pub k: f32,
    pub vector_weight: f32,
    pub text_weight: f32,
}

impl Fusion {
    pub fn plain() -> Self {
        Fusion {
            k: 60.0,
            vector_weight: 1.0,
            text_weight: 1.0,
        }
    }

    pub fn for_kind(kind: EmbedderKind) -> Self {
        match kind {
            EmbedderKind::Semantic => Fusion {
                k: 10.0,
                vector_weight: 1.0,
                text_weight: 0.35,
            },
            EmbedderKind::Lexical => Fusion {
                k: 10.0,
                vector_weight: 0.6,
                text_weight: 1.0,
            },
        }
    }
}

/// A passage with how each retriever saw it.
#[derive(Debug, Clone)]
pub struct Retrieved {
    pub hit: Hit,
    pub fused: f32,
    /// Cosine similarity to the question, when the vector search found it.
    pub similarity: Option<f32>,
    /// Rank in the full-text list (0 = best), when full text found it.
    pub text_rank: Option<usize>,
}

pub struct Retriever {
    store: Arc<dyn KnowledgeStore>,
    embedder: Arc<dyn Embedder>,
    pub fusion: Fusion,
    /// How many candidates each retriever contributes.
    pub depth: usize,
}

impl Retriever {
    pub fn new(store: Arc<dyn KnowledgeStore>, embedder: Arc<dyn Embedder>) -> Self {
        let fusion = Fusion::for_kind(embedder.kind());
        Retriever {
            store,
            embedder,
            fusion,
            depth: 20,
        }
    }

    pub fn embedder(&self) -> &Arc<dyn Embedder> {
        &self.embedder
    }

    pub fn store(&self) -> &Arc<dyn KnowledgeStore> {
        &self.store
    }

    pub async fn vector(&self, site: Option<&str>, question: &str, k: usize) -> anyhow::Result<Vec<Hit>> {
        let query = self.embedder.embed(&[question.to_string()]).await?;
        let query = query.into_iter().next().unwrap_or_default();
        self.store.vector_search(site, self.embedder.id(), &query, k).await
    }

    pub async fn text(&self, site: Option<&str>, question: &str, k: usize) -> anyhow::Result<Vec<Hit>> {
        let words: Vec<String> = text::words(question)
            .filter(|w| !text::is_stopword(w))
            .take(32)
            .collect();
        self.store.text_search(site, &words, k).await
    }

    /// The `k` best passages by the fused ranking.
    pub async fn search(&self, site: Option<&str>, question: &str, k: usize) -> anyhow::Result<Vec<Retrieved>> {
        let (vector, text) = tokio::try_join!(
            self.vector(site, question, self.depth),
            self.text(site, question, self.depth)
        )?;
        Ok(fuse(&self.fusion, vector, text, k))
    }
}

/// Weighted reciprocal rank fusion of two ranked lists.
pub fn fuse(fusion: &Fusion, vector: Vec<Hit>, text: Vec<Hit>, k: usize) -> Vec<Retrieved> {
    let mut by_id: HashMap<i64, Retrieved> = HashMap::new();
    for (rank, hit) in vector.into_iter().enumerate() {
        let similarity = hit.score;
        let entry = by_id.entry(hit.chunk_id).or_insert(Retrieved {
            hit,
            fused: 0.0,
            similarity: None,
            text_rank: None,
        });
        entry.similarity = Some(similarity);
        entry.fused += fusion.vector_weight / (fusion.k + rank as f32 + 1.0);
    }
    for (rank, hit) in text.into_iter().enumerate() {
        let entry = by_id.entry(hit.chunk_id).or_insert(Retrieved {
            hit,
            fused: 0.0,
            similarity: None,
            text_rank: None,
        });
        entry.text_rank = Some(rank);
        entry.fused += fusion.text_weight / (fusion.k + rank as f32 + 1.0);
    }
    let mut all: Vec<Retrieved> = by_id.into_values().collect();
    all.sort_by(|a, b| {
        b.fused
            .total_cmp(&a.fused)
            .then(a.hit.chunk_id.cmp(&b.hit.chunk_id))
    });
    all.truncate(k);
    all
}
