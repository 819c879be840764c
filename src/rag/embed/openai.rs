//! Embeddings from an OpenAI-compatible `/embeddings` endpoint, batched
//! (the API's retries apply per batch), re-normalised to unit length.

use async_trait::async_trait;
use serde_json::json;

use super::{Embedder, EmbedderKind, normalize};
use crate::rag::openai_api::OpenAiApi;

const BATCH: usize = 64;

pub struct OpenAiEmbedder {
    api: OpenAiApi,
    model: String,
    id: String,
    dims: usize,
}

impl OpenAiEmbedder {
    pub fn new(base: &str, key: &str, model: &str) -> anyhow::Result<Self> {
        let dims = match model {
            "text-embedding-3-large" => 3072,
            _ => 1536, // text-embedding-3-small, ada-002; others: checked on first use
        };
        Ok(OpenAiEmbedder {
            api: OpenAiApi::new(base, key)?,
            model: model.to_string(),
            id: format!("openai/{model}"),
            dims,
        })
    }

    /// Sets the dimension when the model is not one of OpenAI's known ones.
    pub fn with_dims(mut self, dims: usize) -> Self {
        self.dims = dims;
        self
    }
}

#[async_trait]
impl Embedder for OpenAiEmbedder {
    fn id(&self) -> &str {
        &self.id
    }
    fn dims(&self) -> usize {
        self.dims
    }
    fn kind(&self) -> EmbedderKind {
        EmbedderKind::Semantic
    }
    async fn embed(&self, texts: &[String]) -> anyhow::Result<Vec<Vec<f32>>> {
        let mut out = Vec::with_capacity(texts.len());
        for batch in texts.chunks(BATCH) {
            let body = json!({ "model": self.model, "input": batch });
            let answer = self.api.embeddings(body).await?;
            let mut data: Vec<(usize, Vec<f32>)> = answer["data"]
                .as_array()
                .ok_or_else(|| anyhow::anyhow!("embeddings: no data array"))?
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    let index = d["index"].as_u64().map_or(i, |x| x as usize);
                    let v = d["embedding"]
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .filter_map(serde_json::Value::as_f64)
                                .map(|x| x as f32)
                                .collect()
                        })
                        .unwrap_or_default();
                    (index, v)
                })
                .collect();
            data.sort_by_key(|(i, _)| *i);
            if data.len() != batch.len() || data.iter().any(|(_, v)| v.len() != self.dims) {
                anyhow::bail!(
                    "embeddings: expected {} vectors of {} dimensions (set OPENAI_EMBED_MODEL)",
                    batch.len(),
                    self.dims
                );
            }
            out.extend(data.into_iter().map(|(_, mut v)| {
                normalize(&mut v);
                v
            }));
        }
        Ok(out)
    }
}
