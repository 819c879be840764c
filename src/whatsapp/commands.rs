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

/// A rating after a chat: one digit 1 to 5 alone (`4`, ` 5 `, `٣` in Arabic digits).
pub fn rating(text: &str) -> Option<i64> {
    let mut chars = text.trim().chars();
    let digit = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    let value = match digit {
        '1'..='5' => digit.to_digit(10)?,
        '١'..='٥' => digit as u32 - '٠' as u32,
        _ => return None,
    };
    Some(i64::from(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings() {
        assert_eq!(rating(" 4 "), Some(4));
        assert_eq!(rating("٣"), Some(3));
        assert_eq!(rating("6"), None);
        assert_eq!(rating("45"), None);
        assert_eq!(rating("0"), None);
        assert_eq!(rating("great"), None);
    }

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
