//! Session lists and transcripts over HTTP.

use axum::{Json, extract::State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{
    extract::{ApiQuery, Caller, IdPath, Staff},
    openapi::Refusals,
};
use crate::{
    domain::model::{Message, Note, Session, SessionStatus},
    error::{AppError, AppResult},
    state::AppState,
};

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// `bot_pending`, `queued_for_agent`, `active_with_agent` or `closed`.
    status: Option<String>,
    /// At most this many, newest first (default 200).
    limit: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct SessionList {
    sessions: Vec<Session>,
}

/// Sessions, newest first: agents and up.
#[utoipa::path(get, path = "/api/sessions", tag = "sessions", security(("bearer" = [])),
    params(ListQuery), responses((status = 200, body = SessionList), Refusals))]
pub async fn list(
    State(state): State<AppState>,
    Staff(who): Staff,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> AppResult<Json<SessionList>> {
    let status = q
        .status
        .map(|s| {
            SessionStatus::parse(&s)
                .ok_or_else(|| AppError::invalid(format!("unknown status {s:?}")))
        })
        .transpose()?;
    let sessions = state
        .chat
        .list_sessions(&who.user, status, q.limit.unwrap_or(200))
        .await?;
    Ok(Json(SessionList { sessions }))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct TranscriptQuery {
    /// Only the messages after this `seq` (to catch up).
    after_seq: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct Transcript {
    session: Session,
    messages: Vec<Message>,
}

/// A session and its messages: any agent or admin, or the session's own visitor.
#[utoipa::path(get, path = "/api/sessions/{id}/messages", tag = "sessions", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The session"), TranscriptQuery),
    responses((status = 200, body = Transcript), Refusals))]
pub async fn transcript(
    State(state): State<AppState>,
    Caller(who): Caller,
    IdPath(id): IdPath,
    ApiQuery(q): ApiQuery<TranscriptQuery>,
) -> AppResult<Json<Transcript>> {
    let (session, messages) = state.chat.transcript(&who.user, id, q.after_seq).await?;
    Ok(Json(Transcript { session, messages }))
}

#[derive(Serialize, ToSchema)]
pub struct NoteList {
    notes: Vec<Note>,
}

/// A chat's private notes: any agent or admin.
#[utoipa::path(get, path = "/api/sessions/{id}/notes", tag = "sessions", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The session")),
    responses((status = 200, body = NoteList), Refusals))]
pub async fn notes(
    State(state): State<AppState>,
    Staff(who): Staff,
    IdPath(id): IdPath,
) -> AppResult<Json<NoteList>> {
    let notes = state.chat.notes(&who.user, id).await?;
    Ok(Json(NoteList { notes }))
}
