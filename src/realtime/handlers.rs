//! The default namespace: one small handler per event of PROTOCOL.md.
//!
//! Each handler parses its payload (strictly), finds the caller's identity,
//! calls the chat service and acks `{ ok: true, ... }` or the error. A bad
//! payload gets `invalid` and never drops the connection.

use std::future::Future;

use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use socketioxide::{
    SocketIo,
    adapter::Adapter,
    extract::{AckSender, SocketRef, State, TryData},
    handler::ConnectHandler,
};

use socketioxide_core::adapter::{DefinedAdapter, Spawnable};

use super::{Refused, events as ev, handshake_token, rooms};
use crate::{
    app::AppState,
    auth::Identity,
    chat::model::{Channel, Role},
    error::{AppError, AppResult},
};

/// The raw token of the socket's identity, echoed by `hello`.
#[derive(Clone)]
struct RawToken(String);

pub fn register<A: Adapter + DefinedAdapter>(io: &SocketIo<A>) {
    io.ns("/", connected.with(authenticate::<A>)).spawn();
}

async fn connected() {}

/// A handshake may carry `auth: { token }`; a bad token is refused outright.
/// Event handlers are registered here, before the client is told it is
/// connected: socketioxide sends the connect packet before it runs the
/// connect handler, so events sent right away would otherwise be dropped.
async fn authenticate<A: Adapter>(
    s: SocketRef<A>,
    State(state): State<AppState>,
    TryData(auth): TryData<Value>,
) -> Result<(), Refused> {
    let ip = client_ip(&s);
    if let Err(wait) = state.limits.handshakes.check(&ip) {
        return Err(AppError::rate_limited(wait).into());
    }
    if let Some(token) = handshake_token(auth.ok().as_ref()) {
        let identity = state.auth.authenticate(&token).await?;
        attach(&s, identity, token);
    }
    register_events(&s);
    s.on_disconnect(async |s: SocketRef<A>, State(state): State<AppState>| {
        state.limits.socket_events.forget(&s.id.to_string());
    });
    Ok(())
}

/// The peer address of the handshake (the proxy's, behind one).
fn client_ip<A: Adapter>(s: &SocketRef<A>) -> String {
    s.req_parts()
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

fn attach<A: Adapter>(s: &SocketRef<A>, identity: Identity, token: String) {
    if let Some(previous) = s.extensions.get::<Identity>()
        && previous.user.id != identity.user.id
    {
        s.leave_all();
    }
    s.join(rooms::user(identity.user.id));
    s.extensions.insert(identity);
    s.extensions.insert(RawToken(token));
}

fn identity<A: Adapter>(s: &SocketRef<A>) -> AppResult<Identity> {
    s.extensions
        .get::<Identity>()
        .ok_or_else(|| AppError::unauthorized("say hello first"))
}

/// `{ ok: true, ...data }`.
fn ok(data: Value) -> Value {
    let mut body = serde_json::Map::new();
    body.insert("ok".into(), Value::Bool(true));
    if let Value::Object(fields) = data {
        body.extend(fields);
    }
    Value::Object(body)
}

/// Registers one event: parse, run, ack.
fn on<A, P, F, Fut>(s: &SocketRef<A>, event: &'static str, run: F)
where
    A: Adapter,
    P: DeserializeOwned + Send + 'static,
    F: Fn(AppState, SocketRef<A>, P) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = AppResult<Value>> + Send + 'static,
{
    s.on(
        event,
        move |s: SocketRef<A>,
              State(state): State<AppState>,
              TryData(data): TryData<Value>,
              ack: AckSender<A>| {
            let run = run.clone();
            async move {
                let allowed = state.limits.socket_events.check(&s.id.to_string());
                let result = match (allowed, ev::parse::<P>(data.ok())) {
                    (Err(wait), _) => Err(AppError::rate_limited(wait)),
                    (Ok(()), Ok(payload)) => run(state, s, payload).await,
                    (Ok(()), Err(e)) => Err(e),
                };
                let reply = match result {
                    Ok(data) => ok(data),
                    Err(e) => e.to_ack(),
                };
                if let Err(e) = ack.send(&reply) {
                    tracing::debug!(event, error = %e, "ack not delivered");
                }
            }
        },
    );
}

fn register_events<A: Adapter>(s: &SocketRef<A>) {
    let s = s.clone();
    on(&s, ev::HELLO, hello);
    on(
        &s,
        ev::SESSION_CREATE,
        |st, s, p: ev::SessionCreate| async move {
            let who = identity(&s)?;
            if p.channel.as_deref().is_some_and(|c| c != "web") {
                return Err(AppError::invalid("channel must be \"web\""));
            }
            let session = st
                .chat
                .create_session(&who.user, Channel::Web, p.site.as_deref())
                .await?;
            s.join(rooms::session(session.id));
            Ok(json!({ "session": session }))
        },
    );
    on(
        &s,
        ev::SESSION_JOIN,
        |st, s, p: ev::SessionJoin| async move {
            let who = identity(&s)?;
            let (session, messages) = st.chat.join(&who.user, p.session_id, p.after_seq).await?;
            s.join(rooms::session(session.id));
            let history = ev::History {
                session_id: session.id,
                messages: &messages,
            };
            let _ = s.emit(ev::MESSAGE_HISTORY, &history);
            Ok(json!({ "session": session, "messages": messages }))
        },
    );
    on(
        &s,
        ev::MESSAGE_SEND,
        |st, s, p: ev::MessageSend| async move {
            let who = identity(&s)?;
            let message = st
                .chat
                .send(&who.user, p.session_id, &p.text, &p.client_msg_id)
                .await?;
            Ok(json!({ "message": message }))
        },
    );
    on(
        &s,
        ev::HANDOFF_REQUEST,
        |st, s, p: ev::SessionRef| async move {
            let session = st
                .chat
                .request_handoff(&identity(&s)?.user, p.session_id)
                .await?;
            Ok(json!({ "session": session }))
        },
    );
    on(&s, ev::AGENT_CLAIM, |st, s, p: ev::SessionRef| async move {
        let who = identity(&s)?;
        let (session, messages) = st.chat.claim(&who.user, p.session_id).await?;
        s.join(rooms::session(session.id));
        Ok(json!({ "session": session, "messages": messages }))
    });
    on(&s, ev::END_REQUEST, |st, s, p: ev::SessionRef| async move {
        let request = st
            .chat
            .request_end(&identity(&s)?.user, p.session_id)
            .await?;
        Ok(json!({ "requestId": request.id }))
    });
    on(&s, ev::END_ACCEPT, |st, s, p: ev::SessionRef| async move {
        let session = st
            .chat
            .accept_end(&identity(&s)?.user, p.session_id)
            .await?;
        Ok(json!({ "session": session }))
    });
    on(&s, ev::END_DECLINE, |st, s, p: ev::SessionRef| async move {
        let session = st
            .chat
            .decline_end(&identity(&s)?.user, p.session_id)
            .await?;
        Ok(json!({ "session": session }))
    });
    on(
        &s,
        ev::SESSION_CLOSE,
        |st, s, p: ev::SessionRef| async move {
            let session = st.chat.close(&identity(&s)?.user, p.session_id).await?;
            Ok(json!({ "session": session }))
        },
    );
    on(&s, ev::TYPING, |st, s, p: ev::Typing| async move {
        st.chat
            .typing(&identity(&s)?.user, p.session_id, p.is_typing)
            .await?;
        Ok(json!({}))
    });
    on(
        &s,
        ev::MESSAGE_READ,
        |st, s, p: ev::MessageRead| async move {
            st.chat
                .read(&identity(&s)?.user, p.session_id, p.seq)
                .await?;
            Ok(json!({}))
        },
    );
}

/// `hello`: a new visitor (by display name) or a returning user or agent (by token).
async fn hello<A: Adapter>(st: AppState, s: SocketRef<A>, p: ev::Hello) -> AppResult<Value> {
    let claimed = p.role.as_deref().unwrap_or("user");
    if !matches!(claimed, "user" | "agent" | "admin") {
        return Err(AppError::invalid("role must be user or agent"));
    }
    let (identity, token) = match (p.token, p.display_name) {
        (Some(token), _) => (st.auth.authenticate(&token).await?, token),
        (None, Some(name)) if claimed == "user" => {
            let (identity, token) = st.auth.register_visitor(&name).await?;
            tracing::info!(user.id = %identity.user.id, "new visitor");
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
    let user = identity.user.clone();
    if claimed != "user" && user.role == Role::User {
        return Err(AppError::forbidden(
            "this token belongs to a visitor, not an agent",
        ));
    }
    attach(&s, identity, token.clone());
    if user.role.is_staff() {
        s.join(rooms::AGENTS);
        let items = st.chat.queue().await?;
        let _ = s.emit(ev::QUEUE_BOOTSTRAP, &ev::QueueBootstrap { items });
    }
    let sessions = st.chat.sessions_of(&user).await?;
    Ok(json!({ "user": user, "token": token, "sessions": sessions }))
}
