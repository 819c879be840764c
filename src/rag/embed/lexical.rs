//! The built-in lexical embedder: stemmed words hashed (signed feature
//! hashing) into a fixed number of dimensions, weighted by sublinear term
//! frequency, unit length. No model, no network: the bot works on a bare
//! machine, and full-text search supplies the inverse document frequency.

use std::collections::HashMap;

use async_trait::async_trait;

use super::{Embedder, EmbedderKind, normalize};
use crate::rag::text::terms;

pub struct LexicalEmbedder {
    dims: usize,
    id: String,
}

impl Default for LexicalEmbedder {
    fn default() -> Self {
        Self::new(512)
    }
}

impl LexicalEmbedder {
    pub fn new(dims: usize) -> Self {
        LexicalEmbedder {
            dims,
            id: format!("lexical-hash-v1/{dims}"),
        }
    }

    pub fn vector(&self, text: &str) -> Vec<f32> {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for term in terms(text) {
            *counts.entry(term).or_default() += 1;
        }
        let mut v = vec![0.0f32; self.dims];
        for (term, n) in counts {
            let h = fnv1a(term.as_bytes());
            let sign = if h >> 63 == 1 { -1.0 } else { 1.0 };
            v[(h % self.dims as u64) as usize] += sign * (1.0 + (n as f32).ln());
        }
        normalize(&mut v);
        v
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[async_trait]
impl Embedder for LexicalEmbedder {
    fn id(&self) -> &str {
        &self.id
    }
    fn dims(&self) -> usize {
        self.dims
    }
    fn kind(&self) -> EmbedderKind {
        EmbedderKind::Lexical
    }
    async fn embed(&self, texts: &[String]) -> anyhow::Result<Vec<Vec<f32>>> {
        Ok(texts.iter().map(|t| self.vector(t)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rag::embed::cosine;

    #[test]
    fn shared_words_are_close() {
        let e = LexicalEmbedder::default();
        let q = e.vector("shipping to Canada");
        assert!(cosine(&q, &e.vector("We ship to Canada in 5 days.")) > 0.5);
        assert!(cosine(&q, &e.vector("Our office opens at nine.")) < 0.2);
    }
}
