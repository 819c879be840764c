//! The default namespace: one small handler per event of PROTOCOL.md.
//!
//! Each handler parses its payload (strictly), finds the caller's identity,
//! calls the chat service and acks `{ ok: true, ... }` or the error. A bad
//! payload gets `invalid` and never drops the connection.

use serde_json::{Value, json};
use socketioxide::{
    SocketIo,
    adapter::Adapter,
    extract::{AckSender, Event, SocketRef, State, TryData},
    handler::ConnectHandler,
};
use uuid::Uuid;

use socketioxide_core::adapter::DefinedAdapter;

use super::{Refused, events as ev, handshake_token, rooms};
use crate::{
    auth::Identity,
    chat::Draft,
    domain::model::{Channel, Message, Session},
    error::{AppError, AppResult},
    state::AppState,
};

/// The raw token of the socket's identity, echoed by `hello`.
#[derive(Clone)]
pub(super) struct RawToken(pub(super) String);

/// The agent this socket counts for in the team's presence (set once, at
/// its first staff `hello`; uncounted when it disconnects).
#[derive(Clone, Copy)]
pub(super) struct CountedAgent(pub(super) Uuid);

pub fn register<A: Adapter + DefinedAdapter>(io: &SocketIo<A>) -> A::InitRes {
    io.ns("/", connected.with(authenticate::<A>))
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
        if let Some(CountedAgent(agent_id)) = s.extensions.get::<CountedAgent>()
            && let Err(e) = state.chat.agent_disconnected(agent_id).await
        {
            e.log();
        }
    });
    Ok(())
}

/// The peer address of the handshake (the proxy's, behind one).
fn client_ip<A: Adapter>(s: &SocketRef<A>) -> String {
    s.req_parts()
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map_or_else(|| "unknown".into(), |info| info.0.ip().to_string())
}

pub(super) fn attach<A: Adapter>(s: &SocketRef<A>, identity: Identity, token: String) {
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

/// Every event of the namespace goes through one handler per socket, which
/// routes by name: a table of handlers per socket would cost each idle
/// connection about 2 KB. Each event is rate limited, parsed strictly, run,
/// and acked with `{ ok: true, ... }` or the error.
fn register_events<A: Adapter>(s: &SocketRef<A>) {
    s.on_fallback(dispatch::<A>);
}

async fn dispatch<A: Adapter>(
    s: SocketRef<A>,
    State(state): State<AppState>,
    Event(event): Event,
    TryData(data): TryData<Value>,
    ack: AckSender<A>,
) {
    let result = match state.limits.socket_events.check(&s.id.to_string()) {
        Err(wait) => Err(AppError::rate_limited(wait)),
        Ok(()) => route(&event, state, s, data.ok()).await,
    };
    let reply = match result {
        Ok(data) => ok(data),
        Err(e) => e.to_ack(),
    };
    if let Err(e) = ack.send(&reply) {
        tracing::debug!(event, error = %e, "ack not delivered");
    }
}

async fn route<A: Adapter>(
    event: &str,
    st: AppState,
    s: SocketRef<A>,
    data: Option<Value>,
) -> AppResult<Value> {
    match event {
        ev::HELLO => super::hello::hello(st, s, ev::parse(data)?).await,
        ev::SESSION_CREATE => session_create(st, s, ev::parse(data)?).await,
        ev::SESSION_JOIN => session_join(st, s, ev::parse(data)?).await,
        ev::MESSAGE_SEND => message_send(st, s, ev::parse(data)?).await,
        ev::HANDOFF_REQUEST => {
            let (who, id) = session_ref(&s, data)?;
            per_address(&st.limits.handoffs_per_ip, &s)?;
            Ok(json!(st.chat.request_handoff(&who.user, id).await?))
        }
        ev::AGENT_CLAIM => agent_claim(st, s, ev::parse(data)?).await,
        ev::END_REQUEST => {
            let (who, id) = session_ref(&s, data)?;
            Ok(json!({ "requestId": st.chat.request_end(&who.user, id).await?.id }))
        }
        ev::END_ACCEPT => {
            let (who, id) = session_ref(&s, data)?;
            Ok(json!({ "session": st.chat.accept_end(&who.user, id).await? }))
        }
        ev::END_DECLINE => {
            let (who, id) = session_ref(&s, data)?;
            Ok(json!({ "session": st.chat.decline_end(&who.user, id).await? }))
        }
        ev::SESSION_CLOSE => {
            let (who, id) = session_ref(&s, data)?;
            Ok(json!({ "session": st.chat.close(&who.user, id).await? }))
        }
        ev::TYPING => typing(st, s, ev::parse(data)?).await,
        ev::MESSAGE_READ => message_read(st, s, ev::parse(data)?).await,
        ev::AGENT_STATUS => agent_status(st, s, ev::parse(data)?).await,
        ev::NOTE_ADD => {
            let p: ev::NoteAdd = ev::parse(data)?;
            let who = identity(&s)?;
            Ok(json!({ "note": st.chat.add_note(&who.user, p.session_id, &p.text).await? }))
        }
        ev::SESSION_TRANSFER => {
            let p: ev::SessionTransfer = ev::parse(data)?;
            let who = identity(&s)?;
            let session = st
                .chat
                .transfer(&who.user, p.session_id, p.to_agent_id, p.note.as_deref())
                .await?;
            Ok(json!({ "session": session }))
        }
        ev::SESSION_MONITOR => {
            let (who, id) = session_ref(&s, data)?;
            let (session, messages, notes) = st.chat.monitor(&who.user, id).await?;
            s.join(rooms::session(session.id));
            Ok(json!({ "session": session, "messages": messages, "notes": notes }))
        }
        ev::VISITOR_PAGE => {
            let p: ev::VisitorPageSet = ev::parse(data)?;
            let who = identity(&s)?;
            st.chat
                .set_page(
                    &who.user,
                    p.session_id,
                    &p.url,
                    p.title.as_deref(),
                    p.referrer.as_deref(),
                )
                .await?;
            Ok(json!({}))
        }
        ev::CONTACT_UPDATE => {
            let p: ev::ContactUpdate = ev::parse(data)?;
            let who = identity(&s)?;
            let contact = st
                .chat
                .update_contact(
                    &who.user,
                    p.session_id,
                    p.email.as_deref(),
                    p.display_name.as_deref(),
                )
                .await?;
            Ok(json!({ "contact": contact }))
        }
        ev::CSAT_SUBMIT => {
            let p: ev::CsatSubmit = ev::parse(data)?;
            let who = identity(&s)?;
            let session = st
                .chat
                .submit_csat(&who.user, p.session_id, p.rating, p.comment.as_deref())
                .await?;
            Ok(json!({ "session": session }))
        }
        ev::TRANSCRIPT_EMAIL => {
            let p: ev::TranscriptEmail = ev::parse(data)?;
            let who = identity(&s)?;
            st.chat
                .email_transcript(&who.user, p.session_id, &p.email)
                .await?;
            Ok(json!({}))
        }
        _ => Err(AppError::invalid(format!(
            "unknown event {:?}",
            event.chars().take(64).collect::<String>()
        ))),
    }
}

async fn agent_status<A: Adapter>(
    st: AppState,
    s: SocketRef<A>,
    p: ev::AgentStatusSet,
) -> AppResult<Value> {
    let who = identity(&s)?;
    Ok(json!({ "agent": st.chat.set_status(&who.user, p.status).await? }))
}

/// One token from the socket's address's bucket, or `rate_limited`.
fn per_address<A: Adapter>(
    limiter: &crate::limits::RateLimiter,
    s: &SocketRef<A>,
) -> AppResult<()> {
    limiter.check(&client_ip(s)).map_err(AppError::rate_limited)
}

/// The payload `{ sessionId }` and the caller, for the events that need no more.
fn session_ref<A: Adapter>(s: &SocketRef<A>, data: Option<Value>) -> AppResult<(Identity, Uuid)> {
    let p: ev::SessionRef = ev::parse(data)?;
    Ok((identity(s)?, p.session_id))
}

async fn session_create<A: Adapter>(
    st: AppState,
    s: SocketRef<A>,
    p: ev::SessionCreate,
) -> AppResult<Value> {
    let who = identity(&s)?;
    if p.channel.as_deref().is_some_and(|c| c != "web") {
        return Err(AppError::invalid("channel must be \"web\""));
    }
    per_address(&st.limits.sessions_per_ip, &s)?;
    let session = st
        .chat
        .create_session(&who.user, Channel::Web, p.site.as_deref())
        .await?;
    s.join(rooms::session(session.id));
    Ok(json!({ "session": session }))
}

async fn session_join<A: Adapter>(
    st: AppState,
    s: SocketRef<A>,
    p: ev::SessionJoin,
) -> AppResult<Value> {
    let who = identity(&s)?;
    let (session, messages) = st.chat.join(&who.user, p.session_id, p.after_seq).await?;
    s.join(rooms::session(session.id));
    let history = ev::History {
        session_id: session.id,
        messages: &messages,
    };
    super::emitted(ev::MESSAGE_HISTORY, s.emit(ev::MESSAGE_HISTORY, &history));
    chat_ack(&st, &who, &session, &messages).await
}

/// The ack of a join or claim: the session and its messages, and for staff
/// its private notes (never for the visitor).
async fn chat_ack(
    st: &AppState,
    who: &Identity,
    session: &Session,
    messages: &[Message],
) -> AppResult<Value> {
    let mut ack = json!({ "session": session, "messages": messages });
    if who.user.role.is_staff() {
        ack["notes"] = json!(st.chat.notes(&who.user, session.id).await?);
    }
    Ok(ack)
}

async fn message_send<A: Adapter>(
    st: AppState,
    s: SocketRef<A>,
    p: ev::MessageSend,
) -> AppResult<Value> {
    let who = identity(&s)?;
    let draft = Draft {
        text: p.text,
        client_msg_id: p.client_msg_id,
        attachment_ids: p.attachment_ids,
        canned_id: p.canned_id,
    };
    let message = st.chat.send_draft(&who.user, p.session_id, draft).await?;
    Ok(json!({ "message": message }))
}

async fn agent_claim<A: Adapter>(
    st: AppState,
    s: SocketRef<A>,
    p: ev::SessionRef,
) -> AppResult<Value> {
    let who = identity(&s)?;
    let (session, messages) = st.chat.claim(&who.user, p.session_id).await?;
    s.join(rooms::session(session.id));
    chat_ack(&st, &who, &session, &messages).await
}

async fn typing<A: Adapter>(st: AppState, s: SocketRef<A>, p: ev::Typing) -> AppResult<Value> {
    st.chat
        .typing(&identity(&s)?.user, p.session_id, p.is_typing)
        .await?;
    Ok(json!({}))
}

async fn message_read<A: Adapter>(
    st: AppState,
    s: SocketRef<A>,
    p: ev::MessageRead,
) -> AppResult<Value> {
    st.chat
        .read(&identity(&s)?.user, p.session_id, p.seq)
        .await?;
    Ok(json!({}))
}
