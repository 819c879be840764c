//! Summaries of closed chats. Extractive here (who, how long, what was asked,
//! frequent topics); the RAG issue adds a model-written one behind `Summarizer`.

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

pub fn extractive(session: &Session, transcript: &[Message]) -> SummaryText {
    let from_user: Vec<&Message> = transcript
        .iter()
        .filter(|m| m.sender_type == SenderType::User)
        .collect();
    let mut parts = Vec::new();
    let with = match &session.agent_display_name {
        Some(agent) => format!("{} chatted with {agent}", session.user_display_name),
        None => format!("{} chatted with the bot", session.user_display_name),
    };
    parts.push(format!("{with} ({} messages).", transcript.len()));
    if let Some(first) = from_user.first() {
        parts.push(format!(
            "Asked: \u{201c}{}\u{201d}.",
            clip(&first.text, 160)
        ));
    }
    if from_user.len() > 1
        && let Some(last) = from_user.last()
    {
        parts.push(format!(
            "Last said: \u{201c}{}\u{201d}.",
            clip(&last.text, 160)
        ));
    }
    if from_user.is_empty() {
        parts.push("The visitor wrote nothing.".into());
    }
    SummaryText {
        summary: parts.join(" "),
        topics: topics(transcript, 5),
    }
}
