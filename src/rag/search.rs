//! Hybrid retrieval: a vector ranking (the current embedder's vectors only)
//! and a full-text ranking, fused by weighted reciprocal rank fusion, within
//! one site (or all sites when the session names none).
//!
//! Plain reciprocal rank fusion weighs both lists alike and looks only at
//! ranks, so when one retriever is much better than the other the fusion
//! lands between them. Here the scores are fused instead (min-max
//! normalised, then a weighted sum) with weights that follow what the
//! vectors capture: with a semantic embedder the vector ranking leads and
//! full text decides near ties (exact names, numbers, rare words); with the
//! lexical embedder full text (with its IDF) leads. The README's "Bot
//! quality" section has the measurements, plain RRF included.

use std::{collections::HashMap, sync::Arc};

use super::{
    embed::{Embedder, EmbedderKind},
    text,
};
use crate::store::{Hit, KnowledgeStore};

/// How the two rankings are fused.
#[derive(Debug, Clone, Copy)]
pub enum Fusion {
    /// Reciprocal rank fusion, both lists weighed alike: `1 / (k + rank)`.
    Rrf { k: f32 },
    /// A weighted sum of scores: `wv * cosine + wt * text / best text`.
    /// Unlike ranks, scores keep how sure each retriever is: a clear vector
    /// match is not overturned by a word match, while a near tie (within
    /// `wt` of cosine) goes to the passage that also matches the words.
    Scores {
        vector_weight: f32,
        text_weight: f32,
    },
}

impl Fusion {
    pub fn for_kind(kind: EmbedderKind) -> Self {
        match kind {
            // The semantic ranking is the stronger one on paraphrases.
            EmbedderKind::Semantic => Fusion::Scores {
                vector_weight: 1.0,
                text_weight: 0.06,
            },
            // Hashed words without IDF: full text (bm25) leads.
            EmbedderKind::Lexical => Fusion::Scores {
                vector_weight: 0.5,
                text_weight: 1.0,
            },
        }
    }
}

/// Ingested sites with their page counts.
type SitePages = Vec<(String, i64)>;

/// A passage with how each retriever saw it.
#[derive(Debug, Clone)]
pub struct Retrieved {
    pub hit: Hit,
    pub fused: f32,
    /// Cosine similarity to the question, when the vector search found it.
    pub similarity: Option<f32>,
    /// Rank in the full-text list (0 = best), when full text found it.
    pub text_rank: Option<usize>,
    /// The weighted vector and text parts of `fused`.
    pub parts: (f32, f32),
    /// The score of the passage's page, when fusion ranks by page.
    pub page_score: f32,
}

pub struct Retriever {
    store: Arc<dyn KnowledgeStore>,
    embedder: Arc<dyn Embedder>,
    pub fusion: Fusion,
    /// How many candidates each retriever contributes.
    pub depth: usize,
    /// The sites with pages (most pages first), and when they were read
    /// (`scope`).
    sites: std::sync::Mutex<Option<(std::time::Instant, SitePages)>>,
}

impl Retriever {
    /// The site to search for a session on `site`: the ingested site of
    /// that name, else the ingested site of the same origin with the most
    /// pages (a widget on `https://shop.test/cart` for the site ingested as
    /// `https://shop.test/help/`), else every site (a widget on a page of
    /// another origin, `/` on a fresh install). Sites are read at most
    /// every 10 s.
    pub async fn scope(&self, site: Option<&str>) -> Option<String> {
        let site = site?;
        let Some(sites) = self.sites().await else {
            return Some(site.to_string());
        };
        if sites.iter().any(|(s, _)| s == site) {
            return Some(site.to_string());
        }
        let origin = origin_of(site)?;
        sites
            .into_iter()
            .find(|(s, _)| origin_of(s).as_ref() == Some(&origin))
            .map(|(s, _)| s)
    }

    /// Whether any site has pages (a fresh install has none: the bot then
    /// needs no search). True when the sites cannot be read.
    pub async fn has_knowledge(&self) -> bool {
        self.sites().await.is_none_or(|sites| !sites.is_empty())
    }

    /// The sites with pages, most pages first, cached for 10 s once there
    /// are any; `None` when they cannot be read.
    async fn sites(&self) -> Option<SitePages> {
        let fresh = {
            let cached = self.sites.lock().expect("not poisoned");
            cached
                .as_ref()
                .filter(|(at, _)| at.elapsed() < std::time::Duration::from_secs(10))
                .map(|(_, sites)| sites.clone())
        };
        let sites = match fresh {
            Some(sites) => sites,
            None => match self.store.sites().await {
                Ok(sites) => {
                    let mut named: SitePages = sites
                        .into_iter()
                        .filter(|s| s.pages > 0)
                        .map(|s| (s.site, s.pages))
                        .collect();
                    named.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                    // none is not cached: the first crawl counts at once
                    if !named.is_empty() {
                        *self.sites.lock().expect("not poisoned") =
                            Some((std::time::Instant::now(), named.clone()));
                    }
                    named
                }
                Err(e) => {
                    tracing::warn!(error = %e, "cannot list the ingested sites");
                    return None;
                }
            },
        };
        Some(sites)
    }

    pub fn new(store: Arc<dyn KnowledgeStore>, embedder: Arc<dyn Embedder>) -> Self {
        let fusion = Fusion::for_kind(embedder.kind());
        Retriever {
            store,
            embedder,
            fusion,
            depth: 20,
            sites: std::sync::Mutex::new(None),
        }
    }

    pub fn embedder(&self) -> &Arc<dyn Embedder> {
        &self.embedder
    }

    pub fn store(&self) -> &Arc<dyn KnowledgeStore> {
        &self.store
    }

    /// The question's vector (the reranker compares sentences to it too).
    pub async fn query_vector(&self, question: &str) -> anyhow::Result<Vec<f32>> {
        let query = self.embedder.embed(&[question.to_string()]).await?;
        Ok(query.into_iter().next().unwrap_or_default())
    }

    pub async fn vector(
        &self,
        site: Option<&str>,
        question: &str,
        k: usize,
    ) -> anyhow::Result<Vec<Hit>> {
        let query = self.query_vector(question).await?;
        self.vector_by(site, &query, k).await
    }

    async fn vector_by(
        &self,
        site: Option<&str>,
        query: &[f32],
        k: usize,
    ) -> anyhow::Result<Vec<Hit>> {
        Ok(self
            .store
            .vector_search(site, self.embedder.id(), query, k)
            .await?)
    }

    pub async fn text(
        &self,
        site: Option<&str>,
        question: &str,
        k: usize,
    ) -> anyhow::Result<Vec<Hit>> {
        let words: Vec<String> = text::words(question)
            .filter(|w| !text::is_stopword(w))
            .take(32)
            .collect();
        Ok(self.store.text_search(site, &words, k).await?)
    }

    /// The `k` best passages by the fused ranking, for `question` whose
    /// vector is `query` (`query_vector`).
    pub async fn search(
        &self,
        site: Option<&str>,
        question: &str,
        query: &[f32],
        k: usize,
    ) -> anyhow::Result<Vec<Retrieved>> {
        let (vector, text) = tokio::try_join!(
            self.vector_by(site, query, self.depth),
            self.text(site, question, self.depth)
        )?;
        Ok(fuse(&self.fusion, vector, text, k))
    }
}

/// `scheme://host:port` of a URL, for matching a session's page to a site.
fn origin_of(url: &str) -> Option<url::Origin> {
    let origin = url::Url::parse(url).ok()?.origin();
    origin.is_tuple().then_some(origin)
}

/// Fuses two ranked lists (best first) into the `k` best passages.
pub fn fuse(fusion: &Fusion, vector: Vec<Hit>, text: Vec<Hit>, k: usize) -> Vec<Retrieved> {
    let (vector_part, text_part) = match *fusion {
        Fusion::Rrf { k } => (rrf(&vector, k, 1.0), rrf(&text, k, 1.0)),
        Fusion::Scores {
            vector_weight,
            text_weight,
        } => (
            vector.iter().map(|h| vector_weight * h.score).collect(),
            relative(&text, text_weight),
        ),
    };
    let mut by_id: HashMap<i64, Retrieved> = HashMap::new();
    for (hit, part) in vector.into_iter().zip(vector_part) {
        let similarity = hit.score;
        let entry = by_id.entry(hit.chunk_id).or_insert_with(|| Retrieved {
            hit,
            fused: 0.0,
            similarity: None,
            text_rank: None,
            parts: (0.0, 0.0),
            page_score: 0.0,
        });
        entry.similarity = Some(similarity);
        entry.parts.0 = part;
        entry.fused += part;
    }
    for (rank, (hit, part)) in text.into_iter().zip(text_part).enumerate() {
        let entry = by_id.entry(hit.chunk_id).or_insert_with(|| Retrieved {
            hit,
            fused: 0.0,
            similarity: None,
            text_rank: None,
            parts: (0.0, 0.0),
            page_score: 0.0,
        });
        entry.text_rank = Some(rank);
        entry.parts.1 = part;
        entry.fused += part;
    }
    let all: Vec<Retrieved> = by_id.into_values().collect();
    match fusion {
        Fusion::Rrf { .. } => best_first(all, k),
        Fusion::Scores { .. } => by_page(all, k),
    }
}

fn best_first(mut all: Vec<Retrieved>, k: usize) -> Vec<Retrieved> {
    all.sort_by(|a, b| {
        b.fused
            .total_cmp(&a.fused)
            .then(a.hit.chunk_id.cmp(&b.hit.chunk_id))
    });
    all.truncate(k);
    all
}

/// Pages are what gets cited: a page is scored by its best vector match plus
/// its best text match (which may be different passages of it), and its
/// passages follow in their own order.
fn by_page(all: Vec<Retrieved>, k: usize) -> Vec<Retrieved> {
    let mut pages: HashMap<String, (f32, f32)> = HashMap::new();
    for r in &all {
        let (v, t) = r.parts;
        let page = pages.entry(r.hit.url.clone()).or_insert((0.0, 0.0));
        page.0 = page.0.max(v);
        page.1 = page.1.max(t);
    }
    let mut all = all;
    for r in &mut all {
        let (v, t) = pages[&r.hit.url];
        r.page_score = v + t;
    }
    all.sort_by(|a, b| {
        b.page_score
            .total_cmp(&a.page_score)
            .then(a.hit.url.cmp(&b.hit.url))
            .then(b.fused.total_cmp(&a.fused))
            .then(a.hit.chunk_id.cmp(&b.hit.chunk_id))
    });
    all.truncate(k);
    all
}

fn rrf(list: &[Hit], k: f32, weight: f32) -> Vec<f32> {
    (0..list.len())
        .map(|rank| weight / (k + rank as f32 + 1.0))
        .collect()
}

/// Scores divided by the best one (text ranks are positive and unbounded).
fn relative(list: &[Hit], weight: f32) -> Vec<f32> {
    let max = list.iter().map(|h| h.score).fold(0.0, f32::max);
    list.iter()
        .map(|h| {
            if max > 0.0 {
                weight * h.score.max(0.0) / max
            } else {
                0.0
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(id: i64, score: f32) -> Hit {
        Hit {
            chunk_id: id,
            url: format!("/{id}"),
            title: String::new(),
            heading: String::new(),
            text: String::new(),
            score,
        }
    }

    #[test]
    fn relative_fusion_keeps_a_confident_vector_match() {
        let vector = vec![hit(1, 0.60), hit(2, 0.30), hit(3, 0.20)];
        let text = vec![hit(2, 5.0), hit(3, 1.0)];
        let fusion = Fusion::Scores {
            vector_weight: 1.0,
            text_weight: 0.06,
        };
        let fused = fuse(&fusion, vector.clone(), text.clone(), 3);
        assert_eq!(
            fused[0].hit.chunk_id, 1,
            "a clear vector winner stays first"
        );
        assert_eq!(fused[1].hit.chunk_id, 2);
        let rrf = fuse(&Fusion::Rrf { k: 60.0 }, vector, text, 3);
        assert_eq!(rrf[0].hit.chunk_id, 2, "plain RRF lets the word match win");
        let close = vec![hit(1, 0.40), hit(2, 0.37), hit(3, 0.10)];
        let fused = fuse(&fusion, close, vec![hit(2, 5.0)], 3);
        assert_eq!(
            fused[0].hit.chunk_id, 2,
            "a near tie goes to the text match"
        );
    }
}
