//! Chunking: a page's blocks cut into passages along its headings and
//! paragraphs. A passage stays under one heading (whose path it carries),
//! holds whole paragraphs up to a target size (long ones are cut between
//! sentences), and the next passage of the same section starts with the
//! last sentence of the previous one, so a fact on a boundary is whole in one.

use super::{
    extract::{Block, Extracted},
    text::sentences,
};

#[derive(Debug, Clone, PartialEq)]
pub struct Chunk {
    /// The heading path, e.g. "Shipping › Returns" (empty before any heading).
    pub heading: String,
    pub text: String,
}

pub const TARGET_CHARS: usize = 350;
const OVERLAP_CHARS: usize = 160;
const MAX_CHUNKS: usize = 400;

pub fn chunk(page: &Extracted) -> Vec<Chunk> {
    let mut out = Chunker::default();
    for block in &page.blocks {
        match block {
            Block::Heading(level, text) => {
                out.emit(false);
                out.path.retain(|(l, _)| l < level);
                out.path.push((*level, text.clone()));
            }
            Block::Text(text) => {
                for piece in split_long(text) {
                    out.add(&piece);
                }
            }
        }
        if out.chunks.len() >= MAX_CHUNKS {
            break;
        }
    }
    out.emit(false);
    if out.chunks.is_empty() && !page.title.is_empty() {
        // A page with headings only still says something.
        let heading = out.heading();
        if !heading.is_empty() {
            out.chunks.push(Chunk {
                heading: heading.clone(),
                text: heading,
            });
        }
    }
    out.chunks
}

#[derive(Default)]
struct Chunker {
    chunks: Vec<Chunk>,
    path: Vec<(u8, String)>,
    current: String,
    /// Carried-over text only: no new content yet.
    only_overlap: bool,
}

impl Chunker {
    fn heading(&self) -> String {
        self.path
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(" › ")
    }

    fn add(&mut self, paragraph: &str) {
        if !self.current.is_empty()
            && self.current.len() + paragraph.len() > TARGET_CHARS
            && !self.only_overlap
        {
            self.emit(true);
        }
        if !self.current.is_empty() {
            self.current.push('\n');
        }
        self.current.push_str(paragraph);
        self.only_overlap = false;
    }

    /// Ends the current passage; with `overlap`, the next one starts with its tail.
    fn emit(&mut self, overlap: bool) {
        if self.current.is_empty() || self.only_overlap {
            self.current.clear();
            self.only_overlap = false;
            return;
        }
        let text = std::mem::take(&mut self.current);
        if overlap {
            let tail = sentences(&text).last().copied().unwrap_or("");
            if tail.len() <= OVERLAP_CHARS && tail.len() < text.len() {
                self.current = tail.to_string();
                self.only_overlap = true;
            }
        }
        self.chunks.push(Chunk {
            heading: self.heading(),
            text,
        });
    }
}

/// A paragraph longer than the target, cut between sentences (or words).
fn split_long(text: &str) -> Vec<String> {
    if text.len() <= TARGET_CHARS {
        return vec![text.to_string()];
    }
    let mut out = Vec::new();
    let mut current = String::new();
    for sentence in sentences(text) {
        for word in sentence.split(' ') {
            if current.len() + word.len() + 1 > TARGET_CHARS && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        if current.len() > TARGET_CHARS / 2 {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_heading_with_overlap() {
        let long = "Sentence number one is here. ".repeat(10);
        let page = Extracted {
            title: "T".into(),
            blocks: vec![
                Block::Heading(1, "Shipping".into()),
                Block::Text("We ship worldwide.".into()),
                Block::Heading(2, "Returns".into()),
                Block::Text(long.trim().into()),
                Block::Text("Final paragraph about refunds. ".repeat(10)),
                Block::Heading(1, "About".into()),
                Block::Text("Founded in 1999.".into()),
            ],
            links: Vec::new(),
        };
        let chunks = chunk(&page);
        assert_eq!(chunks[0].heading, "Shipping");
        assert_eq!(chunks[0].text, "We ship worldwide.");
        assert_eq!(chunks[1].heading, "Shipping › Returns");
        assert!(
            chunks[2].text.starts_with("Sentence number one is here.\n"),
            "overlap: {:?}",
            chunks[2].text
        );
        assert_eq!(chunks.last().unwrap().heading, "About");
        assert!(chunks.iter().all(|c| c.text.len() <= TARGET_CHARS + 200));
    }
}
