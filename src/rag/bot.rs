//! `RagBot`: the chat service's `Bot`, answering from the ingested pages.
//!
//! It searches the session's site (every ingested site when the session
//! names none or one with no pages: a self-hosted server usually serves one
//! site, and a widget may sit on a page of another origin), keeps the
//! passages that look relevant, and answers with the chat model when one is
//! configured (falling back to the extractive answer on any model error),
//! else extractively. Citations list the pages used, best first. When
//! nothing relevant is found, or the visitor asks for a person, it says so
//! and offers a human.

use std::sync::Arc;

use async_trait::async_trait;

use crate::{
    chat::bot::{Bot, BotReply, FallbackBot},
    domain::model::{Citation, Message, Session},
};

use super::{
    answer::{self, citations, extractive, llm},
    chat_model::ChatModel,
    embed::EmbedderKind,
    search::{Retrieved, Retriever},
    text,
};

const TOP_K: usize = 5;

pub struct RagBot {
    retriever: Arc<Retriever>,
    chat: Option<Arc<dyn ChatModel>>,
}

impl RagBot {
    pub fn new(retriever: Arc<Retriever>, chat: Option<Arc<dyn ChatModel>>) -> Self {
        RagBot { retriever, chat }
    }

    /// The passages worth answering from, best first: none unless the best
    /// one matches words of the question or is close enough in meaning.
    pub async fn relevant(
        &self,
        site: Option<&str>,
        question: &str,
    ) -> anyhow::Result<Vec<Retrieved>> {
        let passages = self.retriever.search(site, question, TOP_K).await?;
        let floor = match self.retriever.embedder().kind() {
            EmbedderKind::Semantic => 0.15,
            EmbedderKind::Lexical => 0.1,
        };
        let relevant = passages
            .first()
            .is_some_and(|p| p.text_rank.is_some() || p.similarity.is_some_and(|s| s >= floor));
        Ok(if relevant { passages } else { Vec::new() })
    }

    /// The answer text and its citations, or `None` when nothing answers it.
    pub async fn answer(
        &self,
        site: Option<&str>,
        history: &[Message],
        question: &str,
    ) -> anyhow::Result<Option<(String, Vec<Citation>)>> {
        let passages = self.relevant(site, question).await?;
        if passages.is_empty() {
            return Ok(None);
        }
        if let Some(model) = &self.chat {
            match llm::answer(model.as_ref(), question, history, &passages).await {
                Ok(Some((text, cited))) => {
                    let used: Vec<&Retrieved> = if cited.is_empty() {
                        passages.iter().collect()
                    } else {
                        cited.iter().map(|&i| &passages[i]).collect()
                    };
                    return Ok(Some((text, citations(used))));
                }
                Ok(None) => return Ok(None),
                Err(e) => tracing::warn!(
                    error = format!("{e:#}"),
                    "chat model failed; answering extractively"
                ),
            }
        }
        let Some((text, url)) = extractive::answer(question, &passages) else {
            return Ok(None);
        };
        let mut ordered: Vec<&Retrieved> = passages
            .iter()
            .filter(|p| p.hit.url == url)
            .take(1)
            .collect();
        ordered.extend(passages.iter().filter(|p| p.hit.url != url));
        Ok(Some((text, answer::citations(ordered))))
    }
}

fn asks_for_human(question: &str) -> bool {
    let words: Vec<String> = text::words(question).collect();
    ["human", "agent", "person", "someone", "operator"]
        .iter()
        .any(|w| words.iter().any(|x| x == w))
}

fn not_found(site: Option<&str>) -> String {
    let place = site.map(|s| format!(" on {s}")).unwrap_or_default();
    format!(
        "I couldn't find that in the pages I know{place}. Choose \u{201c}Talk to a human\u{201d} and an agent will pick up this chat."
    )
}

#[async_trait]
impl Bot for RagBot {
    async fn reply(
        &self,
        session: &Session,
        history: &[Message],
        question: &str,
    ) -> Option<BotReply> {
        if asks_for_human(question) || text::terms(question).is_empty() {
            return FallbackBot.reply(session, history, question).await;
        }
        let site = self.retriever.scope(session.site.as_deref()).await;
        match self.answer(site, history, question).await {
            Ok(Some((text, citations))) => Some(BotReply { text, citations }),
            Ok(None) => Some(BotReply {
                text: not_found(site),
                citations: Vec::new(),
            }),
            Err(e) => {
                tracing::error!(error = format!("{e:#}"), session.id = %session.id, "retrieval failed");
                FallbackBot.reply(session, history, question).await
            }
        }
    }
}
