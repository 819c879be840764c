//! Summaries of closed chats. Extractive here (what the visitor wanted,
//! what the bot and the agent did, how it ended, frequent topics); with a
//! chat model, `rag::summary` writes one behind the same `Summarizer`.

use std::collections::HashMap;

use async_trait::async_trait;

use crate::domain::model::{Message, SenderType, Session};

pub struct SummaryText {
    pub summary: String,
    pub topics: Vec<String>,
}

#[async_trait]
pub trait Summarizer: Send + Sync + 'static {
    async fn summarize(&self, session: &Session, transcript: &[Message]) -> SummaryText;
}

pub struct ExtractiveSummarizer;

#[async_trait]
impl Summarizer for ExtractiveSummarizer {
    async fn summarize(&self, session: &Session, transcript: &[Message]) -> SummaryText {
        extractive(session, transcript)
    }
}

const STOPWORDS: &[&str] = &[
    "the", "and", "for", "you", "your", "with", "that", "this", "have", "are", "was", "but", "not",
    "can", "what", "how", "when", "where", "there", "from", "about", "would", "could", "please",
    "thanks", "thank", "hello", "just", "they", "them", "will", "does", "did", "any", "all", "get",
    "has", "had", "our", "out", "who", "why", "which", "want", "need", "like", "yes", "one",
];

fn clip(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        text
    } else {
        format!("{}…", text.chars().take(max).collect::<String>().trim_end())
    }
}

/// The most frequent content words of the visitor's messages.
pub fn topics(transcript: &[Message], n: usize) -> Vec<String> {
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    let words = transcript
        .iter()
        .filter(|m| m.sender_type == SenderType::User)
        .flat_map(|m| m.text.split(|c: char| !c.is_alphanumeric()))
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !STOPWORDS.contains(&w.as_str()));
    for (i, w) in words.enumerate() {
        let entry = counts.entry(w).or_insert((0, i));
        entry.0 += 1;
    }
    let mut ranked: Vec<_> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.1.1.cmp(&b.1.1)));
    ranked.into_iter().take(n).map(|(w, _)| w).collect()
}

/// What the visitor wanted: their first message that asks something (a
/// question mark, or enough words to say it), else their first message.
fn wanted<'a>(from_user: &[&'a Message]) -> Option<&'a Message> {
    let content = |m: &Message| {
        m.text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3 && !STOPWORDS.contains(&w.to_lowercase().as_str()))
            .count()
    };
    from_user
        .iter()
        .find(|m| m.text.contains('?') && content(m) >= 2)
        .or_else(|| from_user.iter().find(|m| content(m) >= 3))
        .or_else(|| from_user.first())
        .copied()
}

/// Three sentences an operator can act on: what the visitor wanted, what
/// the bot and the agent did (the agent's most substantial answer), and how
/// it ended.
pub fn extractive(session: &Session, transcript: &[Message]) -> SummaryText {
    let by = |t: SenderType| transcript.iter().filter(move |m| m.sender_type == t);
    let from_user: Vec<&Message> = by(SenderType::User).collect();
    let visitor = &session.user_display_name;
    let mut parts = Vec::new();
    match wanted(&from_user) {
        Some(m) => parts.push(format!(
            "{visitor} wanted: \u{201c}{}\u{201d}",
            clip(&m.text, 160)
        )),
        None => parts.push(format!("{visitor} wrote nothing")),
    }
    let bot: Vec<&Message> = by(SenderType::Bot).collect();
    if !bot.is_empty() {
        let mut pages: Vec<String> = bot
            .iter()
            .flat_map(|m| m.citations.iter().flatten())
            .map(|c| {
                if c.title.is_empty() {
                    c.url.clone()
                } else {
                    c.title.clone()
                }
            })
            .collect();
        pages.dedup();
        pages.truncate(3);
        parts.push(if pages.is_empty() {
            "The bot could not answer from the site".to_string()
        } else {
            format!(
                "The bot answered from {}",
                pages
                    .iter()
                    .map(|p| format!("\u{201c}{p}\u{201d}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        });
    }
    let agent_answer = by(SenderType::Agent).max_by_key(|m| m.text.chars().count());
    match (&session.agent_display_name, agent_answer) {
        (Some(agent), Some(m)) => parts.push(format!(
            "{agent} answered: \u{201c}{}\u{201d}",
            clip(&m.text, 200)
        )),
        (Some(agent), None) => parts.push(format!("{agent} took the chat but wrote nothing")),
        (None, _) if session.queued_at.is_some() => parts.push("No agent took the chat".into()),
        (None, _) => {}
    }
    let minutes = session
        .closed_at
        .map(|closed| ((closed - session.created_at).num_seconds().max(0) + 59) / 60);
    let ended = match session.ended_by {
        Some(crate::domain::model::EndedBy::User) => format!("{visitor} ended it"),
        Some(crate::domain::model::EndedBy::Agent) => "the agent ended it".to_string(),
        Some(crate::domain::model::EndedBy::System) => {
            "it closed itself after no message".to_string()
        }
        None => "it is still open".to_string(),
    };
    let length = match minutes {
        Some(m) => format!(" after {m} min"),
        None => String::new(),
    };
    parts.push(format!(
        "Outcome: {ended}{length}, {} messages{}",
        transcript.len(),
        if session.offline {
            "; it came in while no one was online"
        } else {
            ""
        }
    ));
    SummaryText {
        summary: parts.join(". ") + ".",
        topics: topics(transcript, 5),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(seq: i64, sender: &str, text: &str, citations: serde_json::Value) -> Message {
        serde_json::from_value(serde_json::json!({
            "id": uuid::Uuid::now_v7(), "sessionId": uuid::Uuid::nil(), "seq": seq, "senderType": sender,
            "senderName": if sender == "agent" { "Bob" } else { "" }, "text": text,
            "createdAt": "2026-01-01T10:00:00Z", "citations": citations
        }))
        .unwrap()
    }

    #[test]
    fn says_what_was_wanted_done_and_how_it_ended() {
        let session: Session = serde_json::from_value(serde_json::json!({
            "id": uuid::Uuid::nil(), "status": "closed", "channel": "web", "userId": uuid::Uuid::nil(),
            "userDisplayName": "Ada", "agentDisplayName": "Bob", "createdAt": "2026-01-01T10:00:00Z",
            "queuedAt": "2026-01-01T10:01:00Z", "closedAt": "2026-01-01T10:05:30Z", "endedBy": "agent",
            "lastSeq": 5, "messageCount": 5, "contactId": uuid::Uuid::nil(), "tags": []
        }))
        .unwrap();
        let transcript = vec![
            message(1, "user", "hi", serde_json::Value::Null),
            message(
                2,
                "user",
                "Can I return a bike I bought online?",
                serde_json::Value::Null,
            ),
            message(
                3,
                "bot",
                "Yes, within 30 days.",
                serde_json::json!([{ "url": "https://shop.test/returns", "title": "Returns" }]),
            ),
            message(4, "agent", "ok", serde_json::Value::Null),
            message(
                5,
                "agent",
                "Yes: print the prepaid label from your order page.",
                serde_json::Value::Null,
            ),
        ];
        let text = extractive(&session, &transcript).summary;
        assert_eq!(
            text,
            "Ada wanted: \u{201c}Can I return a bike I bought online?\u{201d}. \
             The bot answered from \u{201c}Returns\u{201d}. \
             Bob answered: \u{201c}Yes: print the prepaid label from your order page.\u{201d}. \
             Outcome: the agent ended it after 6 min, 5 messages."
        );
    }
}
