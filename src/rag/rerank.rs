//! Reranking: which of the fused candidates answers the question, which of
//! its sentences says it, and how sure that is.
//!
//! Retrieval ranks whole passages; a passage that mentions the topic may not
//! hold the answer ("points expire" for a question about returns). Here each
//! candidate is scored again, closer to the question:
//!   - `sentence`: the best cosine between the question and one of the
//!     passage's sentences (embedded with its heading, for context), which
//!     is what an answer looks like;
//!   - `passage`: the passage's own cosine (from the vector search);
//!   - `coverage`: the share of the question's content words the passage
//!     (with its title and heading) contains, spelling variants folded.
//!
//! A weighted sum of these (and of the retrieval's own page score) ranks
//! the candidates; another weighs how sure the best page is, and below its
//! threshold the bot says it does not know. Both were calibrated on the
//! evaluation sites in `tests/fixtures/sites/` (the README's "Bot quality"
//! gives the numbers and how).

use std::collections::HashSet;

use super::{
    embed::{Embedder, EmbedderKind, cosine},
    search::Retrieved,
    text,
};

/// How candidates are ranked: weights of the signals in one score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    pub sentence: f32,
    pub passage: f32,
    pub coverage: f32,
    /// Of the retrieval's own page score (best vector plus best full-text
    /// match on the page).
    pub retrieval: f32,
}

/// How sure the best page is to answer, and the least that is answered.
/// Measured on the best page: its closest sentence, its best passage
/// cosine, its best word coverage, and how far its retrieval score stands
/// above the next page's (an answer is usually on one page; a question the
/// site cannot answer lands near several pages alike).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Confidence {
    pub sentence: f32,
    pub passage: f32,
    pub coverage: f32,
    pub margin: f32,
    /// Below this the bot says it does not know.
    pub threshold: f32,
}

impl Weights {
    pub fn for_kind(kind: EmbedderKind) -> Weights {
        match kind {
            EmbedderKind::Semantic => Weights {
                sentence: 0.0,
                passage: 0.0,
                coverage: 0.0,
                retrieval: 1.0,
            },
            EmbedderKind::Lexical => Weights {
                sentence: 0.3,
                passage: 0.0,
                coverage: 0.2,
                retrieval: 0.0,
            },
        }
    }
}

impl Confidence {
    pub fn for_kind(kind: EmbedderKind) -> Confidence {
        match kind {
            EmbedderKind::Semantic => Confidence {
                sentence: 0.0,
                passage: 1.0,
                coverage: 0.0,
                margin: 1.0,
                threshold: 0.48,
            },
            EmbedderKind::Lexical => Confidence {
                sentence: 0.0,
                passage: 0.0,
                coverage: 0.0,
                margin: 1.0,
                threshold: 0.27,
            },
        }
    }

    /// The confidence of `ranked` (best first): of its first page.
    pub fn of(&self, ranked: &[Candidate]) -> f32 {
        let Some(top) = ranked.first() else {
            return 0.0;
        };
        let page = ranked
            .iter()
            .filter(|c| c.passage.hit.url == top.passage.hit.url);
        let (mut sentence, mut passage, mut coverage) = (0.0f32, top.passage_cos, 0.0f32);
        for c in page {
            sentence = sentence.max(c.best_sentence());
            passage = passage.max(c.passage_cos);
            coverage = coverage.max(c.coverage);
        }
        let next = ranked
            .iter()
            .find(|c| c.passage.hit.url != top.passage.hit.url)
            .map_or(0.0, |c| c.passage.page_score);
        let margin = (top.passage.page_score - next).max(0.0);
        self.sentence * sentence
            + self.passage * passage
            + self.coverage * coverage
            + self.margin * margin
    }

    pub fn sure(&self, ranked: &[Candidate]) -> bool {
        !ranked.is_empty() && self.of(ranked) >= self.threshold
    }
}

/// A candidate passage with what the reranker measured on it.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub passage: Retrieved,
    /// The passage's sentences, each with its cosine to the question.
    pub sentences: Vec<(String, f32)>,
    /// Cosine of the whole passage (the vector search's, or a floor when
    /// the vector search did not list it).
    pub passage_cos: f32,
    pub coverage: f32,
}

impl Candidate {
    pub fn best_sentence(&self) -> f32 {
        self.sentences.iter().map(|(_, c)| *c).fold(0.0, f32::max)
    }

    pub fn score(&self, w: &Weights) -> f32 {
        w.sentence * self.best_sentence()
            + w.passage * self.passage_cos
            + w.coverage * self.coverage
            + w.retrieval * self.passage.page_score
    }
}

/// The most candidates measured (each costs its sentences' embeddings).
pub const CANDIDATES: usize = 8;
/// The most sentences embedded per candidate.
const SENTENCES_PER_PASSAGE: usize = 12;

/// Measures `passages` (best first from retrieval) against the question:
/// cosines and coverage, no sentences yet (`embed_sentences` adds them).
pub fn measure(question: &str, passages: Vec<Retrieved>) -> Vec<Candidate> {
    let passages: Vec<Retrieved> = passages.into_iter().take(CANDIDATES).collect();
    let floor = passages
        .iter()
        .filter_map(|p| p.similarity)
        .fold(f32::MAX, f32::min);
    let floor = if floor == f32::MAX { 0.0 } else { floor };
    let wanted: HashSet<String> = folded_terms(question).into_iter().collect();
    passages
        .into_iter()
        .map(|p| {
            let have: HashSet<String> =
                folded_terms(&format!("{} {} {}", p.hit.title, p.hit.heading, p.hit.text))
                    .into_iter()
                    .collect();
            let coverage = if wanted.is_empty() {
                0.0
            } else {
                wanted.intersection(&have).count() as f32 / wanted.len() as f32
            };
            Candidate {
                passage_cos: p.similarity.unwrap_or(floor),
                passage: p,
                sentences: Vec::new(),
                coverage,
            }
        })
        .collect()
}

/// Gives the candidates that `wanted` picks their sentences, each with its
/// cosine to `query` (the question's vector), in one call to the embedder.
pub async fn embed_sentences(
    embedder: &dyn Embedder,
    query: &[f32],
    candidates: &mut [Candidate],
    wanted: impl Fn(&Candidate) -> bool,
) -> anyhow::Result<()> {
    let mut texts = Vec::new();
    let mut owners = Vec::new();
    for (i, c) in candidates.iter().enumerate().filter(|(_, c)| wanted(c)) {
        let p = &c.passage.hit;
        for sentence in split(&p.text).into_iter().take(SENTENCES_PER_PASSAGE) {
            texts.push(if p.heading.is_empty() {
                sentence.to_string()
            } else {
                format!("{}. {sentence}", p.heading)
            });
            owners.push((i, sentence.to_string()));
        }
    }
    if texts.is_empty() {
        return Ok(());
    }
    let vectors = embedder.embed(&texts).await?;
    for ((i, sentence), v) in owners.into_iter().zip(&vectors) {
        candidates[i].sentences.push((sentence, cosine(query, v)));
    }
    Ok(())
}

/// The candidates best first by `weights`.
pub fn rank(mut candidates: Vec<Candidate>, weights: &Weights) -> Vec<Candidate> {
    candidates.sort_by(|a, b| {
        b.score(weights)
            .total_cmp(&a.score(weights))
            .then(a.passage.hit.chunk_id.cmp(&b.passage.hit.chunk_id))
    });
    candidates
}

/// The sentences that state the answer, best first: of the best page's
/// candidates, the sentence closest to the question (cosine, plus
/// `overlap` times the share of the question's words it contains), then the
/// next best when it is nearly as good (it often completes the first),
/// within `max_chars`.
pub fn answer_sentences(
    question: &str,
    ranked: &[Candidate],
    max_chars: usize,
    overlap: f32,
) -> Vec<String> {
    let Some(top) = ranked.first() else {
        return Vec::new();
    };
    let wanted: HashSet<String> = folded_terms(question).into_iter().collect();
    let share = |sentence: &str| {
        if wanted.is_empty() {
            return 0.0;
        }
        let have: HashSet<String> = folded_terms(sentence).into_iter().collect();
        wanted.intersection(&have).count() as f32 / wanted.len() as f32
    };
    let mut pool: Vec<(f32, &str)> = ranked
        .iter()
        .filter(|c| c.passage.hit.url == top.passage.hit.url)
        .flat_map(|c| c.sentences.iter())
        .filter(|(s, _)| s.len() >= 12)
        .map(|(s, cos)| (cos + overlap * share(s), s.as_str()))
        .collect();
    pool.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut chosen: Vec<String> = Vec::new();
    let best = pool.first().map_or(0.0, |p| p.0);
    for (score, sentence) in pool {
        let len: usize = chosen.iter().map(String::len).sum();
        let enough = chosen.len() == 2
            || (!chosen.is_empty() && (score < best - 0.12 || len + sentence.len() > max_chars));
        if enough {
            break;
        }
        if !chosen.iter().any(|c| c == sentence) {
            chosen.push(sentence.to_string());
        }
    }
    chosen
}

/// Sentences, also split at line breaks (list items carry no full stop).
fn split(text: &str) -> Vec<&str> {
    text.lines()
        .flat_map(text::sentences)
        .filter(|s| s.chars().filter(|c| c.is_alphanumeric()).count() >= 3)
        .collect()
}

/// Content terms with doubled letters folded ("installments" meets
/// "instalments", "travelling" meets "traveling").
pub fn folded_terms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text::terms(text)
        .into_iter()
        .map(|t| {
            let mut folded = String::with_capacity(t.len());
            for c in t.chars() {
                if !folded.ends_with(c) || c.is_ascii_digit() {
                    folded.push(c);
                }
            }
            folded
        })
        .collect();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_variants_meet() {
        assert_eq!(folded_terms("installments"), folded_terms("instalments"));
        assert_eq!(folded_terms("100 days"), vec!["100", "day"]);
    }

    #[test]
    fn list_items_are_sentences_and_scraps_are_not() {
        assert_eq!(
            split("Tents\nBackpacks and bags\nOK. Fine!\n–"),
            vec!["Tents", "Backpacks and bags", "Fine!"]
        );
    }
}
