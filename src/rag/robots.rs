//! robots.txt, read by `texting_robots` (RFC 9309: groups by `user-agent`,
//! our product token else `*`; `allow`/`disallow` with `*` and `$`, the
//! longest match wins and `allow` wins ties; `/robots.txt` itself is always
//! allowed). A missing file (4xx) allows everything; an unreachable one
//! (5xx, network) disallows everything, as the RFC asks.
//!
//! A hostile file cannot make matching expensive: only its first
//! `MAX_BYTES` and `MAX_RULES` rules are read (the RFC lets a crawler stop
//! at 500 KiB), and at most `MAX_SITEMAPS` sitemap lines are kept. Parsing
//! compiles each rule, so callers run it off the async workers.

use std::fmt;

/// The most of a robots.txt that is read.
pub const MAX_BYTES: usize = 512 * 1024;
/// The most `allow`/`disallow` lines read; the rest of the file is ignored.
pub const MAX_RULES: usize = 1_000;
/// The most sitemaps followed from one robots.txt.
pub const MAX_SITEMAPS: usize = 50;

#[derive(Clone, Default)]
pub struct Robots {
    rules: Rules,
    pub sitemaps: Vec<String>,
}

#[derive(Clone, Default)]
enum Rules {
    #[default]
    AllowAll,
    DisallowAll,
    Parsed(std::sync::Arc<texting_robots::Robot>),
}

impl fmt::Debug for Robots {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rules = match self.rules {
            Rules::AllowAll => "allow all",
            Rules::DisallowAll => "disallow all",
            Rules::Parsed(_) => "parsed",
        };
        f.debug_struct("Robots")
            .field("rules", &rules)
            .field("sitemaps", &self.sitemaps)
            .finish()
    }
}

impl Robots {
    pub fn allow_all() -> Self {
        Robots::default()
    }

    pub fn disallow_all() -> Self {
        Robots {
            rules: Rules::DisallowAll,
            sitemaps: Vec::new(),
        }
    }

    /// Parses `text` for the crawler whose product token is `agent`. A file
    /// that cannot be parsed at all allows everything (as a missing one).
    pub fn parse(text: &str, agent: &str) -> Self {
        let bounded = bounded(text);
        match texting_robots::Robot::new(agent, bounded.as_bytes()) {
            Ok(robot) => Robots {
                sitemaps: robot.sitemaps.iter().take(MAX_SITEMAPS).cloned().collect(),
                rules: Rules::Parsed(std::sync::Arc::new(robot)),
            },
            Err(e) => {
                tracing::info!(error = %e, "robots.txt unreadable: treated as absent");
                Robots::allow_all()
            }
        }
    }

    /// Whether `path` (path and query, as in the URL) may be fetched.
    pub fn allows(&self, path: &str) -> bool {
        match &self.rules {
            _ if path == "/robots.txt" => true,
            Rules::AllowAll => true,
            Rules::DisallowAll => false,
            Rules::Parsed(robot) => robot.allowed(path),
        }
    }
}

/// The part of `text` that is read: at most `MAX_BYTES`, ending before the
/// rule line past `MAX_RULES`.
fn bounded(text: &str) -> &str {
    let mut end = text.len().min(MAX_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    let mut rules = 0;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let key = line.split(':').next().unwrap_or("").trim();
        if key.eq_ignore_ascii_case("allow") || key.eq_ignore_ascii_case("disallow") {
            rules += 1;
            if rules > MAX_RULES {
                return &text[..at];
            }
        }
        at += line.len();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# comment\nUser-agent: *\nDisallow: /private\nAllow: /private/ok\nDisallow: /*.pdf$\n\nUser-agent: OtherBot\nDisallow: /\n\nSitemap: https://example.com/sitemap.xml\n";

    #[test]
    fn star_group_longest_match_and_wildcards() {
        let r = Robots::parse(TEXT, "webchatbot");
        assert!(r.allows("/"));
        assert!(!r.allows("/private/x"));
        assert!(r.allows("/private/ok/page"));
        assert!(!r.allows("/files/a.pdf"));
        assert!(r.allows("/files/a.pdf?x=1"));
        assert!(r.allows("/robots.txt"));
        assert_eq!(r.sitemaps, vec!["https://example.com/sitemap.xml"]);
    }

    #[test]
    fn named_group_beats_star_and_ties_allow() {
        let text = "User-agent: *\nDisallow: /\n\nUser-agent: WebchatBot\nUser-agent: x\nDisallow: /a\nAllow: /a\n";
        let r = Robots::parse(text, "webchatbot");
        assert!(r.allows("/b"), "our group has no rule for /b");
        assert!(r.allows("/a"), "allow wins a tie");
        assert!(!Robots::parse("User-agent: *\nDisallow: /\n", "webchatbot").allows("/x"));
        assert!(Robots::parse("User-agent: *\nDisallow:\n", "webchatbot").allows("/x"));
    }

    #[test]
    fn hostile_files_are_bounded() {
        let mut text = String::from("User-agent: *\n");
        for i in 0..10_000 {
            text.push_str(&format!("Disallow: /*a*b*c*d*e*f*{i}*$\n"));
        }
        text.push_str("Disallow: /late\nSitemap: https://example.com/late.xml\n");
        let kept = bounded(&text);
        assert_eq!(kept.matches("Disallow").count(), MAX_RULES);
        let r = Robots::parse(&text, "webchatbot");
        assert!(r.allows("/late"), "rules past the bound are ignored");
        assert!(r.sitemaps.is_empty());
        let long = format!("/{}", "ab".repeat(1000));
        assert!(r.allows(&long));
        let huge = "Sitemap: https://example.com/s.xml\n".repeat(100);
        assert_eq!(
            Robots::parse(&huge, "webchatbot").sitemaps.len(),
            MAX_SITEMAPS
        );
        let big = "x".repeat(MAX_BYTES * 2);
        assert!(bounded(&big).len() <= MAX_BYTES);
    }
}
