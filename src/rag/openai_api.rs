//! The one HTTP client for an OpenAI-compatible API (`OPENAI_BASE_URL`,
//! including its `/v1`): bearer key, timeouts, and retries with backoff on
//! 429, 5xx and network errors. Used by the embedder and the chat model.

use std::time::Duration;

use anyhow::{Context, bail};
use serde_json::Value;

#[derive(Clone)]
pub struct OpenAiApi {
    http: reqwest::Client,
    base: String,
    key: String,
}

const ATTEMPTS: u32 = 3;

impl OpenAiApi {
    pub fn new(base: &str, key: &str) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(60))
            .build()?;
        Ok(OpenAiApi {
            http,
            base: base.trim_end_matches('/').to_string(),
            key: key.to_string(),
        })
    }

    /// POSTs `body` to `{base}/{path}` and returns the JSON answer.
    pub async fn post(&self, path: &str, body: &Value) -> anyhow::Result<Value> {
        let url = format!("{}/{path}", self.base);
        let mut last = None;
        for attempt in 0..ATTEMPTS {
            if attempt > 0 {
                tokio::time::sleep(Duration::from_millis(250 * 4u64.pow(attempt - 1))).await;
            }
            let res = self
                .http
                .post(&url)
                .bearer_auth(&self.key)
                .json(body)
                .send()
                .await;
            match res {
                Ok(res) if res.status().is_success() => {
                    return res.json().await.context("the OpenAI API answered non-JSON");
                }
                Ok(res) if res.status().as_u16() == 429 || res.status().is_server_error() => {
                    last = Some(anyhow::anyhow!("{path}: HTTP {}", res.status()));
                }
                Ok(res) => {
                    let status = res.status();
                    let text: String = res
                        .text()
                        .await
                        .unwrap_or_default()
                        .chars()
                        .take(300)
                        .collect();
                    bail!("{path}: HTTP {status}: {text}");
                }
                Err(e) => {
                    last = Some(anyhow::Error::new(e.without_url()).context(path.to_string()));
                }
            }
        }
        Err(last.unwrap_or_else(|| anyhow::anyhow!("{path}: no attempt made")))
    }
}
