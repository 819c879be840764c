//! `hello`: who the socket is (a visitor by name, token or verified
//! identity; staff by token), its rooms, and the staff member's presence.

use serde_json::{Value, json};
use socketioxide::{adapter::Adapter, extract::SocketRef};

use super::{
    events as ev,
    handlers::{CountedAgent, RawToken, attach},
    rooms,
};
use crate::{
    auth::Identity,
    domain::{
        locale::Locale,
        model::{Agent, Role},
    },
    error::{AppError, AppResult},
    state::AppState,
};

/// `hello`: a new visitor (by display name) or a returning user or agent (by token).
pub(super) async fn hello<A: Adapter>(
    st: AppState,
    s: SocketRef<A>,
    p: ev::Hello,
) -> AppResult<Value> {
    let claimed = p.role.as_deref().unwrap_or("user");
    // a language we do not speak is not an error: the visitor gets English
    let locale = p.locale.as_deref().and_then(Locale::parse);
    if !matches!(claimed, "user" | "agent" | "supervisor" | "admin") {
        return Err(AppError::invalid("role must be user or agent"));
    }
    if let Some(claim) = p.identity {
        if claimed != "user" {
            return Err(AppError::invalid("identity is for visitors (role user)"));
        }
        let user = st.chat.identify(claim).await?;
        let (identity, token) = st.auth.sign_in_visitor(user).await?;
        return greet(&st, &s, identity, token, claimed, locale).await;
    }
    // Whether a visitor came back (a new one, or an identified one, was
    // just written with the time: no second write).
    let mut returning = true;
    let (identity, token) = match (p.token, p.display_name) {
        (Some(token), _) => (st.auth.authenticate(&token).await?, token),
        (None, Some(name)) if claimed == "user" => {
            let (identity, token) = st.auth.register_visitor(&name).await?;
            tracing::info!(user.id = %identity.user.id, "new visitor");
            returning = false;
            (identity, token)
        }
        (None, Some(_)) => {
            return Err(AppError::unauthorized("agents log in and send their token"));
        }
        (None, None) => match (
            s.extensions.get::<Identity>(),
            s.extensions.get::<RawToken>(),
        ) {
            (Some(identity), Some(RawToken(token))) => (identity, token),
            _ => return Err(AppError::invalid("hello needs a displayName or a token")),
        },
    };
    if returning && identity.user.role == Role::User {
        st.chat.seen(&identity.user).await;
    }
    greet(&st, &s, identity, token, claimed, locale).await
}

/// The rest of `hello` once the caller is known: rooms, presence, the ack.
async fn greet<A: Adapter>(
    st: &AppState,
    s: &SocketRef<A>,
    identity: Identity,
    token: String,
    claimed: &str,
    locale: Option<Locale>,
) -> AppResult<Value> {
    let user = identity.user.clone();
    if claimed != "user" && user.role == Role::User {
        return Err(AppError::forbidden(
            "this token belongs to a visitor, not an agent",
        ));
    }
    attach(s, identity, token.clone());
    let mut agent = None;
    if user.role.is_staff() {
        s.join(rooms::AGENTS);
        if user.role.supervises() {
            s.join(rooms::SUPERVISORS);
        }
        agent = count_agent_socket(st, s, &user).await?;
        let items = st.chat.queue().await?;
        super::emitted(
            ev::QUEUE_BOOTSTRAP,
            s.emit(ev::QUEUE_BOOTSTRAP, &ev::QueueBootstrap { items }),
        );
    }
    let sessions = st.chat.sessions_of(&user).await?;
    let mut ack = json!({ "user": user, "token": token, "sessions": sessions });
    if let Some(agent) = agent {
        ack["agent"] = json!(agent);
    }
    if user.role == Role::User {
        s.join(rooms::VISITORS);
        if let Some(locale) = locale {
            st.chat.set_locale(&user, locale).await?;
        }
        ack["availability"] = json!(st.chat.availability().await?);
    }
    Ok(ack)
}

/// Counts this socket for its agent once (a second `hello` by another agent
/// on the same socket moves the count); returns the agent as it is now.
async fn count_agent_socket<A: Adapter>(
    st: &AppState,
    s: &SocketRef<A>,
    user: &crate::domain::model::User,
) -> AppResult<Option<Agent>> {
    match s.extensions.get::<CountedAgent>() {
        Some(CountedAgent(id)) if id == user.id => return st.chat.agent(user.id).await,
        Some(CountedAgent(other)) => st.chat.agent_disconnected(other).await?,
        None => {}
    }
    s.extensions.insert(CountedAgent(user.id));
    st.chat.agent_connected(user).await
}
