//! The chat model seam: `ChatModel` completes a list of messages, whole or
//! streamed. The real one speaks OpenAI's `/chat/completions` through
//! `async-openai` (any compatible server through `OPENAI_BASE_URL`); tests
//! use a local stand-in that speaks the same wire format, streaming
//! included.

use async_trait::async_trait;
use futures::StreamExt;
use serde_json::json;

use super::openai_api::OpenAiApi;
use crate::chat::bot::OnDelta;

#[derive(Debug, Clone, PartialEq)]
pub struct ChatMessage {
    pub role: &'static str,
    pub content: String,
}

impl ChatMessage {
    pub fn system(content: impl Into<String>) -> Self {
        ChatMessage {
            role: "system",
            content: content.into(),
        }
    }
    pub fn user(content: impl Into<String>) -> Self {
        ChatMessage {
            role: "user",
            content: content.into(),
        }
    }
    pub fn assistant(content: impl Into<String>) -> Self {
        ChatMessage {
            role: "assistant",
            content: content.into(),
        }
    }
}

#[async_trait]
pub trait ChatModel: Send + Sync + 'static {
    /// The assistant's reply; with `json`, the model is asked for a JSON object.
    async fn complete(&self, messages: &[ChatMessage], json: bool) -> anyhow::Result<String>;

    /// The assistant's reply, each piece given to `on_piece` as it is
    /// written; returns the whole. A model that cannot stream answers whole.
    async fn stream(
        &self,
        messages: &[ChatMessage],
        on_piece: &OnDelta<'_>,
    ) -> anyhow::Result<String> {
        let whole = self.complete(messages, false).await?;
        on_piece(&whole);
        Ok(whole)
    }
}

pub struct OpenAiChat {
    api: OpenAiApi,
    model: String,
}

impl OpenAiChat {
    pub fn new(base: &str, key: &str, model: &str) -> anyhow::Result<Self> {
        Ok(OpenAiChat {
            api: OpenAiApi::new(base, key)?,
            model: model.to_string(),
        })
    }
}

#[async_trait]
impl ChatModel for OpenAiChat {
    async fn complete(&self, messages: &[ChatMessage], json: bool) -> anyhow::Result<String> {
        let mut body =
            json!({ "model": self.model, "messages": wire(messages), "temperature": 0.1 });
        if json {
            body["response_format"] = json!({ "type": "json_object" });
        }
        let answer = self.api.chat(body).await?;
        answer["choices"][0]["message"]["content"]
            .as_str()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .ok_or_else(|| anyhow::anyhow!("chat/completions: no message content"))
    }

    async fn stream(
        &self,
        messages: &[ChatMessage],
        on_piece: &OnDelta<'_>,
    ) -> anyhow::Result<String> {
        let body = json!({ "model": self.model, "messages": wire(messages), "temperature": 0.1 });
        let mut chunks = self.api.chat_stream(body).await?;
        let mut whole = String::new();
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk?;
            if let Some(piece) = chunk["choices"][0]["delta"]["content"].as_str()
                && !piece.is_empty()
            {
                whole.push_str(piece);
                on_piece(piece);
            }
        }
        let whole = whole.trim().to_string();
        anyhow::ensure!(
            !whole.is_empty(),
            "chat/completions: the stream had no content"
        );
        Ok(whole)
    }
}

fn wire(messages: &[ChatMessage]) -> Vec<serde_json::Value> {
    messages
        .iter()
        .map(|m| json!({ "role": m.role, "content": m.content }))
        .collect()
}

/// Makes text safe to place between our delimiters: it cannot close them.
pub fn quote_data(text: &str) -> String {
    crate::domain::text::escape_html(text)
}
