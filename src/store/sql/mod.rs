//! The SQL both backends share, written once as `macro_rules!` that each
//! backend invokes for its own store type: the statements are plain,
//! portable SQL with `$N` placeholders, which SQLite and Postgres both
//! accept. A macro expands where it is invoked, so names in its body resolve
//! there: each backend module defines `Db` (its sqlx database) and `Tx` (a
//! transaction on it) and imports `prelude::*`.
//!
//! - `tx`: transaction helpers (seq, message and event inserts, row locks);
//! - `transition`: the conditional status update and what goes with it;
//! - one file per entity with its `impl …Store` body;
//! - `messages`: the group-committed write path.

pub(crate) mod attachments;
pub(crate) mod canned;
pub(crate) mod console;
pub(crate) mod contacts;
pub(crate) mod csat;
pub(crate) mod invitations;
pub(crate) mod knowledge;
pub(crate) mod mail;
pub(crate) mod messages;
pub(crate) mod notes;
pub(crate) mod outbound;
pub(crate) mod outbox;
pub(crate) mod presence;
pub(crate) mod reports;
pub(crate) mod search;
pub(crate) mod sessions;
pub(crate) mod settings;
pub(crate) mod summaries;
pub(crate) mod transition;
pub(crate) mod tx;
pub(crate) mod users;
pub(crate) mod webhooks;

use std::sync::Mutex;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::domain::{
    access::WriteAccess,
    model::{Message, SessionStatus},
};
use crate::store::NewMessage;

/// The parts of a store that are the same SQL on both backends: `Store`
/// itself and the entities with no backend-specific statement. Needs the
/// backend's `reader()`, `write_tx()` and `signals` in scope.
macro_rules! shared_store {
    ($Store:ty) => {
        #[async_trait]
        impl Store for $Store {
            async fn ping(&self) -> StoreResult<()> {
                sqlx::query("select 1").execute(self.reader()).await?;
                Ok(())
            }

            fn backend(&self) -> &'static str {
                Self::NAME
            }

            fn signals(&self) -> &crate::store::Signals {
                &self.signals
            }
        }

        $crate::store::sql::users::user_store!($Store);
        $crate::store::sql::sessions::session_store!($Store);
        $crate::store::sql::summaries::summary_store!($Store);
        $crate::store::sql::outbound::outbound_store!($Store);
        $crate::store::sql::presence::presence_store!($Store);
        $crate::store::sql::notes::note_store!($Store);
        $crate::store::sql::attachments::attachment_store!($Store);
        $crate::store::sql::canned::canned_store!($Store);
        $crate::store::sql::contacts::contact_store!($Store);
        $crate::store::sql::settings::settings_store!($Store);
        $crate::store::sql::mail::mail_store!($Store);
        $crate::store::sql::csat::csat_store!($Store);
        $crate::store::sql::reports::report_store!($Store);
        $crate::store::sql::console::console_store!($Store);
        $crate::store::sql::invitations::invitation_store!($Store);
        $crate::store::sql::webhooks::webhook_store!($Store);
    };
}
pub(crate) use shared_store;

/// What the macros' bodies use, imported by each backend module.
pub(crate) mod prelude {
    pub(crate) use async_trait::async_trait;
    pub(crate) use chrono::{DateTime, Utc};
    pub(crate) use sqlx::AssertSqlSafe;
    pub(crate) use uuid::Uuid;

    pub(crate) use super::{Inserted, SqlCache, sender_may_write, stored_message, system_message};
    pub(crate) use crate::domain::{
        access::WriteAccess,
        console::{ApiToken, AuditEntry, Invitation, NewAudit},
        events::EventType,
        model::{
            AgentStatus, Attachment, EndedBy, Message, Note, QueueItem, Role, SenderType, Session,
            SessionStatus, StaffMember, Stats, Summary, User, VisitorPage,
        },
        reports::ReportRow,
        webhooks::{Delivery, Webhook},
        workspace::{CannedResponse, Contact},
    };
    pub(crate) use crate::store::{
        AgentChange, Appended, Attempt, Bytes, CannedDraft, DeliveryUpdate, DueDelivery,
        EndRequest, EndRequestOutcome, EndRequestResult, HandedOver, Handover, Identity, Mail,
        MailKind, NewAttachment, NewInvitation, NewMail, NewMessage, NewNote, NewSession, NewUser,
        NewWebhook, OutboundWhatsApp, OutboxEvent, OutboxLease, Overdue, RepliesDue, SessionFilter,
        StaffPatch, StoreError, StoreResult, StoredAttachment, TeamMember, Transition,
        Transitioned, WebhookPatch,
        outbox::NewEvent,
        prelude::*,
        rows::{self, *},
    };
}

/// A status list as SQL (`'a', 'b'`), or a list that matches nothing.
fn status_list(statuses: &[SessionStatus]) -> String {
    if statuses.is_empty() {
        return "null".into();
    }
    statuses
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `access` as a condition over `sessions`, with the sender's id bound at
/// `sender` (null for the bot or the system). The statuses are our own
/// enum's names, never input, so formatting them in is safe.
pub fn sender_may_write(access: &WriteAccess, sender: &str) -> String {
    format!(
        "(({sender} is null and status in ({})) \
         or (user_id = {sender} and status in ({})) \
         or (agent_id = {sender} and status in ({})))",
        status_list(access.system),
        status_list(access.user),
        status_list(access.agent),
    )
}

/// A statement built from a `WriteAccess`, kept while the access stays the
/// same (it is one constant in practice), so the hot path formats nothing.
#[derive(Default)]
pub struct SqlCache(Mutex<Option<(WriteAccess, std::sync::Arc<str>)>>);

impl SqlCache {
    pub fn get(&self, access: &WriteAccess, build: impl FnOnce() -> String) -> std::sync::Arc<str> {
        let mut cached = self.0.lock().expect("not poisoned");
        match &*cached {
            Some((a, sql)) if a == access => sql.clone(),
            _ => {
                let sql: std::sync::Arc<str> = build().into();
                *cached = Some((*access, sql.clone()));
                sql
            }
        }
    }
}

/// A message just inserted, and whether it was queued for WhatsApp.
pub struct Inserted {
    pub message: Message,
    pub queued_outbound: bool,
}

/// The message `m` becomes once stored at `seq`.
pub fn stored_message(m: &NewMessage, seq: i64, at: DateTime<Utc>) -> Message {
    Message {
        id: Uuid::now_v7(),
        session_id: m.session_id,
        seq,
        sender_type: m.sender_type,
        sender_name: m.sender_name.clone(),
        text: m.text.clone(),
        created_at: at,
        client_msg_id: m.client_msg_id.clone(),
        citations: m.citations.clone(),
        attachments: m.attachments.clone(),
        delivery_status: None,
        delivery_error: None,
        erased: false,
    }
}

pub fn system_message(session_id: Uuid, text: String) -> NewMessage {
    NewMessage::text(session_id, crate::domain::model::SenderType::System, text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use SessionStatus::*;

    #[test]
    fn an_access_becomes_one_condition() {
        let access = WriteAccess {
            system: &[BotPending],
            user: &[BotPending, QueuedForAgent],
            agent: &[],
        };
        assert_eq!(
            sender_may_write(&access, "$5"),
            "(($5 is null and status in ('bot_pending')) \
             or (user_id = $5 and status in ('bot_pending', 'queued_for_agent')) \
             or (agent_id = $5 and status in (null)))"
        );
    }
}
