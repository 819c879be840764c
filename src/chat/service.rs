//! The transport-free chat service: every transport calls it, it checks the
//! rule (`rules`), commits through the store, then fans out (`Notifier`) and
//! starts follow-up work (bot replies, summaries). Nothing is announced before
//! it is committed.

use std::sync::Arc;

use tokio_util::task::TaskTracker;
use tracing::instrument;
use uuid::Uuid;

use super::{
    availability::AvailabilityState,
    bot::Bot,
    notify::{Notice, Notifier},
    routing::{RouterState, RoutingConfig},
    rules,
    settings::SettingsCache,
    summary::Summarizer,
    team::PresenceConfig,
};
use crate::{
    domain::{
        model::{
            Channel, EndedBy, Message, QueueItem, Role, SenderType, Session, SessionStatus, User,
        },
        validate,
    },
    error::{AppError, AppResult},
    files::Files,
    store::{Appended, NewMessage, NewSession, SessionFilter, Store, StoreError},
};
use SessionStatus::*;

/// How many messages a queue entry previews.
pub const PREVIEW: i64 = 5;
/// The most messages one join or transcript call returns.
pub(super) const MAX_HISTORY: i64 = 10_000;

/// How the chat service behaves (from `Config`).
#[derive(Clone)]
pub struct ChatConfig {
    pub presence: PresenceConfig,
    pub routing: RoutingConfig,
    /// The most open sessions one visitor may hold.
    pub max_open_sessions: usize,
    /// Where attachments' bytes go, and which files are accepted.
    pub files: Files,
    /// `IDENTITY_SECRET`: signed-in customers' HMAC key.
    pub identity_secret: Option<Arc<str>>,
    /// `PUBLIC_BASE_URL`, for links in mails.
    pub public_base_url: Option<String>,
    /// `OFFLINE_NOTIFY_EMAIL`: who hears about offline conversations.
    pub offline_notify: Option<String>,
}

impl Default for ChatConfig {
    fn default() -> Self {
        ChatConfig {
            presence: PresenceConfig::default(),
            routing: RoutingConfig::default(),
            max_open_sessions: 5,
            files: Files::in_database(
                10 * 1024 * 1024,
                &crate::config::WorkspaceConfig::default_types(),
            ),
            identity_secret: None,
            public_base_url: None,
            offline_notify: None,
        }
    }
}

#[derive(Clone)]
pub struct ChatService {
    pub(super) inner: Arc<Inner>,
}

pub(super) struct Inner {
    pub(super) store: Arc<dyn Store>,
    pub(super) notifier: Arc<dyn Notifier>,
    pub(super) bot: Arc<dyn Bot>,
    pub(super) summarizer: Arc<dyn Summarizer>,
    pub(super) tasks: TaskTracker,
    /// This process, among the nodes that share the store.
    pub(super) node_id: Uuid,
    pub(super) presence: PresenceConfig,
    pub(super) routing: RoutingConfig,
    pub(super) router: RouterState,
    /// The most open sessions one visitor may hold.
    pub(super) max_open_sessions: usize,
    pub(super) files: Files,
    pub(super) identity_secret: Option<Arc<str>>,
    pub(super) public_base_url: Option<String>,
    pub(super) offline_notify: Option<String>,
    pub(super) settings: SettingsCache,
    pub(super) availability: AvailabilityState,
}

pub(super) fn sender_type(actor: &User) -> SenderType {
    if actor.role.is_staff() {
        SenderType::Agent
    } else {
        SenderType::User
    }
}

pub(super) fn ender(actor: &User) -> EndedBy {
    if actor.role.is_staff() {
        EndedBy::Agent
    } else {
        EndedBy::User
    }
}

impl ChatService {
    pub fn new(
        store: Arc<dyn Store>,
        notifier: Arc<dyn Notifier>,
        bot: Arc<dyn Bot>,
        summarizer: Arc<dyn Summarizer>,
        config: ChatConfig,
    ) -> Self {
        let inner = Inner {
            store,
            notifier,
            bot,
            summarizer,
            tasks: TaskTracker::new(),
            node_id: Uuid::now_v7(),
            presence: config.presence,
            routing: config.routing,
            router: RouterState::default(),
            max_open_sessions: config.max_open_sessions,
            files: config.files,
            identity_secret: config.identity_secret,
            public_base_url: config
                .public_base_url
                .map(|b| b.trim_end_matches('/').to_string()),
            offline_notify: config.offline_notify,
            settings: SettingsCache::default(),
            availability: AvailabilityState::default(),
        };
        ChatService {
            inner: Arc::new(inner),
        }
    }

    /// Stores a message under the send rule (`rules::SEND`), which the store
    /// checks in the write itself.
    pub(super) async fn append(&self, message: NewMessage) -> Result<Appended, StoreError> {
        self.inner.store.append_message(message, rules::SEND).await
    }

    /// Background work (bot replies, summaries) still running; waited on at shutdown.
    pub fn tasks(&self) -> &TaskTracker {
        &self.inner.tasks
    }

    pub(super) async fn notify(&self, event: Notice) {
        if matches!(event, Notice::AgentUpdate(_)) {
            self.wake_availability();
        }
        self.inner.notifier.notify(event).await;
    }

    pub(super) async fn session(&self, id: Uuid) -> AppResult<Session> {
        self.inner.store.get_session(id).await.map_err(|e| match e {
            StoreError::NotFound => AppError::not_found("no such session"),
            other => other.into(),
        })
    }

    /// A visitor's open sessions, or an agent's active chats.
    pub async fn sessions_of(&self, actor: &User) -> AppResult<Vec<Session>> {
        Ok(match actor.role {
            Role::User => self.inner.store.open_sessions_for_user(actor.id).await?,
            _ => self.inner.store.active_sessions_for_agent(actor.id).await?,
        })
    }

    /// Sends the admin monitor fresh counters (called every few seconds).
    pub async fn publish_stats(&self) -> AppResult<()> {
        let stats = self.inner.store.stats(chrono::Utc::now()).await?;
        self.notify(Notice::Stats(stats)).await;
        Ok(())
    }

    pub async fn queue(&self) -> AppResult<Vec<QueueItem>> {
        Ok(self.inner.store.queue(PREVIEW).await?)
    }

    pub async fn list_sessions(
        &self,
        actor: &User,
        status: Option<SessionStatus>,
        limit: i64,
    ) -> AppResult<Vec<Session>> {
        if !actor.role.is_staff() {
            return Err(AppError::forbidden("only agents and admins list sessions"));
        }
        Ok(self
            .inner
            .store
            .list_sessions(SessionFilter { status, limit })
            .await?)
    }

    #[instrument(skip_all, fields(user.id = %actor.id))]
    pub async fn create_session(
        &self,
        actor: &User,
        channel: Channel,
        site: Option<&str>,
    ) -> AppResult<Session> {
        if actor.role != Role::User {
            return Err(AppError::forbidden("only visitors start chats"));
        }
        let site = site.map(validate::site).transpose()?;
        let open = self.inner.store.open_sessions_for_user(actor.id).await?;
        rules::can_open_session(open.len(), self.inner.max_open_sessions)?;
        let session = self
            .inner
            .store
            .create_session(NewSession {
                user_id: actor.id,
                channel,
                site,
            })
            .await?;
        self.notify(Notice::JoinRoom {
            user_id: actor.id,
            session_id: session.id,
        })
        .await;
        self.notify(Notice::SessionUpdate(session.clone())).await;
        Ok(session)
    }

    /// The session and its messages after `after_seq` (all when `None`), for
    /// a socket joining its room.
    #[instrument(skip_all, fields(session.id = %session_id))]
    pub async fn join(
        &self,
        actor: &User,
        session_id: Uuid,
        after_seq: Option<i64>,
    ) -> AppResult<(Session, Vec<Message>)> {
        let (session, messages) = self
            .read_with(rules::can_view, actor, session_id, after_seq)
            .await
            .map_err(rules::hide_missing)?;
        if session.status == QueuedForAgent && session.user_id == actor.id {
            self.retell_position(session_id);
        }
        Ok((session, messages))
    }

    /// A transcript for HTTP readers (see `rules::can_read_transcript`).
    pub async fn transcript(
        &self,
        actor: &User,
        session_id: Uuid,
        after_seq: Option<i64>,
    ) -> AppResult<(Session, Vec<Message>)> {
        self.read_with(rules::can_read_transcript, actor, session_id, after_seq)
            .await
    }

    async fn read_with(
        &self,
        rule: fn(&User, &Session) -> AppResult<()>,
        actor: &User,
        session_id: Uuid,
        after_seq: Option<i64>,
    ) -> AppResult<(Session, Vec<Message>)> {
        let session = self.session(session_id).await?;
        rule(actor, &session)?;
        let after = after_seq.unwrap_or(0).max(0);
        let messages = self
            .inner
            .store
            .messages_after(session_id, after, MAX_HISTORY)
            .await?;
        Ok((session, messages))
    }
}
