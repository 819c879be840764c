//! Input checks shared by every transport: lengths, shapes, characters.
//! A value that passes is safe to store.

/// A value that failed a check, with a message safe to show; it becomes an
/// `invalid` error for the client.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Invalid(pub String);

pub type Checked<T> = Result<T, Invalid>;

fn invalid(message: impl Into<String>) -> Invalid {
    Invalid(message.into())
}

pub const MAX_TEXT_CHARS: usize = 4000;
pub const MAX_NAME_CHARS: usize = 80;
pub const MAX_CLIENT_MSG_ID_CHARS: usize = 100;
pub const MAX_SITE_CHARS: usize = 2048;

pub(super) fn has_forbidden_control(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
}

/// A chat message: not blank, at most 4,000 characters, no control characters
/// but newlines and tabs. Trailing whitespace is trimmed.
pub fn message_text(text: &str) -> Checked<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(invalid("text must not be empty"));
    }
    let chars = text.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(invalid(format!(
            "text is {chars} characters, {} over the limit of {MAX_TEXT_CHARS}; shorten it or send it in parts",
            chars - MAX_TEXT_CHARS
        )));
    }
    if has_forbidden_control(text) {
        return Err(invalid("text contains control characters"));
    }
    Ok(text.to_string())
}

/// Characters that reorder the text around them (bidi overrides, embeddings,
/// isolates and marks): in a name they can make it read as something else.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that show nothing: zero-width spaces and joiners, word
/// joiners and invisible operators, the byte-order mark, variation
/// selectors, Hangul fillers, soft hyphens, tags.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200D}'
                | '\u{2060}'..='\u{2064}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// A display name: 1 to 80 characters on one line, with something visible
/// and nothing that reorders text.
pub fn display_name(name: &str) -> Checked<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(invalid("displayName must not be empty"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(invalid(format!(
            "displayName is longer than {MAX_NAME_CHARS} characters"
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(invalid("displayName contains control characters"));
    }
    if name.chars().any(is_bidi_control) {
        return Err(invalid("displayName contains text direction controls"));
    }
    if name.chars().all(is_invisible) {
        return Err(invalid("displayName has no visible characters"));
    }
    Ok(name.to_string())
}

/// A client's idempotency key: 1 to 100 printable ASCII characters.
pub fn client_msg_id(id: &str) -> Checked<String> {
    if id.is_empty() || id.len() > MAX_CLIENT_MSG_ID_CHARS {
        return Err(invalid(format!(
            "clientMsgId must be 1 to {MAX_CLIENT_MSG_ID_CHARS} characters"
        )));
    }
    if !id.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(invalid("clientMsgId must be printable ASCII"));
    }
    Ok(id.to_string())
}

/// The site a session's bot answers from: an http(s) URL, normalised to its origin.
pub fn site(site: &str) -> Checked<String> {
    let site = site.trim();
    if site.len() > MAX_SITE_CHARS {
        return Err(invalid("site is too long"));
    }
    let (scheme, rest) = site
        .split_once("://")
        .ok_or_else(|| invalid("site must be an http(s) URL"))?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(invalid("site must be an http(s) URL"));
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let valid_host = !host.is_empty()
        && !host.contains('@')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    if !valid_host {
        return Err(invalid("site must name a host"));
    }
    Ok(format!("{scheme}://{}", host.to_ascii_lowercase()))
}

pub fn email(email: &str) -> Checked<String> {
    let email = email.trim();
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
        })
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if !valid {
        return Err(invalid("email is not a valid address"));
    }
    Ok(email.to_string())
}

pub fn password(password: &str) -> Checked<()> {
    if password.chars().count() < 8 {
        return Err(invalid("password must be at least 8 characters"));
    }
    if password.len() > 256 {
        return Err(invalid("password must be at most 256 bytes"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_text_bounds() {
        assert_eq!(message_text("  hi \n").unwrap(), "hi");
        assert!(message_text("   ").is_err());
        assert!(
            message_text(&"é".repeat(4000)).is_ok(),
            "counts characters, not bytes"
        );
        let long = message_text(&"a".repeat(4001)).unwrap_err();
        assert!(
            long.0.contains("4001 characters, 1 over the limit of 4000"),
            "says by how much: {}",
            long.0
        );
        assert!(message_text("nul\0byte").is_err());
        assert!(message_text("two\nlines\tok").is_ok());
    }

    #[test]
    fn names_ids_and_sites() {
        assert!(display_name(&"x".repeat(81)).is_err());
        assert!(display_name("Ada\nLovelace").is_err());
        assert_eq!(display_name(" Ada ").unwrap(), "Ada");
        assert!(display_name("\u{202E}gnp.exe").is_err(), "bidi override");
        assert!(display_name("Ada\u{2067}").is_err(), "bidi isolate");
        assert!(
            display_name("\u{200B}\u{200C}\u{FEFF}").is_err(),
            "zero-width only"
        );
        assert!(display_name("\u{3164} \u{2060}").is_err(), "fillers only");
        assert_eq!(display_name("Zoë 李").unwrap(), "Zoë 李");
        assert!(
            display_name("a\u{200D}b").is_ok(),
            "a joiner beside letters is fine"
        );
        assert!(client_msg_id("").is_err());
        assert!(client_msg_id("has space").is_err());
        assert!(client_msg_id(&"a".repeat(101)).is_err());
        assert!(client_msg_id("0192-abc").is_ok());
        assert_eq!(
            site("HTTPS://Example.com/path?q").unwrap(),
            "https://example.com"
        );
        assert!(site("javascript:alert(1)").is_err());
        assert!(site("ftp://example.com").is_err());
        assert!(site("https://user@evil.com").is_err());
        assert!(email("no-at-sign").is_err());
        assert!(password("short").is_err());
    }
}

pub mod workspace;
