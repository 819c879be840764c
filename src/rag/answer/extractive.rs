//! The answer without a chat model: the sentences of the best page's
//! passages that share the most words with the question (or, when none
//! does, the best passage's opening), quoted with the page's title.

use std::collections::HashSet;

use crate::rag::{search::Retrieved, text};

const MAX_SENTENCES: usize = 2;
const MAX_CHARS: usize = 450;

/// `passages` best first; the answer and the URL of the page it quotes,
/// `None` when there are no passages.
pub fn answer(question: &str, passages: &[Retrieved]) -> Option<(String, String)> {
    let top = passages.first()?;
    let wanted: HashSet<String> = text::terms(question).into_iter().collect();
    let mut scored: Vec<(f32, usize, usize, &str)> = Vec::new();
    let same_page = passages
        .iter()
        .take_while(|p| p.hit.url == top.hit.url)
        .count();
    for (p, passage) in passages.iter().take(same_page.min(3)).enumerate() {
        let weight = 1.0 - 0.25 * p as f32;
        for (i, sentence) in text::sentences(&passage.hit.text).into_iter().enumerate() {
            let have: HashSet<String> = text::terms(sentence).into_iter().collect();
            let overlap = wanted.intersection(&have).count() as f32;
            if overlap > 0.0 && sentence.len() >= 12 {
                scored.push((overlap * weight, p, i, sentence));
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut chosen: Vec<(usize, usize, &str)> = Vec::new();
    let mut len = 0;
    for &(_, p, i, s) in &scored {
        if chosen.len() == MAX_SENTENCES || len + s.len() > MAX_CHARS {
            break;
        }
        chosen.push((p, i, s));
        len += s.len();
    }
    if chosen.is_empty() {
        let first = text::sentences(&top.hit.text);
        chosen = first
            .into_iter()
            .take(MAX_SENTENCES)
            .enumerate()
            .map(|(i, s)| (0, i, s))
            .collect();
    }
    chosen.sort_by_key(|&(p, i, _)| (p, i));
    let page = &passages[chosen.first().map_or(0, |c| c.0)].hit;
    let body = chosen.iter().map(|c| c.2).collect::<Vec<_>>().join(" ");
    let title = if page.title.is_empty() {
        &page.url
    } else {
        &page.title
    };
    Some((
        format!("From \u{201c}{title}\u{201d}: {body}"),
        page.url.clone(),
    ))
}
