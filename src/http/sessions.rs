//! Session lists and transcripts over HTTP.

use axum::{Json, extract::State};
use serde::Deserialize;
use serde_json::{Value, json};

use super::extract::{ApiQuery, Caller, IdPath, Staff};
use crate::{
    domain::model::SessionStatus,
    error::{AppError, AppResult},
    state::AppState,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    status: Option<String>,
    limit: Option<i64>,
}

pub async fn list(
    State(state): State<AppState>,
    Staff(who): Staff,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> AppResult<Json<Value>> {
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
    Ok(Json(json!({ "sessions": sessions })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct TranscriptQuery {
    after_seq: Option<i64>,
}

/// Any agent or admin, or the session's own visitor.
pub async fn transcript(
    State(state): State<AppState>,
    Caller(who): Caller,
    IdPath(id): IdPath,
    ApiQuery(q): ApiQuery<TranscriptQuery>,
) -> AppResult<Json<Value>> {
    let (session, messages) = state.chat.transcript(&who.user, id, q.after_seq).await?;
    Ok(Json(json!({ "session": session, "messages": messages })))
}

/// A chat's private notes: any agent or admin.
pub async fn notes(
    State(state): State<AppState>,
    Staff(who): Staff,
    IdPath(id): IdPath,
) -> AppResult<Json<Value>> {
    Ok(Json(
        json!({ "notes": state.chat.notes(&who.user, id).await? }),
    ))
}
