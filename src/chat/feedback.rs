//! After the chat: the visitor's rating (once, after it closed) and the
//! transcript by email (at most 3 an hour per session).

use chrono::Utc;
use uuid::Uuid;

use super::{ChatService, notify::Notice, offline::transcript_text, rules, service::MAX_HISTORY};
use crate::{
    domain::{
        locale::Phrase,
        model::{Channel, Session, User},
        validate,
    },
    error::{AppError, AppResult},
    store::{MailKind, NewMail, StoreError},
};

pub const MAX_COMMENT_CHARS: usize = 1000;
pub const TRANSCRIPTS_PER_HOUR: i64 = 3;

impl ChatService {
    /// The visitor rates a closed chat, 1 to 5, once.
    pub async fn submit_csat(
        &self,
        actor: &User,
        session_id: Uuid,
        rating: i64,
        comment: Option<&str>,
    ) -> AppResult<Session> {
        let session = self
            .session(session_id)
            .await
            .map_err(rules::hide_missing)?;
        rules::can_rate(actor, &session)?;
        if !(1..=5).contains(&rating) {
            return Err(AppError::invalid(
                "rating must be a whole number from 1 to 5",
            ));
        }
        let comment = match comment.map(str::trim).filter(|c| !c.is_empty()) {
            None => None,
            Some(c) if c.chars().count() > MAX_COMMENT_CHARS => {
                return Err(AppError::invalid(format!(
                    "the comment is over {MAX_COMMENT_CHARS} characters; shorten it"
                )));
            }
            Some(c) => Some(validate::message_text(c)?),
        };
        let rated = match self.inner.store.rate(session_id, rating, comment).await {
            Ok(s) => s,
            Err(StoreError::Conflict(_)) => {
                return Err(AppError::conflict(if session.csat.is_some() {
                    "this chat was already rated"
                } else {
                    "a chat can be rated once it has ended"
                }));
            }
            Err(e) => return Err(e.into()),
        };
        self.notify(Notice::SessionUpdate(rated.clone())).await;
        Ok(rated)
    }

    /// A WhatsApp user's digit after a chat that asked for a rating: rates
    /// it and thanks them. False when no chat of theirs awaits a rating (the
    /// digit is then an ordinary message); a digit just after rating (a
    /// retried webhook, a double tap) is taken and ignored.
    pub async fn whatsapp_rating(&self, actor: &User, rating: i64) -> AppResult<bool> {
        let open = self.sessions_of(actor).await?;
        if open.iter().any(|s| s.channel == Channel::Whatsapp) {
            return Ok(false);
        }
        let since = Utc::now() - chrono::Duration::hours(24);
        let session_id = match self.inner.store.asked_for_rating(actor.id, since).await? {
            None => return Ok(false),
            Some((id, None)) => id,
            Some((_, Some(rated_at))) => {
                return Ok(Utc::now() - rated_at < chrono::Duration::minutes(2));
            }
        };
        let rated = match self.inner.store.rate(session_id, rating, None).await {
            Ok(s) => s,
            // a retried webhook, or a second digit: already thanked
            Err(StoreError::Conflict(_)) => return Ok(true),
            Err(e) => return Err(e.into()),
        };
        self.notify(Notice::SessionUpdate(rated.clone())).await;
        let thanks = Phrase::CsatThanks.text(rated.locale.unwrap_or_default());
        self.system_note_under(session_id, thanks, rules::AFTER_CLOSE)
            .await?;
        Ok(true)
    }

    /// Mails the session's transcript to `email` (the session's visitor).
    pub async fn email_transcript(
        &self,
        actor: &User,
        session_id: Uuid,
        email: &str,
    ) -> AppResult<()> {
        let session = self
            .session(session_id)
            .await
            .map_err(rules::hide_missing)?;
        rules::can_email_transcript(actor, &session)?;
        let to = validate::email(email)?;
        let sent = self
            .inner
            .store
            .mails_since(
                session_id,
                MailKind::Transcript,
                Utc::now() - chrono::Duration::hours(1),
            )
            .await?;
        if sent >= TRANSCRIPTS_PER_HOUR {
            return Err(AppError {
                message: format!(
                    "at most {TRANSCRIPTS_PER_HOUR} transcripts an hour per chat; try again later"
                ),
                ..AppError::rate_limited(std::time::Duration::from_secs(3600))
            });
        }
        let messages = self
            .inner
            .store
            .messages_after(session_id, 0, MAX_HISTORY)
            .await?;
        let locale = session.locale.unwrap_or_default();
        let title = self.widget_settings().await?.title;
        self.inner
            .store
            .queue_mail(NewMail {
                kind: MailKind::Transcript,
                session_id: Some(session_id),
                to,
                subject: Phrase::TranscriptSubject { title: &title }.text(locale),
                body: transcript_text(&messages),
            })
            .await?;
        Ok(())
    }
}
