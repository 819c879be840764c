//! Checks for the workspace's inputs: file names, tags, canned responses,
//! the visitor's page, search words.

use super::{Checked, Invalid, MAX_SITE_CHARS, has_forbidden_control, message_text};

pub const MAX_FILE_NAME_CHARS: usize = 200;
pub const MAX_TAGS: usize = 20;
pub const MAX_TAG_CHARS: usize = 32;
pub const MAX_SHORTCUT_CHARS: usize = 32;
pub const MAX_TITLE_CHARS: usize = 100;
pub const MAX_PAGE_TITLE_CHARS: usize = 300;
pub const MAX_QUERY_CHARS: usize = 500;
pub const MAX_SEARCH_TERMS: usize = 8;
pub const MAX_ATTACHMENTS: usize = 10;
/// The variables a canned response may hold.
pub const CANNED_VARIABLES: [&str; 3] = ["visitor.name", "visitor.email", "agent.name"];

fn invalid(message: impl Into<String>) -> Invalid {
    Invalid(message.into())
}

/// A file's name as shown: no folders, no control characters, at most 200
/// characters; "file" when nothing is left.
pub fn file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_FILE_NAME_CHARS)
        .collect();
    let clean = clean.trim().trim_start_matches('.').trim();
    if clean.is_empty() {
        "file".into()
    } else {
        clean.to_string()
    }
}

/// A conversation's tags: each trimmed and lower-cased, 1–32 letters,
/// digits, spaces, `-` or `_`; duplicates dropped; at most 20.
pub fn tags(tags: &[String]) -> Checked<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        let tag = tag.trim().to_lowercase();
        let chars = tag.chars().count();
        if chars == 0 || chars > MAX_TAG_CHARS {
            return Err(invalid(format!(
                "a tag is 1 to {MAX_TAG_CHARS} characters; {tag:?} is {chars}"
            )));
        }
        if !tag
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        {
            return Err(invalid(format!(
                "tag {tag:?}: use letters, digits, spaces, - or _"
            )));
        }
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    if out.len() > MAX_TAGS {
        return Err(invalid(format!(
            "at most {MAX_TAGS} tags per conversation; {} given",
            out.len()
        )));
    }
    Ok(out)
}

/// One tag as a filter (same rules as `tags`).
pub fn tag(tag: &str) -> Checked<String> {
    Ok(tags(&[tag.to_string()])?.remove(0))
}

/// A canned response's shortcut: a leading `/` dropped, lower case, 1–32
/// letters a–z, digits, `-` or `_`.
pub fn shortcut(shortcut: &str) -> Checked<String> {
    let s = shortcut.trim().trim_start_matches('/').to_lowercase();
    let ok = (1..=MAX_SHORTCUT_CHARS).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if ok {
        Ok(s)
    } else {
        Err(invalid(format!(
            "a shortcut is 1 to {MAX_SHORTCUT_CHARS} of a-z, 0-9, - and _ (typed as /shortcut)"
        )))
    }
}

/// A canned response's title: 1–100 characters on one line.
pub fn title(title: &str) -> Checked<String> {
    let t = title.trim();
    let chars = t.chars().count();
    if chars == 0 || chars > MAX_TITLE_CHARS || t.chars().any(char::is_control) {
        return Err(invalid(format!(
            "a title is 1 to {MAX_TITLE_CHARS} characters on one line"
        )));
    }
    Ok(t.to_string())
}

/// A canned response's text: a message's rules, and only known variables.
pub fn canned_text(text: &str) -> Checked<String> {
    let text = message_text(text)?;
    let mut rest = text.as_str();
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            return Err(invalid("a {{ has no matching }}"));
        };
        let name = after[..close].trim();
        if !CANNED_VARIABLES.contains(&name) {
            return Err(invalid(format!(
                "unknown variable {{{{{name}}}}}; use {}",
                CANNED_VARIABLES.map(|v| format!("{{{{{v}}}}}")).join(", ")
            )));
        }
        rest = &after[close + 2..];
    }
    Ok(text)
}

/// A web address the visitor's browser reported: http(s), at most 2,048
/// characters.
pub fn page_url(url: &str, what: &str) -> Checked<String> {
    let url = url.trim();
    let parsed = url::Url::parse(url).map_err(|_| invalid(format!("{what} is not a URL")))?;
    if !matches!(parsed.scheme(), "http" | "https") || url.len() > MAX_SITE_CHARS {
        return Err(invalid(format!(
            "{what} must be an http(s) URL of at most {MAX_SITE_CHARS} characters"
        )));
    }
    Ok(url.to_string())
}

/// A page title: at most 300 characters, control characters dropped.
pub fn page_title(title: &str) -> Option<String> {
    let t: String = title
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_PAGE_TITLE_CHARS)
        .collect();
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The words of a search, lower case: everything but letters and digits
/// separates words, so no query syntax survives. At most 8 words, each at
/// most 64 characters.
pub fn search_terms(q: &str) -> Checked<Vec<String>> {
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(invalid(format!(
            "a search is at most {MAX_QUERY_CHARS} characters"
        )));
    }
    if has_forbidden_control(q) {
        return Err(invalid("a search must not hold control characters"));
    }
    let mut terms: Vec<String> = Vec::new();
    for word in q.split(|c: char| !c.is_alphanumeric()) {
        let word: String = word.to_lowercase().chars().take(64).collect();
        if !word.is_empty() && !terms.contains(&word) {
            terms.push(word);
        }
    }
    if terms.len() > MAX_SEARCH_TERMS {
        return Err(invalid(format!(
            "search for at most {MAX_SEARCH_TERMS} words at once"
        )));
    }
    Ok(terms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_folders_and_control_characters() {
        assert_eq!(file_name("C:\\Users\\ada\\shot.png"), "shot.png");
        assert_eq!(file_name("../../etc/passwd"), "passwd");
        assert_eq!(file_name("bad\u{0}\nname.txt"), "badname.txt");
        assert_eq!(file_name(".."), "file");
        assert_eq!(file_name(""), "file");
    }

    #[test]
    fn tags_are_normalised_and_bounded() {
        let given = vec![
            "  Refund ".to_string(),
            "refund".into(),
            "vip_customer".into(),
        ];
        assert_eq!(tags(&given).unwrap(), ["refund", "vip_customer"]);
        assert!(tags(&["<b>".to_string()]).is_err());
        assert!(tags(&[String::new()]).is_err());
        assert!(tags(&["x".repeat(33)]).is_err());
        let many: Vec<String> = (0..21).map(|i| format!("t{i}")).collect();
        assert!(tags(&many).is_err());
    }

    #[test]
    fn shortcuts_and_variables() {
        assert_eq!(shortcut("/Refund-Policy").unwrap(), "refund-policy");
        assert!(shortcut("a b").is_err());
        assert!(shortcut("/").is_err());
        assert!(canned_text("Hi {{visitor.name}}, I am {{ agent.name }}.").is_ok());
        let e = canned_text("Hi {{visitor.phone}}").unwrap_err();
        assert!(e.0.contains("unknown variable {{visitor.phone}}"), "{e}");
        assert!(canned_text("Hi {{visitor.name").is_err());
    }

    #[test]
    fn pages_must_be_web_addresses() {
        assert!(page_url("https://shop.example/cart?x=1", "url").is_ok());
        assert!(page_url("javascript:alert(1)", "url").is_err());
        assert!(page_url("not a url", "url").is_err());
        assert_eq!(
            page_title("  Cart\u{7} — Shop "),
            Some("Cart — Shop".into())
        );
    }

    #[test]
    fn search_syntax_is_only_words() {
        assert_eq!(
            search_terms("refund AND \"order\"* OR (NEAR:x) -y").unwrap(),
            ["refund", "and", "order", "or", "near", "x", "y"]
        );
        assert_eq!(
            search_terms("Bestellung Ärger").unwrap(),
            ["bestellung", "ärger"]
        );
        assert!(search_terms("*:()").unwrap().is_empty());
        assert!(
            search_terms(&"a ".repeat(9)).is_ok(),
            "duplicates count once"
        );
        assert!(search_terms("a b c d e f g h i").is_err());
    }
}
