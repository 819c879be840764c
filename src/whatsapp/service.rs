//! Inbound WhatsApp messages into the one chat flow: the number's user and
//! its one open session, commands, and delivery status updates.

use std::sync::Arc;

use super::{
    commands::{self, Command},
    form::{Inbound, StatusCallback},
};
use crate::{
    chat::{
        ChatService,
        fanout::{Fanout, Notifier},
        model::{Channel, Role, Session, SessionStatus, User},
        validate,
    },
    error::{AppError, AppResult},
    rag::ingest::IngestJobs,
    store::{NewUser, Store, StoreError},
};

#[derive(Clone)]
pub struct WhatsAppService {
    chat: ChatService,
    store: Arc<dyn Store>,
    notifier: Arc<dyn Notifier>,
    handoff_words: Arc<Vec<String>>,
    /// Set when anyone may start an ingest (`INGEST_PUBLIC`): `site …` then
    /// reads the site first.
    ingest: Option<IngestJobs>,
}

impl WhatsAppService {
    pub fn new(
        chat: ChatService,
        notifier: Arc<dyn Notifier>,
        handoff_words: Vec<String>,
        ingest: Option<IngestJobs>,
    ) -> Self {
        let store = chat.store().clone();
        let handoff_words = Arc::new(handoff_words);
        WhatsAppService {
            chat,
            store,
            notifier,
            handoff_words,
            ingest,
        }
    }

    /// Stores the message (once per MessageSid) and runs its command, if any.
    pub async fn inbound(&self, msg: Inbound) -> AppResult<()> {
        let user = self.user_for(&msg).await?;
        let session = self.open_session(&user).await?;
        let command = commands::parse(&msg.body, &self.handoff_words);
        let appended = self
            .chat
            .receive(
                &user,
                session.id,
                &msg.body,
                &msg.message_sid,
                msg.media.clone(),
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
            Some(Command::Site(site)) => self.set_site(&session, &site).await,
        }
    }

    async fn set_site(&self, session: &Session, site: &str) -> AppResult<()> {
        let reply = match validate::site(site) {
            Ok(site) => {
                self.store.set_site(session.id, Some(&site)).await?;
                match &self.ingest {
                    Some(jobs) => {
                        jobs.start(site.clone(), 50);
                        format!(
                            "Got it: I'm reading {site} now and will answer from it in a minute."
                        )
                    }
                    None => format!("Got it: I'll answer from {site}."),
                }
            }
            Err(_) => "That doesn't look like a website address. Try: site https://example.com"
                .to_string(),
        };
        self.chat.system_note(session.id, reply).await
    }

    /// The number's user, created on first contact.
    async fn user_for(&self, msg: &Inbound) -> AppResult<User> {
        if let Some(user) = self.store.user_by_external_id(&msg.from).await? {
            return Ok(user);
        }
        let created = self
            .store
            .create_user(NewUser {
                role: Role::User,
                display_name: msg.display_name(),
                email: None,
                password_hash: None,
                external_id: Some(msg.from.clone()),
            })
            .await;
        match created {
            Ok(user) => Ok(user),
            // A concurrent first message created it.
            Err(StoreError::Conflict(_)) => self
                .store
                .user_by_external_id(&msg.from)
                .await?
                .ok_or_else(|| AppError::internal(anyhow::anyhow!("user vanished"))),
            Err(e) => Err(e.into()),
        }
    }

    /// The number's open session, or a new one (one at a time, enforced by the store).
    async fn open_session(&self, user: &User) -> AppResult<Session> {
        let open = |sessions: Vec<Session>| {
            sessions
                .into_iter()
                .find(|s| s.channel == Channel::Whatsapp)
        };
        if let Some(session) = open(self.store.open_sessions_for_user(user.id).await?) {
            return Ok(session);
        }
        match self
            .chat
            .create_session(user, Channel::Whatsapp, None)
            .await
        {
            Ok(session) => Ok(session),
            Err(e) if e.code == crate::error::ErrorCode::Conflict => {
                open(self.store.open_sessions_for_user(user.id).await?)
                    .ok_or_else(|| AppError::internal(anyhow::anyhow!("open session vanished")))
            }
            Err(e) => Err(e),
        }
    }

    /// A delivery status from Twilio; only forward moves are kept and announced.
    pub async fn status(&self, update: StatusCallback) -> AppResult<()> {
        let Some(rank) = update.rank() else {
            return Ok(());
        };
        let error = update.explanation();
        let moved = self
            .store
            .update_delivery(&update.message_sid, &update.status, error.as_deref(), rank)
            .await?;
        if let Some(moved) = moved {
            let event = Fanout::DeliveryStatus {
                session_id: moved.session_id,
                message_id: moved.message_id,
                status: update.status,
                error,
            };
            self.notifier.notify(event).await;
        }
        Ok(())
    }
}
