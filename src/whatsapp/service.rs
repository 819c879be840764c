//! Inbound WhatsApp messages into the one chat flow: the number's user and
//! its one open session, commands, and delivery status updates.

use std::sync::Arc;

use super::{
    commands::{self, Command},
    form::{Inbound, StatusCallback},
    media::MediaFetcher,
};
use crate::{
    chat::{ChatService, DeliveryStatus},
    domain::{
        locale,
        model::{Attachment, Channel, Session, SessionStatus, User},
    },
    error::AppResult,
    rag::ingest::IngestJobs,
};

#[derive(Clone)]
pub struct WhatsAppService {
    chat: ChatService,
    handoff_words: Arc<Vec<String>>,
    /// Set when anyone may start an ingest (`INGEST_PUBLIC`): `site …` then
    /// reads the site first.
    ingest: Option<IngestJobs>,
    media: Arc<MediaFetcher>,
}

impl WhatsAppService {
    pub fn new(
        chat: ChatService,
        handoff_words: Vec<String>,
        ingest: Option<IngestJobs>,
        media: MediaFetcher,
    ) -> Self {
        WhatsAppService {
            chat,
            handoff_words: Arc::new(handoff_words),
            ingest,
            media: Arc::new(media),
        }
    }

    /// The message's files, fetched from Twilio and stored as attachments
    /// (once: a retried webhook for a stored message fetches nothing). A
    /// file that cannot be fetched or is refused is logged and counted.
    async fn attachments(
        &self,
        user: &User,
        session: &Session,
        msg: &Inbound,
    ) -> (Vec<Attachment>, usize) {
        if msg.media.is_empty() || self.chat.has_external_message(&msg.message_sid).await {
            return (Vec::new(), 0);
        }
        let mut stored = Vec::new();
        let mut missed = 0;
        for media in &msg.media {
            let result = match self.media.fetch(media).await {
                Ok(file) => self
                    .chat
                    .upload(user, session.id, &file.name, file.bytes)
                    .await
                    .map_err(anyhow::Error::from),
                Err(e) => Err(e),
            };
            match result {
                Ok(attachment) => stored.push(attachment),
                Err(e) => {
                    tracing::warn!(error = %e, "a WhatsApp file was not kept");
                    missed += 1;
                }
            }
        }
        (stored, missed)
    }

    /// Stores the message (once per MessageSid) and runs its command, if any.
    pub async fn inbound(&self, msg: Inbound) -> AppResult<()> {
        let user = self
            .chat
            .channel_user(&msg.from, msg.display_name())
            .await?;
        if let Some(rating) = commands::rating(&msg.body)
            && msg.media.is_empty()
            && self.chat.whatsapp_rating(&user, rating).await?
        {
            return Ok(());
        }
        // system messages follow the language the user writes in
        if let Some(locale) = locale::detect(&msg.body) {
            self.chat.set_locale(&user, locale).await?;
        }
        let session = self
            .chat
            .open_channel_session(&user, Channel::Whatsapp)
            .await?;
        let command = commands::parse(&msg.body, &self.handoff_words);
        let (attachments, missed) = self.attachments(&user, &session, &msg).await;
        let body = match missed {
            0 => msg.body.clone(),
            n => format!(
                "{}\n({n} file{} could not be received)",
                msg.body,
                if n == 1 { "" } else { "s" }
            )
            .trim()
            .to_string(),
        };
        let appended = self
            .chat
            .receive(
                &user,
                session.id,
                &body,
                &msg.message_sid,
                attachments,
                command.is_none(),
            )
            .await?;
        if appended.duplicate {
            return Ok(());
        }
        match command {
            None => Ok(()),
            Some(Command::Handoff) => self.chat.request_handoff(&user, session.id).await.map(drop),
            Some(Command::End) if session.status == SessionStatus::ActiveWithAgent => {
                self.chat.request_end(&user, session.id).await.map(drop)
            }
            Some(Command::End) => self.chat.close(&user, session.id).await.map(drop),
            Some(Command::Site(site)) => self.set_site(&user, &session, &site).await,
        }
    }

    async fn set_site(&self, user: &User, session: &Session, site: &str) -> AppResult<()> {
        let reply = match self.chat.set_site(user, session.id, site).await {
            Ok(session) => {
                let site = session.site.unwrap_or_default();
                match &self.ingest {
                    Some(jobs) => match jobs.start(&user.id.to_string(), site.clone(), 50) {
                        Ok(_) => format!(
                            "Got it: I'm reading {site} now and will answer from it in a minute."
                        ),
                        Err(_) => format!(
                            "Got it: I'll answer from {site}. I can't read it right now: too many sites are waiting."
                        ),
                    },
                    None => format!("Got it: I'll answer from {site}."),
                }
            }
            Err(e) if e.code == crate::error::ErrorCode::Invalid => {
                "That doesn't look like a website address. Try: site https://example.com"
                    .to_string()
            }
            Err(e) => return Err(e),
        };
        self.chat.system_note(session.id, reply).await
    }

    /// A delivery status from Twilio; only forward moves are kept and announced.
    pub async fn status(&self, update: StatusCallback) -> AppResult<()> {
        let Some(rank) = update.rank() else {
            return Ok(());
        };
        let error = update.explanation();
        self.chat
            .delivery_status(DeliveryStatus {
                provider_id: &update.message_sid,
                status: &update.status,
                error,
                rank,
            })
            .await
    }
}
