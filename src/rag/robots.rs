//! robots.txt as RFC 9309 reads it: groups by `user-agent` (our product
//! token, else `*`; several matching groups merge), `allow`/`disallow` with
//! `*` and `$`, the longest match wins and `allow` wins ties, and
//! `/robots.txt` itself is always allowed. Sitemap lines are collected.
//! A missing file (4xx) allows everything; an unreachable one (5xx, network)
//! disallows everything, as the RFC asks.

#[derive(Debug, Clone, Default)]
pub struct Robots {
    rules: Vec<Rule>,
    pub sitemaps: Vec<String>,
}

#[derive(Debug, Clone)]
struct Rule {
    allow: bool,
    pattern: String,
}

impl Robots {
    pub fn allow_all() -> Self {
        Robots::default()
    }

    pub fn disallow_all() -> Self {
        Robots {
            rules: vec![Rule {
                allow: false,
                pattern: "/".into(),
            }],
            sitemaps: Vec::new(),
        }
    }

    /// Parses `text` for the crawler whose product token is `agent`.
    pub fn parse(text: &str, agent: &str) -> Self {
        let agent = agent.to_ascii_lowercase();
        let mut sitemaps = Vec::new();
        let (mut ours, mut star) = (Vec::new(), Vec::new());
        let mut group_agents: Vec<String> = Vec::new();
        let mut in_agents = false;
        for line in text.lines().take(10_000) {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
            match key.as_str() {
                "user-agent" => {
                    if !in_agents {
                        group_agents.clear();
                    }
                    in_agents = true;
                    group_agents.push(value.to_ascii_lowercase());
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    if value.is_empty() {
                        continue;
                    }
                    let rule = Rule {
                        allow: key == "allow",
                        pattern: value.to_string(),
                    };
                    if group_agents.iter().any(|a| agent_matches(a, &agent)) {
                        ours.push(rule.clone());
                    }
                    if group_agents.iter().any(|a| a == "*") {
                        star.push(rule);
                    }
                }
                "sitemap" => sitemaps.push(value.to_string()),
                _ => {}
            }
        }
        let named = text
            .lines()
            .filter_map(|l| l.split('#').next()?.split_once(':'))
            .any(|(k, v)| {
                k.trim().eq_ignore_ascii_case("user-agent")
                    && agent_matches(&v.trim().to_ascii_lowercase(), &agent)
            });
        Robots {
            rules: if named { ours } else { star },
            sitemaps,
        }
    }

    /// Whether `path` (path and query, as in the URL) may be fetched.
    pub fn allows(&self, path: &str) -> bool {
        if path == "/robots.txt" {
            return true;
        }
        let mut best: Option<(usize, bool)> = None;
        for rule in &self.rules {
            if pattern_matches(&rule.pattern, path) {
                let len = rule.pattern.len();
                best = match best {
                    Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
                    _ => Some((len, rule.allow)),
                };
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

fn agent_matches(line_agent: &str, ours: &str) -> bool {
    line_agent != "*" && !line_agent.is_empty() && ours.starts_with(line_agent)
}

/// `*` matches any run of characters, a final `$` anchors at the end; the
/// pattern otherwise matches a prefix of the path.
fn pattern_matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let pieces: Vec<&str> = pattern.split('*').collect();
    let mut pos = 0;
    for (i, piece) in pieces.iter().enumerate() {
        let last = i == pieces.len() - 1;
        if i == 0 {
            if !path.starts_with(piece) {
                return false;
            }
            pos = piece.len();
            if last && anchored {
                return pos == path.len();
            }
            continue;
        }
        if last && anchored {
            return path.len() >= pos + piece.len() && path.ends_with(piece);
        }
        match path[pos..].find(piece) {
            Some(at) => pos += at + piece.len(),
            None => return false,
        }
    }
    true
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
}
