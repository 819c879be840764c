//! The chat model seam: `ChatModel` completes a list of messages. The real
//! one speaks OpenAI's `/chat/completions` (any compatible server through
//! `OPENAI_BASE_URL`); tests use a local stand-in of that API.

use async_trait::async_trait;
use serde_json::json;

use super::openai_api::OpenAiApi;

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
        let messages: Vec<_> = messages
            .iter()
            .map(|m| json!({ "role": m.role, "content": m.content }))
            .collect();
        let mut body = json!({ "model": self.model, "messages": messages, "temperature": 0.1 });
        if json {
            body["response_format"] = json!({ "type": "json_object" });
        }
        let answer = self.api.post("chat/completions", &body).await?;
        answer["choices"][0]["message"]["content"]
            .as_str()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .ok_or_else(|| anyhow::anyhow!("chat/completions: no message content"))
    }
}

/// Makes text safe to place between our delimiters: it cannot close them.
pub fn quote_data(text: &str) -> String {
    crate::domain::text::escape_html(text)
}
