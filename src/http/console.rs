//! The console over HTTP (PROTOCOL.md Part 2, "Console"): reports, the
//! audit log, API tokens, knowledge sites, and a contact's export and
//! erasure. Who may call each is checked by the service it calls.

use axum::{
    Json,
    extract::State,
    http::{StatusCode, header},
    response::IntoResponse,
};
use serde::Deserialize;
use serde_json::{Value, json};

use super::extract::{Admin, ApiJson, ApiQuery, IdPath, Staff};
use crate::{
    chat::console::Period,
    domain::{console::action, reports::ReportSummary, validate},
    error::{AppError, AppResult},
    state::AppState,
};

/// `GET /api/reports/summary?from=&to=&tz=`: supervisors and admins.
pub async fn report(
    State(state): State<AppState>,
    Staff(who): Staff,
    ApiQuery(period): ApiQuery<Period>,
) -> AppResult<Json<ReportSummary>> {
    Ok(Json(state.chat.report(&who.user, &period).await?))
}

/// `GET /api/reports/conversations.csv?from=&to=&tz=`: one row per session.
pub async fn report_csv(
    State(state): State<AppState>,
    Staff(who): Staff,
    ApiQuery(period): ApiQuery<Period>,
) -> AppResult<impl IntoResponse> {
    let csv = state.chat.report_csv(&who.user, &period).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"conversations.csv\"",
            ),
        ],
        csv,
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    limit: Option<i64>,
    cursor: Option<String>,
}

/// `GET /api/audit?limit=&cursor=`: admins.
pub async fn audit(
    State(state): State<AppState>,
    Admin(who): Admin,
    ApiQuery(page): ApiQuery<Page>,
) -> AppResult<Json<Value>> {
    let (entries, next) = state
        .chat
        .audit_log(&who.user, page.limit, page.cursor.as_deref())
        .await?;
    Ok(Json(json!({ "entries": entries, "nextCursor": next })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    name: String,
    role: String,
}

/// `POST /api/tokens`: admins; the token is in this answer only.
pub async fn create_token(
    State(state): State<AppState>,
    Admin(who): Admin,
    ApiJson(body): ApiJson<NewToken>,
) -> AppResult<(StatusCode, Json<Value>)> {
    let role = super::auth::staff_role(&body.role)?;
    let (token, api_token) = state
        .auth
        .create_api_token(&who.user, &body.name, role)
        .await?;
    let detail = json!({ "name": api_token.name, "role": role });
    state
        .chat
        .audit(
            &who.user,
            action::TOKEN_CREATED,
            Some(api_token.id.to_string()),
            Some(detail),
        )
        .await;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "token": token, "apiToken": api_token })),
    ))
}

/// `GET /api/tokens`: admins; no secrets.
pub async fn tokens(State(state): State<AppState>, Admin(who): Admin) -> AppResult<Json<Value>> {
    Ok(Json(
        json!({ "apiTokens": state.auth.api_tokens(&who.user).await? }),
    ))
}

/// `DELETE /api/tokens/{id}`: admins; its sockets close.
pub async fn revoke_token(
    State(state): State<AppState>,
    Admin(who): Admin,
    IdPath(id): IdPath,
) -> AppResult<StatusCode> {
    let user = state.auth.revoke_api_token(&who.user, id).await?;
    state.sockets.disconnect_user(user).await;
    state
        .chat
        .audit(&who.user, action::TOKEN_REVOKED, Some(id.to_string()), None)
        .await;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/knowledge/sites`: admins.
pub async fn sites(State(state): State<AppState>, Admin(_): Admin) -> AppResult<Json<Value>> {
    let sites = state.rag.sites().await.map_err(AppError::internal)?;
    Ok(Json(json!({ "sites": sites })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteQuery {
    site: String,
}

/// `DELETE /api/knowledge/sites?site=`: admins; the bot no longer uses its pages.
pub async fn forget_site(
    State(state): State<AppState>,
    Admin(who): Admin,
    ApiQuery(q): ApiQuery<SiteQuery>,
) -> AppResult<StatusCode> {
    let site = validate::site(&q.site)?;
    if !state
        .rag
        .forget_site(&site)
        .await
        .map_err(AppError::internal)?
    {
        return Err(AppError::not_found("no pages of that site are stored"));
    }
    state
        .chat
        .audit(&who.user, action::KNOWLEDGE_FORGOTTEN, Some(site), None)
        .await;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/contacts/{id}/export`: admins; everything stored about them.
pub async fn export_contact(
    State(state): State<AppState>,
    Admin(who): Admin,
    IdPath(id): IdPath,
) -> AppResult<impl IntoResponse> {
    let export = state.chat.export_contact(&who.user, id).await?;
    let disposition = format!("attachment; filename=\"contact-{id}.json\"");
    Ok(([(header::CONTENT_DISPOSITION, disposition)], Json(export)))
}

/// `DELETE /api/contacts/{id}`: admins; erased, and their sockets closed.
pub async fn erase_contact(
    State(state): State<AppState>,
    Admin(who): Admin,
    IdPath(id): IdPath,
) -> AppResult<StatusCode> {
    state.chat.erase_contact(&who.user, id).await?;
    state.sockets.disconnect_user(id).await;
    Ok(StatusCode::NO_CONTENT)
}
