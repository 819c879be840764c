//! Embeddings behind one trait: an OpenAI-compatible API when a key is set,
//! else a local sentence-embedding model run in-process (the one in
//! `EMBED_MODEL_DIR`, else the one bundled in the binary), else, when the
//! build has none or `EMBED_MODEL=lexical`, a built-in lexical embedder that
//! needs nothing. Every stored vector carries its embedder's `id`; searches use
//! only vectors of the current embedder, and a change re-embeds.

#[cfg(feature = "local-model")]
pub mod bert;
pub mod lexical;
pub mod openai;

use std::sync::Arc;

use async_trait::async_trait;

use crate::config::Config;

/// What the vectors capture; fusion weighs the vector ranking by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmbedderKind {
    /// Word overlap: it adds little to full-text search.
    Lexical,
    /// Meaning: the stronger ranking on paraphrased questions.
    Semantic,
}

#[async_trait]
pub trait Embedder: Send + Sync + 'static {
    /// Names the model and its settings; stored with every vector.
    fn id(&self) -> &str;
    fn dims(&self) -> usize;
    fn kind(&self) -> EmbedderKind;
    /// One unit-length vector per text, in order.
    async fn embed(&self, texts: &[String]) -> anyhow::Result<Vec<Vec<f32>>>;
}

/// The embedder the configuration asks for (see the module docs).
pub fn from_config(config: &Config) -> anyhow::Result<Arc<dyn Embedder>> {
    if let Some(key) = &config.openai.api_key {
        let base = openai_base(config);
        return Ok(Arc::new(openai::OpenAiEmbedder::new(
            &base,
            key,
            &config.openai.embed_model,
        )?));
    }
    if let Some(dir) = &config.embed_model_dir {
        #[cfg(feature = "local-model")]
        return Ok(Arc::new(bert::BertEmbedder::load(std::path::Path::new(
            dir,
        ))?));
        #[cfg(not(feature = "local-model"))]
        anyhow::bail!("EMBED_MODEL_DIR is set ({dir}) but this build has no local-model feature");
    }
    #[cfg(feature = "local-model")]
    if !config.lexical_embedder
        && let Some(model) = bert::BertEmbedder::bundled()
    {
        return Ok(Arc::new(model));
    }
    if !config.lexical_embedder {
        tracing::warn!(
            "this build has no bundled embedding model: the bot uses the lexical embedder (see build.rs)"
        );
    }
    Ok(Arc::new(lexical::LexicalEmbedder::default()))
}

/// `OPENAI_BASE_URL` (with its `/v1`), or OpenAI's.
pub fn openai_base(config: &Config) -> String {
    config
        .openai
        .base_url
        .clone()
        .unwrap_or_else(|| "https://api.openai.com/v1".into())
        .trim_end_matches('/')
        .to_string()
}

/// Scales `v` to unit length (zero vectors stay zero).
pub fn normalize(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

/// Cosine similarity of two unit vectors.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The text a passage is embedded as: where it sits, then what it says.
pub fn embedding_text(title: &str, heading: &str, text: &str) -> String {
    let mut out = String::with_capacity(title.len() + heading.len() + text.len() + 4);
    for part in [title, heading] {
        if !part.is_empty() {
            out.push_str(part);
            out.push_str(". ");
        }
    }
    out.push_str(text);
    out
}
