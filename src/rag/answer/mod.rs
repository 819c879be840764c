//! Answers from retrieved passages: written by the chat model when one is
//! configured (`llm`), else the sentences the reranker picked
//! (`rerank::answer_sentences`). Both cite the pages they drew on, best
//! first.

pub mod llm;

use crate::domain::model::Citation;

use super::search::Retrieved;

pub const MAX_CITATIONS: usize = 3;

/// The distinct pages of `passages`, in order.
pub fn citations<'a>(passages: impl IntoIterator<Item = &'a Retrieved>) -> Vec<Citation> {
    let mut out: Vec<Citation> = Vec::new();
    for p in passages {
        if !out.iter().any(|c| c.url == p.hit.url) {
            out.push(Citation {
                url: p.hit.url.clone(),
                title: if p.hit.title.is_empty() {
                    p.hit.url.clone()
                } else {
                    p.hit.title.clone()
                },
            });
        }
        if out.len() == MAX_CITATIONS {
            break;
        }
    }
    out
}
