//! `RagBot`: the chat service's `Bot`, answering from the ingested pages.
//!
//! It searches the session's site (every ingested site when the session
//! names none or one with no pages: a self-hosted server usually serves one
//! site, and a widget may sit on a page of another origin), reranks the candidates
//! (`rerank`), and answers only when the best is confident enough: with the
//! chat model when one is configured (streamed; falling back to the
//! extractive answer on any model error), else with the sentences that say
//! it, best first. Citations list the pages used, the answering page first.
//! Otherwise it says the pages don't say, and offers a human (or, with
//! `BOT_HANDOFF_ON_UNSURE`, queues the chat itself).

use std::sync::Arc;

use async_trait::async_trait;

use crate::{
    chat::bot::{Bot, BotReply, FallbackBot, OnDelta, asks_for_person},
    domain::{
        locale::Phrase,
        model::{Citation, Message, Session},
    },
};

use super::{
    answer::{citations, llm},
    chat_model::ChatModel,
    rerank::{self, Candidate, Confidence, Weights},
    search::{Retrieved, Retriever},
    text,
};

/// Passages fetched from retrieval for the reranker to choose from.
const RETRIEVED: usize = 20;
/// The most passages of one page among the reranker's candidates.
const PER_PAGE: usize = 3;
/// The longest extractive answer.
const MAX_ANSWER_CHARS: usize = 450;
/// How much a sentence's share of the question's words counts, beside its
/// cosine, in picking the sentences that answer (calibrated like the rest).
pub const ANSWER_OVERLAP: f32 = 0.2;

pub struct RagBot {
    retriever: Arc<Retriever>,
    chat: Option<Arc<dyn ChatModel>>,
    pub weights: Weights,
    pub confidence: Confidence,
    /// `BOT_HANDOFF_ON_UNSURE`: queue the chat when the bot does not know.
    pub handoff_on_unsure: bool,
}

/// What the bot found for a question.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// The answer, its citations (the answering page first) and how sure.
    Answer {
        text: String,
        citations: Vec<Citation>,
        confidence: f32,
    },
    /// Nothing the pages say answers it (`confidence` is the best score).
    Unsure { confidence: f32 },
}

impl RagBot {
    pub fn new(retriever: Arc<Retriever>, chat: Option<Arc<dyn ChatModel>>) -> Self {
        let kind = retriever.embedder().kind();
        RagBot {
            weights: Weights::for_kind(kind),
            confidence: Confidence::for_kind(kind),
            retriever,
            chat,
            handoff_on_unsure: false,
        }
    }

    /// The reranker's candidates for `question` in `site`, measured (with
    /// every sentence) but not ranked: the evaluation ranks them with other
    /// weights too.
    pub async fn candidates(
        &self,
        site: Option<&str>,
        question: &str,
    ) -> anyhow::Result<Vec<Candidate>> {
        let (query, mut candidates) = self.retrieve(site, question).await?;
        let embedder = self.retriever.embedder().as_ref();
        rerank::embed_sentences(embedder, &query, &mut candidates, |_| true).await?;
        Ok(candidates)
    }

    /// The question's vector, and the retrieved passages measured (no more
    /// than `PER_PAGE` of a page).
    async fn retrieve(
        &self,
        site: Option<&str>,
        question: &str,
    ) -> anyhow::Result<(Vec<f32>, Vec<Candidate>)> {
        let query = self.retriever.query_vector(question).await?;
        let passages = self
            .retriever
            .search(site, question, &query, RETRIEVED)
            .await?;
        let mut per_page: std::collections::HashMap<String, usize> = Default::default();
        let passages: Vec<Retrieved> = passages
            .into_iter()
            .filter(|p| {
                let n = per_page.entry(p.hit.url.clone()).or_default();
                *n += 1;
                *n <= PER_PAGE
            })
            .collect();
        Ok((query, rerank::measure(question, passages)))
    }

    /// The candidates best first. Sentences are embedded only where they
    /// count: for all when the ranking or the confidence weighs them, else
    /// for the best page alone (its sentences are the answer).
    async fn ranked(&self, site: Option<&str>, question: &str) -> anyhow::Result<Vec<Candidate>> {
        let (query, mut candidates) = self.retrieve(site, question).await?;
        let embedder = self.retriever.embedder().as_ref();
        if self.weights.sentence > 0.0 || self.confidence.sentence > 0.0 {
            rerank::embed_sentences(embedder, &query, &mut candidates, |_| true).await?;
            return Ok(rerank::rank(candidates, &self.weights));
        }
        let mut ranked = rerank::rank(candidates, &self.weights);
        let Some(best) = ranked.first().map(|c| c.passage.hit.url.clone()) else {
            return Ok(ranked);
        };
        rerank::embed_sentences(embedder, &query, &mut ranked, |c| c.passage.hit.url == best)
            .await?;
        Ok(ranked)
    }

    /// The answer to `question`, or that the pages do not hold one. With a
    /// chat model, its text arrives piece by piece through `on_delta`.
    pub async fn find(
        &self,
        site: Option<&str>,
        history: &[Message],
        question: &str,
        on_delta: &OnDelta<'_>,
    ) -> anyhow::Result<Found> {
        let ranked = self.ranked(site, question).await?;
        let confidence = self.confidence.of(&ranked);
        if !self.confidence.sure(&ranked) {
            return Ok(Found::Unsure { confidence });
        }
        let passages: Vec<Retrieved> = ranked.iter().map(|c| c.passage.clone()).collect();
        if let Some(model) = &self.chat {
            match llm::answer(model.as_ref(), question, history, &passages, on_delta).await {
                Ok(Some((text, cited))) => {
                    let used: Vec<&Retrieved> = if cited.is_empty() {
                        passages.iter().collect()
                    } else {
                        cited.iter().map(|&i| &passages[i]).collect()
                    };
                    return Ok(Found::Answer {
                        text,
                        citations: citations(used),
                        confidence,
                    });
                }
                Ok(None) => return Ok(Found::Unsure { confidence }),
                Err(e) => tracing::warn!(
                    error = format!("{e:#}"),
                    "chat model failed; answering extractively"
                ),
            }
        }
        let sentences =
            rerank::answer_sentences(question, &ranked, MAX_ANSWER_CHARS, ANSWER_OVERLAP);
        if sentences.is_empty() {
            return Ok(Found::Unsure { confidence });
        }
        Ok(Found::Answer {
            text: sentences.join(" "),
            citations: citations(passages.iter()),
            confidence,
        })
    }
}

#[async_trait]
impl Bot for RagBot {
    async fn reply(
        &self,
        session: &Session,
        history: &[Message],
        question: &str,
        on_delta: &OnDelta<'_>,
    ) -> Option<BotReply> {
        if asks_for_person(question)
            || text::terms(question).is_empty()
            || !self.retriever.has_knowledge().await
        {
            return FallbackBot
                .reply(session, history, question, on_delta)
                .await;
        }
        let site = self.retriever.scope(session.site.as_deref()).await;
        match self
            .find(site.as_deref(), history, question, on_delta)
            .await
        {
            Ok(Found::Answer {
                text, citations, ..
            }) => Some(BotReply {
                text,
                citations,
                handoff: false,
            }),
            Ok(Found::Unsure { confidence }) => {
                tracing::debug!(confidence, session.id = %session.id, "the bot does not know");
                Some(BotReply {
                    text: Phrase::BotDoesNotKnow {
                        handing_off: self.handoff_on_unsure,
                    }
                    .text(session.locale.unwrap_or_default()),
                    citations: Vec::new(),
                    handoff: self.handoff_on_unsure,
                })
            }
            Err(e) => {
                tracing::error!(error = format!("{e:#}"), session.id = %session.id, "retrieval failed");
                FallbackBot
                    .reply(session, history, question, on_delta)
                    .await
            }
        }
    }
}
