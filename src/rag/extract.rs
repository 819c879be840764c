//! Readable text from HTML, with a real parser (html5ever via `scraper`):
//! the title, and the page's text as blocks (headings kept apart, for
//! chunking). Navigation, headers, footers, asides, forms, scripts, styles
//! and hidden elements are dropped; when the page marks its `<main>`, only
//! that is read. Nothing is ever executed, the walk is iterative (deeply
//! nested markup cannot overflow the stack) and the output is bounded.

use ego_tree::iter::Edge;
use scraper::{Html, Node, Selector};

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(u8, String),
    Text(String),
}

#[derive(Debug, Clone)]
pub struct Extracted {
    pub title: String,
    pub blocks: Vec<Block>,
    /// Every `a[href]` of the document (navigation included), as written.
    pub links: Vec<String>,
}

impl Extracted {
    pub fn text_len(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| match b {
                Block::Heading(_, t) | Block::Text(t) => t.len(),
            })
            .sum()
    }
}

const SKIP: &[&str] = &[
    "nav", "header", "footer", "aside", "script", "style", "noscript", "form", "template", "svg",
    "iframe", "object", "embed", "canvas", "button", "select", "textarea", "head", "dialog",
];
const BLOCK: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "main",
    "table",
    "pre",
    "blockquote",
    "dt",
    "dd",
    "dl",
    "br",
    "figcaption",
    "figure",
    "address",
    "hr",
    "details",
    "summary",
];
const MAX_TEXT: usize = 300_000;
const MAX_TITLE: usize = 200;
/// Links read from one page (each is then resolved and matched against
/// robots.txt).
pub const MAX_LINKS: usize = 500;

pub fn extract(html: &str) -> Extracted {
    let doc = Html::parse_document(nesting_guard(html));
    let title = first_text(&doc, "title")
        .or_else(|| first_text(&doc, "h1"))
        .unwrap_or_default();
    let main = Selector::parse("main, [role=main]").expect("valid selector");
    let body = Selector::parse("body").expect("valid selector");
    let start = doc
        .select(&main)
        .next()
        .or_else(|| doc.select(&body).next())
        .map_or_else(|| doc.tree.root(), |e| *e);
    let mut walk = Walk::default();
    let mut skip_until = None;
    for edge in start.traverse() {
        match edge {
            Edge::Open(node) => {
                if skip_until.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(el) if skipped(el) => skip_until = Some(node.id()),
                    Node::Element(el) => walk.open(el.name()),
                    Node::Text(text) => walk.text(text),
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skip_until == Some(node.id()) {
                    skip_until = None;
                } else if skip_until.is_none()
                    && let Node::Element(el) = node.value()
                {
                    walk.close(el.name());
                }
            }
        }
        if walk.len > MAX_TEXT {
            break;
        }
    }
    walk.flush();
    let anchors = Selector::parse("a[href]").expect("valid selector");
    let links = doc
        .select(&anchors)
        .filter_map(|a| a.attr("href"))
        .filter(|h| h.len() <= 2000)
        .take(MAX_LINKS)
        .map(str::to_string)
        .collect();
    Extracted {
        title: clean_title(&title),
        blocks: walk.blocks,
        links,
    }
}

/// Deepest element nesting read; the parser's scope checks grow with depth,
/// so deeper markup (never seen in real pages) is cut where it goes deeper.
const MAX_DEPTH: usize = 512;
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "tbody", "thead",
];
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// The prefix of `html` whose estimated nesting stays within `MAX_DEPTH`.
fn nesting_guard(html: &str) -> &str {
    let bytes = html.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while let Some(off) = memchr_lt(&bytes[i..]) {
        let at = i + off;
        let rest = &html[at + 1..];
        let closing = rest.starts_with('/');
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .take(16)
            .collect::<String>()
            .to_ascii_lowercase();
        let counted = !name.is_empty()
            && !VOID.contains(&name.as_str())
            && !OPTIONAL_END.contains(&name.as_str());
        if counted && closing {
            depth = depth.saturating_sub(1);
        } else if counted {
            depth += 1;
            if depth > MAX_DEPTH {
                return &html[..at];
            }
        }
        i = at + 1;
    }
    html
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

fn skipped(el: &scraper::node::Element) -> bool {
    SKIP.contains(&el.name())
        || el.attr("hidden").is_some()
        || el.attr("aria-hidden") == Some("true")
        || matches!(
            el.attr("role"),
            Some("navigation" | "banner" | "contentinfo" | "search" | "complementary")
        )
}

fn first_text(doc: &Html, selector: &str) -> Option<String> {
    let sel = Selector::parse(selector).ok()?;
    let text: String = doc.select(&sel).next()?.text().take(50).collect();
    let text = collapse(&text);
    (!text.is_empty()).then_some(text)
}

fn clean_title(title: &str) -> String {
    let title: String = collapse(title)
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_TITLE)
        .collect();
    title.trim().to_string()
}

/// Whitespace runs as one space, and none before closing punctuation (text
/// nodes are joined with a space: `<b>$10</b>.` reads "$10.").
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let glued = word.starts_with(['.', ',', ';', ':', '!', '?', ')'])
            && !word.starts_with("..")
            && !out.is_empty();
        if !out.is_empty() && !glued {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[derive(Default)]
struct Walk {
    blocks: Vec<Block>,
    buffer: String,
    heading: Option<u8>,
    len: usize,
    /// The table row being read: its cells so far, and whether all are
    /// header cells.
    row: Option<(Vec<String>, bool)>,
    /// The current table's column headers.
    headers: Vec<String>,
}

impl Walk {
    fn open(&mut self, name: &str) {
        match name {
            "tr" => {
                self.flush();
                self.row = Some((Vec::new(), true));
            }
            "td" | "th" if self.row.is_some() => self.buffer.clear(),
            _ if self.row.is_some() => {}
            _ => {
                if let Some(level) = heading_level(name) {
                    self.flush();
                    self.heading = Some(level);
                } else if BLOCK.contains(&name) {
                    self.flush();
                }
            }
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "td" | "th" => {
                if let Some((cells, all_headers)) = &mut self.row {
                    cells.push(collapse(&self.buffer));
                    self.buffer.clear();
                    *all_headers &= name == "th";
                }
            }
            "tr" => {
                if let Some((cells, all_headers)) = self.row.take() {
                    if all_headers {
                        self.headers = cells;
                    } else {
                        self.buffer = row_text(&self.headers, &cells);
                        self.flush();
                    }
                }
            }
            "table" => {
                self.row = None;
                self.headers.clear();
                self.flush();
            }
            _ if self.row.is_some() => {}
            _ => {
                if heading_level(name).is_some() || BLOCK.contains(&name) {
                    self.flush();
                }
            }
        }
    }

    fn text(&mut self, text: &str) {
        self.buffer.push_str(text);
        self.buffer.push(' ');
    }

    fn flush(&mut self) {
        let text = collapse(&self.buffer);
        self.buffer.clear();
        let heading = self.heading.take();
        if text.is_empty() {
            return;
        }
        self.len += text.len();
        self.blocks.push(match heading {
            Some(level) => Block::Heading(level, text),
            None => Block::Text(text),
        });
    }
}

/// A table row as a sentence: its first cell, then each other cell with
/// its column's header ("4-person tent: Weekend £35; Week £95."), so the
/// row still says what its numbers are once it is a passage.
fn row_text(headers: &[String], cells: &[String]) -> String {
    let mut cells = cells.iter().enumerate().filter(|(_, c)| !c.is_empty());
    let Some((_, first)) = cells.next() else {
        return String::new();
    };
    let rest: Vec<String> = cells
        .map(|(i, cell)| match headers.get(i).filter(|h| !h.is_empty()) {
            Some(header) => format!("{header} {cell}"),
            None => cell.clone(),
        })
        .collect();
    let mut line = first.trim_end_matches(['.', ':']).to_string();
    if !rest.is_empty() {
        line.push_str(": ");
        line.push_str(&rest.join("; "));
    }
    if !line.ends_with(['.', '!', '?']) {
        line.push('.');
    }
    line
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_content_drops_chrome() {
        let html = r#"<html><head><title> Pricing | Acme </title><style>p{}</style></head><body>
            <nav><a href="/">Home</a></nav><header>Site header</header>
            <h1>Pricing</h1><p>Plans start at <b>$10</b>.</p><script>alert(1)</script>
            <div hidden>secret</div><footer>Copyright</footer></body></html>"#;
        let page = extract(html);
        assert_eq!(page.title, "Pricing | Acme");
        assert_eq!(
            page.blocks,
            vec![
                Block::Heading(1, "Pricing".into()),
                Block::Text("Plans start at $10.".into())
            ]
        );
    }

    #[test]
    fn table_rows_keep_their_headers() {
        let html = "<main><h2>Prices</h2><table><thead><tr><th>Tent</th><th>Weekend</th><th>Week</th></tr></thead>\
            <tbody><tr><td>4-person <b>family</b> tent</td><td>£35</td><td><p>£95</p></td></tr>\
            <tr><td>Stove</td><td></td><td>£10</td></tr></tbody></table><p>After.</p></main>";
        assert_eq!(
            extract(html).blocks,
            vec![
                Block::Heading(2, "Prices".into()),
                Block::Text("4-person family tent: Weekend £35; Week £95.".into()),
                Block::Text("Stove: Week £10.".into()),
                Block::Text("After.".into()),
            ]
        );
        let plain = "<table><tr><td>Mon</td><td>9:00 to 17:00</td></tr></table>";
        assert_eq!(
            extract(plain).blocks,
            vec![Block::Text("Mon: 9:00 to 17:00.".into())]
        );
    }

    #[test]
    fn hostile_markup_is_harmless() {
        let started = std::time::Instant::now();
        let deep = "<p>top</p>".to_string() + &"<div>".repeat(400_000) + "deep text";
        assert_eq!(extract(&deep).blocks, vec![Block::Text("top".into())]);
        assert!(
            started.elapsed().as_secs() < 5,
            "deep nesting is cut, not parsed"
        );
        let page =
            extract("<title><script>alert(1)</script>\u{7}x</title><p>broken <b><i>markup</p>");
        assert_eq!(
            page.title, "<script>alert(1)</script>x",
            "a title is text, never markup"
        );
        let huge = format!("<p data-x=\"{}\">ok</p>", "a".repeat(1_000_000));
        assert_eq!(extract(&huge).blocks, vec![Block::Text("ok".into())]);
    }
}
