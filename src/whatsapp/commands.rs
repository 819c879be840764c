//! The words a WhatsApp user types to steer the chat.

/// What a message asks for, if it is a command.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Handoff,
    Site(String),
    End,
}

/// `human`/`agent` (configurable, any case, alone on the line), `site <url>`, `end`.
pub fn parse(text: &str, handoff_words: &[String]) -> Option<Command> {
    let text = text.trim();
    let lower = text.to_lowercase();
    if handoff_words.iter().any(|w| w.eq_ignore_ascii_case(&lower)) {
        return Some(Command::Handoff);
    }
    if lower == "end" {
        return Some(Command::End);
    }
    let (word, rest) = text.split_once(char::is_whitespace)?;
    if word.eq_ignore_ascii_case("site") && !rest.trim().contains(char::is_whitespace) {
        return Some(Command::Site(rest.trim().to_string()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands() {
        let words = vec!["human".to_string(), "agent".to_string()];
        assert_eq!(parse(" HUMAN ", &words), Some(Command::Handoff));
        assert_eq!(parse("Agent", &words), Some(Command::Handoff));
        assert_eq!(parse("I want a human", &words), None, "alone on the line");
        assert_eq!(parse("end", &words), Some(Command::End));
        assert_eq!(
            parse("site https://example.com", &words),
            Some(Command::Site("https://example.com".into()))
        );
        assert_eq!(parse("site is down again", &words), None);
    }
}
