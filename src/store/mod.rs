//! Storage: rows and statements, no rules. One small trait per entity
//! (`UserStore`, `SessionStore`, `MessageStore`, `SummaryStore`,
//! `OutboxStore`, `OutboundStore`, `KnowledgeStore`, `PresenceStore`,
//! `NoteStore`, `AttachmentStore`, `CannedStore`, `ContactStore`,
//! `SearchStore`, `SettingsStore`, `MailStore`, `CsatStore`, `ReportStore`,
//! `ConsoleStore`),
//! combined into `Store`,
//! with a SQLite and a Postgres implementation picked by the database URL.
//!
//! Each write is one transaction that also writes its outbox events, so a
//! change and the events describing it commit together or not at all; after
//! such a commit the store raises its `Signals` so the relays wake. Where a
//! rule must hold inside a statement (who may write a message, which status a
//! transition starts from), the chat service passes it in as data
//! (`domain::access`, `Transition::from`).

mod attachments;
mod canned;
mod console;
mod contacts;
mod csat;
mod error;
mod group_commit;
mod invitations;
mod knowledge;
mod mail;
mod messages;
mod notes;
mod outbound;
pub(crate) mod outbox;
mod postgres;
mod presence;
mod reports;
pub(crate) mod rows;
pub mod search;
mod sessions;
mod settings;
mod signals;
mod sql;
mod sqlite;
mod summaries;
mod users;
mod webhooks;

use std::sync::Arc;

use async_trait::async_trait;

pub use attachments::{AttachmentStore, Bytes, NewAttachment, StoredAttachment};
pub use canned::{CannedDraft, CannedStore};
pub use console::ConsoleStore;
pub use contacts::{ContactStore, Identity};
pub use csat::CsatStore;
pub use error::{StoreError, StoreResult};
pub use invitations::{InvitationStore, NewInvitation};
pub use knowledge::{Hit, KnowledgeStore, NewChunk, NewPage, SiteInfo, StaleChunk};
pub use mail::{Mail, MailKind, MailStore, NewMail, RepliesDue};
pub use messages::{Appended, MessageStore, NewMessage};
pub use notes::{NewNote, NoteStore};
pub use outbound::{DeliveryUpdate, OutboundStore, OutboundWhatsApp};
pub use outbox::{OutboxEvent, OutboxLease, OutboxStore};
pub use postgres::PgStore;
pub use presence::{NodeSockets, PresenceStore, TeamMember};
pub use reports::ReportStore;
pub use search::{SearchFilter, SearchStore};
pub use sessions::{
    AgentChange, EndRequest, EndRequestOutcome, EndRequestResult, HandedOver, Handover, NewSession,
    Overdue, SessionFilter, SessionStore, Transition, Transitioned,
};
pub use settings::SettingsStore;
pub use signals::{Signals, Wakeup};
pub use sqlite::SqliteStore;
pub use summaries::SummaryStore;
pub use users::{NewUser, StaffPatch, UserStore};
pub use webhooks::{Attempt, DueDelivery, NewWebhook, WebhookPatch, WebhookStore};

/// The entity traits, for code that calls them on a concrete store type
/// (on `dyn Store` their methods need no import).
pub mod prelude {
    pub use super::{
        AttachmentStore, CannedStore, ConsoleStore, ContactStore, CsatStore, InvitationStore,
        KnowledgeStore, MailStore, MessageStore, NoteStore, OutboundStore, OutboxStore,
        PresenceStore, ReportStore, SearchStore, SessionStore, SettingsStore, Store, SummaryStore,
        UserStore, WebhookStore,
    };
}

/// The one storage interface; SQLite and Postgres pass the same conformance suite.
#[async_trait]
pub trait Store:
    UserStore
    + SessionStore
    + MessageStore
    + SummaryStore
    + OutboxStore
    + OutboundStore
    + KnowledgeStore
    + PresenceStore
    + NoteStore
    + AttachmentStore
    + CannedStore
    + ContactStore
    + SearchStore
    + SettingsStore
    + MailStore
    + CsatStore
    + ReportStore
    + ConsoleStore
    + InvitationStore
    + WebhookStore
    + Send
    + Sync
    + 'static
{
    /// Answers when the database does (for `/ready`).
    async fn ping(&self) -> StoreResult<()>;
    /// "sqlite" or "postgres".
    fn backend(&self) -> &'static str;
    /// Raised after commits that wrote outbox or outbound rows.
    fn signals(&self) -> &Signals;
}

/// Opens the store named by the URL and runs its migrations.
pub async fn connect(database_url: &str) -> anyhow::Result<Arc<dyn Store>> {
    if database_url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::connect(database_url).await?))
    } else {
        Ok(Arc::new(PgStore::connect(database_url).await?))
    }
}
