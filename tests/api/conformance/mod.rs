//! The store conformance suite: one body per behaviour over `&dyn Store`,
//! run against SQLite and Postgres alike: messages, sessions (with users,
//! summaries and the outbox), and knowledge. The helpers here build rows.

mod knowledge;
mod messages;
mod routing;
mod sessions;
mod workspace;

use std::sync::Arc;

use uuid::Uuid;
use webchat::{
    chat::rules::SEND,
    domain::model::{Channel, Role, SenderType, Session, SessionStatus, User},
    store::{self, Appended, NewMessage, NewSession, NewUser, Store, StoreResult, Transition},
};

use crate::helpers::{Db, fresh_database};

pub(crate) async fn store(db: Db) -> Arc<dyn Store> {
    store::connect(&fresh_database(db).await)
        .await
        .expect("store connects")
}

pub(crate) async fn user(s: &dyn Store, role: Role, email: Option<&str>) -> User {
    s.create_user(NewUser {
        role,
        display_name: format!("{role} {}", Uuid::now_v7().simple()),
        email: email.map(String::from),
        password_hash: email.map(|_| "hash".to_string()),
        external_id: None,
    })
    .await
    .unwrap()
}

/// A web session of `user_id`, with the bot.
pub(crate) async fn web_session(s: &dyn Store, user_id: Uuid) -> Session {
    s.create_session(NewSession {
        user_id,
        channel: Channel::Web,
        site: None,
    })
    .await
    .unwrap()
}

/// Appends under the chat's send rule, as the chat service does.
pub(crate) async fn append(s: &dyn Store, m: NewMessage) -> StoreResult<Appended> {
    s.append_message(m, SEND).await
}

pub(crate) fn text(session_id: Uuid, text: &str, client: Option<&str>) -> NewMessage {
    NewMessage {
        session_id,
        sender_type: SenderType::User,
        sender_id: None,
        sender_name: Some("Ada".into()),
        text: text.into(),
        client_msg_id: client.map(String::from),
        citations: None,
        external_id: None,
        attachments: None,
    }
}

pub(crate) fn to(
    session_id: Uuid,
    from: &'static [SessionStatus],
    to: SessionStatus,
) -> Transition {
    Transition::new(session_id, from, to)
}
