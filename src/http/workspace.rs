//! The workspace over HTTP: search, tags, contacts and the team's canned
//! responses (PROTOCOL.md Part 2, "Workspace").

use axum::{
    Json,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use serde_json::{Value, json};

use super::extract::{ApiJson, ApiQuery, Caller, IdPath, Staff};
use crate::{
    chat::{canned::CannedInput, search::SearchParams},
    error::AppResult,
    state::AppState,
};

/// `GET /api/search`: agents and up.
pub async fn search(
    State(state): State<AppState>,
    Staff(who): Staff,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> AppResult<Json<Value>> {
    let page = state.chat.search(&who.user, params).await?;
    Ok(Json(
        json!({ "results": page.results, "nextCursor": page.next_cursor }),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagsBody {
    tags: Vec<String>,
}

/// `PUT /api/sessions/{id}/tags`: the agent on it, supervisors, admins.
pub async fn set_tags(
    State(state): State<AppState>,
    Caller(who): Caller,
    IdPath(id): IdPath,
    ApiJson(body): ApiJson<TagsBody>,
) -> AppResult<Json<Value>> {
    let session = state.chat.set_tags(&who.user, id, &body.tags).await?;
    Ok(Json(json!({ "session": session })))
}

/// `GET /api/contacts/{id}`: agents and up.
pub async fn contact(
    State(state): State<AppState>,
    Staff(who): Staff,
    IdPath(id): IdPath,
) -> AppResult<Json<Value>> {
    let (contact, sessions) = state.chat.contact(&who.user, id).await?;
    Ok(Json(json!({ "contact": contact, "sessions": sessions })))
}

/// `GET /api/canned-responses`: agents and up.
pub async fn list_canned(
    State(state): State<AppState>,
    Staff(who): Staff,
) -> AppResult<Json<Value>> {
    let all = state.chat.canned_responses(&who.user).await?;
    Ok(Json(json!({ "cannedResponses": all })))
}

/// `POST /api/canned-responses`: supervisors and admins.
pub async fn add_canned(
    State(state): State<AppState>,
    Staff(who): Staff,
    ApiJson(body): ApiJson<CannedInput>,
) -> AppResult<Response> {
    let canned = state.chat.add_canned(&who.user, body).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "cannedResponse": canned })),
    )
        .into_response())
}

/// `PUT /api/canned-responses/{id}`: the whole object; supervisors and admins.
pub async fn update_canned(
    State(state): State<AppState>,
    Staff(who): Staff,
    IdPath(id): IdPath,
    ApiJson(body): ApiJson<CannedInput>,
) -> AppResult<Json<Value>> {
    let canned = state.chat.update_canned(&who.user, id, body).await?;
    Ok(Json(json!({ "cannedResponse": canned })))
}

/// `DELETE /api/canned-responses/{id}`: supervisors and admins.
pub async fn delete_canned(
    State(state): State<AppState>,
    Staff(who): Staff,
    IdPath(id): IdPath,
) -> AppResult<StatusCode> {
    state.chat.delete_canned(&who.user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
