//! The workspace over HTTP: search, tags, contacts and the team's canned
//! responses (PROTOCOL.md Part 2, "Workspace").

use axum::{Json, extract::State, http::StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{
    extract::{ApiJson, ApiQuery, Caller, IdPath, Staff},
    openapi::Refusals,
};
use crate::{
    chat::{canned::CannedInput, search::SearchParams},
    domain::{
        model::Session,
        workspace::{CannedResponse, Contact, SearchResult},
    },
    error::AppResult,
    state::AppState,
};

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SearchAnswer {
    results: Vec<SearchResult>,
    /// Pass as `cursor` for the next page; absent on the last.
    next_cursor: Option<String>,
}

/// Full text over every message, with filters: agents and up.
#[utoipa::path(get, path = "/api/search", tag = "workspace", security(("bearer" = [])),
    params(SearchParams), responses((status = 200, body = SearchAnswer), Refusals))]
pub async fn search(
    State(state): State<AppState>,
    Staff(who): Staff,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> AppResult<Json<SearchAnswer>> {
    let page = state.chat.search(&who.user, params).await?;
    Ok(Json(SearchAnswer {
        results: page.results,
        next_cursor: page.next_cursor,
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TagsBody {
    tags: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct SessionAnswer {
    session: Session,
}

/// Replaces a session's tags: the agent on it, supervisors, admins.
#[utoipa::path(put, path = "/api/sessions/{id}/tags", tag = "sessions", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The session")), request_body = TagsBody,
    responses((status = 200, body = SessionAnswer), Refusals))]
pub async fn set_tags(
    State(state): State<AppState>,
    Caller(who): Caller,
    IdPath(id): IdPath,
    ApiJson(body): ApiJson<TagsBody>,
) -> AppResult<Json<SessionAnswer>> {
    let session = state.chat.set_tags(&who.user, id, &body.tags).await?;
    Ok(Json(SessionAnswer { session }))
}

#[derive(Serialize, ToSchema)]
pub struct ContactAnswer {
    contact: Contact,
    sessions: Vec<Session>,
}

/// A contact and their conversations: agents and up.
#[utoipa::path(get, path = "/api/contacts/{id}", tag = "workspace", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The contact (the visitor's user id)")),
    responses((status = 200, body = ContactAnswer), Refusals))]
pub async fn contact(
    State(state): State<AppState>,
    Staff(who): Staff,
    IdPath(id): IdPath,
) -> AppResult<Json<ContactAnswer>> {
    let (contact, sessions) = state.chat.contact(&who.user, id).await?;
    Ok(Json(ContactAnswer { contact, sessions }))
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CannedList {
    canned_responses: Vec<CannedResponse>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CannedAnswer {
    canned_response: CannedResponse,
}

/// The team's canned responses: agents and up.
#[utoipa::path(get, path = "/api/canned-responses", tag = "workspace", security(("bearer" = [])),
    responses((status = 200, body = CannedList), Refusals))]
pub async fn list_canned(
    State(state): State<AppState>,
    Staff(who): Staff,
) -> AppResult<Json<CannedList>> {
    let canned_responses = state.chat.canned_responses(&who.user).await?;
    Ok(Json(CannedList { canned_responses }))
}

/// Adds a canned response: supervisors and admins.
#[utoipa::path(post, path = "/api/canned-responses", tag = "workspace", security(("bearer" = [])),
    request_body = CannedInput, responses((status = 201, body = CannedAnswer), Refusals))]
pub async fn add_canned(
    State(state): State<AppState>,
    Staff(who): Staff,
    ApiJson(body): ApiJson<CannedInput>,
) -> AppResult<(StatusCode, Json<CannedAnswer>)> {
    let canned_response = state.chat.add_canned(&who.user, body).await?;
    Ok((StatusCode::CREATED, Json(CannedAnswer { canned_response })))
}

/// Replaces a canned response (the whole object): supervisors and admins.
#[utoipa::path(put, path = "/api/canned-responses/{id}", tag = "workspace", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The canned response")), request_body = CannedInput,
    responses((status = 200, body = CannedAnswer), Refusals))]
pub async fn update_canned(
    State(state): State<AppState>,
    Staff(who): Staff,
    IdPath(id): IdPath,
    ApiJson(body): ApiJson<CannedInput>,
) -> AppResult<Json<CannedAnswer>> {
    let canned_response = state.chat.update_canned(&who.user, id, body).await?;
    Ok(Json(CannedAnswer { canned_response }))
}

/// Deletes a canned response: supervisors and admins.
#[utoipa::path(delete, path = "/api/canned-responses/{id}", tag = "workspace", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The canned response")),
    responses((status = 204, description = "Deleted"), Refusals))]
pub async fn delete_canned(
    State(state): State<AppState>,
    Staff(who): Staff,
    IdPath(id): IdPath,
) -> AppResult<StatusCode> {
    state.chat.delete_canned(&who.user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
