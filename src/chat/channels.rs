//! What other channels (WhatsApp) need beyond the web's calls: the user a
//! provider knows by its id, the one open session per channel user, the
//! site a session answers from, and delivery statuses.

use tracing::instrument;
use uuid::Uuid;

use super::{ChatService, notify::Notice};
use crate::{
    domain::{
        model::{Channel, Role, Session, User},
        validate,
    },
    error::{AppError, AppResult, ErrorCode},
    store::{NewUser, StoreError},
};

/// A delivery status from a provider, ranked so only forward moves count.
pub struct DeliveryStatus<'a> {
    pub provider_id: &'a str,
    pub status: &'a str,
    pub error: Option<String>,
    pub rank: i64,
}

impl ChatService {
    /// Whether a channel message (by its provider id) is already stored; a
    /// database error answers no (the store's own idempotency still holds).
    pub async fn has_external_message(&self, external_id: &str) -> bool {
        self.inner
            .store
            .has_external_message(external_id)
            .await
            .unwrap_or(false)
    }

    /// The user a channel knows by `external_id`, created on first contact.
    pub async fn channel_user(&self, external_id: &str, display_name: String) -> AppResult<User> {
        let store = &self.inner.store;
        if let Some(user) = store.user_by_external_id(external_id).await? {
            return Ok(user);
        }
        let created = store
            .create_user(NewUser {
                role: Role::User,
                display_name,
                email: None,
                password_hash: None,
                external_id: Some(external_id.to_string()),
            })
            .await;
        match created {
            Ok(user) => Ok(user),
            // A concurrent first message created it.
            Err(StoreError::Conflict(_)) => store
                .user_by_external_id(external_id)
                .await?
                .ok_or_else(|| AppError::internal(anyhow::anyhow!("user vanished"))),
            Err(e) => Err(e.into()),
        }
    }

    /// The user's open session on `channel`, or a new one (one at a time,
    /// enforced by the store).
    pub async fn open_channel_session(&self, user: &User, channel: Channel) -> AppResult<Session> {
        let open = |sessions: Vec<Session>| sessions.into_iter().find(|s| s.channel == channel);
        if let Some(session) = open(self.sessions_of(user).await?) {
            return Ok(session);
        }
        match self.create_session(user, channel, None).await {
            Ok(session) => Ok(session),
            Err(e) if e.code == ErrorCode::Conflict => open(self.sessions_of(user).await?)
                .ok_or_else(|| AppError::internal(anyhow::anyhow!("open session vanished"))),
            Err(e) => Err(e),
        }
    }

    /// Sets the site the bot answers a session from; its user only.
    #[instrument(skip_all, fields(session.id = %session_id))]
    pub async fn set_site(&self, actor: &User, session_id: Uuid, site: &str) -> AppResult<Session> {
        let site = validate::site(site)?;
        let session = self.session(session_id).await?;
        super::rules::can_send(actor, &session)?;
        let session = self.inner.store.set_site(session_id, Some(&site)).await?;
        self.notify(Notice::SessionUpdate(session.clone())).await;
        Ok(session)
    }

    /// Moves a channel message's delivery status forward and announces it;
    /// an older or unknown status changes nothing.
    pub async fn delivery_status(&self, update: DeliveryStatus<'_>) -> AppResult<()> {
        let moved = self
            .inner
            .store
            .update_delivery(
                update.provider_id,
                update.status,
                update.error.as_deref(),
                update.rank,
            )
            .await?;
        if let Some(moved) = moved {
            self.notify(Notice::DeliveryStatus {
                session_id: moved.session_id,
                message_id: moved.message_id,
                status: update.status.to_string(),
                error: update.error,
            })
            .await;
        }
        Ok(())
    }
}
