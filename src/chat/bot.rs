//! The bot seam: in `bot_pending`, each visitor message gets a reply from a
//! `Bot`. The RAG bot plugs in here; until a site is ingested, the fallback
//! says what it can do and offers a human.

use async_trait::async_trait;

use crate::domain::{
    locale::Phrase,
    model::{Citation, Message, Session},
};

/// Takes each new piece of a reply being written.
pub type OnDelta<'a> = dyn for<'s> Fn(&'s str) + Send + Sync + 'a;

pub struct BotReply {
    pub text: String,
    pub citations: Vec<Citation>,
    /// Queue the chat for a person after this reply (the bot did not know,
    /// and `BOT_HANDOFF_ON_UNSURE` is on).
    pub handoff: bool,
}

#[async_trait]
pub trait Bot: Send + Sync + 'static {
    /// A reply to the visitor's latest message, or `None` to stay silent.
    /// A bot that writes its reply gradually gives each new piece to
    /// `on_delta` as it comes (the visitor sees it grow).
    async fn reply(
        &self,
        session: &Session,
        history: &[Message],
        question: &str,
        on_delta: &OnDelta<'_>,
    ) -> Option<BotReply>;
}

/// Whether the visitor asks for a person ("can I talk to a human?"): one
/// of the words, whole ("personal" is not "person").
pub fn asks_for_person(question: &str) -> bool {
    question.split(|c: char| !c.is_alphanumeric()).any(|w| {
        ["human", "agent", "person", "someone", "operator"]
            .iter()
            .any(|p| w.eq_ignore_ascii_case(p))
    })
}

/// Answers without a knowledge base: greets, and points to a human.
pub struct FallbackBot;

#[async_trait]
impl Bot for FallbackBot {
    async fn reply(
        &self,
        session: &Session,
        history: &[Message],
        question: &str,
        _on_delta: &OnDelta<'_>,
    ) -> Option<BotReply> {
        let asks_for_human = asks_for_person(question);
        let first = history
            .iter()
            .filter(|m| m.sender_type == crate::domain::model::SenderType::Bot)
            .count()
            == 0;
        let locale = session.locale.unwrap_or_default();
        let text = if asks_for_human {
            Phrase::BotOffersPerson.text(locale)
        } else {
            Phrase::BotHasNoPages { first }.text(locale)
        };
        Some(BotReply {
            text,
            citations: Vec::new(),
            handoff: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::asks_for_person;

    #[test]
    fn asking_for_a_person_is_a_whole_word() {
        assert!(asks_for_person("Can I talk to a HUMAN, please?"));
        assert!(asks_for_person("operator"));
        assert!(!asks_for_person("Is my personal data safe?"));
        assert!(!asks_for_person("Do you ship to Norway?"));
    }
}
