//! The one client for an OpenAI-compatible API (`OPENAI_BASE_URL`, with its
//! `/v1`: OpenAI, Ollama, vLLM, llama.cpp' server): `async-openai`, with
//! our own timeouts and a bounded retry (429, 5xx and network errors, for
//! at most 10 s). Requests and answers are plain JSON (async-openai's
//! "bring your own types"), read leniently: compatible servers differ in
//! the fields they fill. Used by the embedder and the chat model.

use std::{pin::Pin, time::Duration};

use anyhow::Context;
use async_openai::{Client, config::OpenAIConfig};
use futures::{Stream, StreamExt};
use serde_json::Value;

#[derive(Clone)]
pub struct OpenAiApi {
    client: Client<OpenAIConfig>,
}

/// Chunks of a streamed chat completion, as JSON.
pub type ChunkStream = Pin<Box<dyn Stream<Item = anyhow::Result<Value>> + Send>>;

impl OpenAiApi {
    pub fn new(base: &str, key: &str) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(60))
            .build()?;
        let backoff = backoff::ExponentialBackoffBuilder::new()
            .with_initial_interval(Duration::from_millis(250))
            .with_max_elapsed_time(Some(Duration::from_secs(10)))
            .build();
        let config = OpenAIConfig::new()
            .with_api_base(base.trim_end_matches('/'))
            .with_api_key(key);
        Ok(OpenAiApi {
            client: Client::with_config(config)
                .with_http_client(http)
                .with_backoff(backoff),
        })
    }

    /// `POST /embeddings`.
    pub async fn embeddings(&self, body: Value) -> anyhow::Result<Value> {
        self.client
            .embeddings()
            .create_byot(body)
            .await
            .context("embeddings")
    }

    /// `POST /chat/completions`, answered whole.
    pub async fn chat(&self, body: Value) -> anyhow::Result<Value> {
        self.client
            .chat()
            .create_byot(body)
            .await
            .context("chat/completions")
    }

    /// `POST /chat/completions` with `"stream": true`: the chunks as they
    /// come (server-sent events, up to `[DONE]`).
    pub async fn chat_stream(&self, mut body: Value) -> anyhow::Result<ChunkStream> {
        body["stream"] = Value::Bool(true);
        let stream = self
            .client
            .chat()
            .create_stream_byot::<Value, Value>(body)
            .await
            .context("chat/completions (stream)")?;
        Ok(Box::pin(
            stream.map(|chunk| chunk.context("chat/completions (stream)")),
        ))
    }
}
