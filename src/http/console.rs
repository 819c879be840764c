//! The console over HTTP (PROTOCOL.md Part 2, "Console"): reports, the
//! audit log, API tokens, knowledge sites, and a contact's export and
//! erasure. Who may call each is checked by the service it calls.

use axum::{
    Json,
    extract::State,
    http::{StatusCode, header},
    response::IntoResponse,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

use super::{
    extract::{Admin, ApiJson, ApiQuery, IdPath, Staff},
    openapi::Refusals,
};
use crate::{
    chat::console::Period,
    domain::{
        console::{ApiToken, AuditEntry, action},
        reports::ReportSummary,
        validate,
    },
    error::{AppError, AppResult},
    rag::KnowledgeSite,
    state::AppState,
};

/// How support did over a period: supervisors and admins.
#[utoipa::path(get, path = "/api/reports/summary", tag = "reports", security(("bearer" = [])),
    params(Period), responses((status = 200, body = ReportSummary), Refusals))]
pub async fn report(
    State(state): State<AppState>,
    Staff(who): Staff,
    ApiQuery(period): ApiQuery<Period>,
) -> AppResult<Json<ReportSummary>> {
    Ok(Json(state.chat.report(&who.user, &period).await?))
}

/// One row per conversation of the period, as CSV: supervisors and admins.
#[utoipa::path(get, path = "/api/reports/conversations.csv", tag = "reports", security(("bearer" = [])),
    params(Period), responses((status = 200, description = "CSV, one row per session",
        content_type = "text/csv", body = String), Refusals))]
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

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct Page {
    /// At most this many (default 100, at most 500).
    limit: Option<i64>,
    /// `nextCursor` of the page before.
    cursor: Option<String>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditPage {
    entries: Vec<AuditEntry>,
    next_cursor: Option<String>,
}

/// Who did what, newest first: admins.
#[utoipa::path(get, path = "/api/audit", tag = "console", security(("bearer" = [])),
    params(Page), responses((status = 200, body = AuditPage), Refusals))]
pub async fn audit(
    State(state): State<AppState>,
    Admin(who): Admin,
    ApiQuery(page): ApiQuery<Page>,
) -> AppResult<Json<AuditPage>> {
    let (entries, next_cursor) = state
        .chat
        .audit_log(&who.user, page.limit, page.cursor.as_deref())
        .await?;
    Ok(Json(AuditPage {
        entries,
        next_cursor,
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    name: String,
    /// `agent`, `supervisor` or `admin`.
    role: String,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenCreated {
    /// The bearer token: shown in this answer only.
    token: String,
    api_token: ApiToken,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenList {
    api_tokens: Vec<ApiToken>,
}

/// A long-lived token for scripts: admins; the token is in this answer only.
#[utoipa::path(post, path = "/api/tokens", tag = "console", security(("bearer" = [])),
    request_body = NewToken, responses((status = 201, body = TokenCreated), Refusals))]
pub async fn create_token(
    State(state): State<AppState>,
    Admin(who): Admin,
    ApiJson(body): ApiJson<NewToken>,
) -> AppResult<(StatusCode, Json<TokenCreated>)> {
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
    Ok((StatusCode::CREATED, Json(TokenCreated { token, api_token })))
}

/// The API tokens not revoked: admins; no secrets.
#[utoipa::path(get, path = "/api/tokens", tag = "console", security(("bearer" = [])),
    responses((status = 200, body = TokenList), Refusals))]
pub async fn tokens(
    State(state): State<AppState>,
    Admin(who): Admin,
) -> AppResult<Json<TokenList>> {
    let api_tokens = state.auth.api_tokens(&who.user).await?;
    Ok(Json(TokenList { api_tokens }))
}

/// Revokes an API token: admins; its sockets close.
#[utoipa::path(delete, path = "/api/tokens/{id}", tag = "console", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The API token")),
    responses((status = 204, description = "Revoked"), Refusals))]
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

#[derive(Serialize, ToSchema)]
pub struct SiteList {
    sites: Vec<KnowledgeSite>,
}

/// The sites the bot knows, with their pages and last crawl: admins.
#[utoipa::path(get, path = "/api/knowledge/sites", tag = "console", security(("bearer" = [])),
    responses((status = 200, body = SiteList), Refusals))]
pub async fn sites(
    State(state): State<AppState>,
    Admin(_admin): Admin,
) -> AppResult<Json<SiteList>> {
    let sites = state.rag.sites().await.map_err(AppError::internal)?;
    Ok(Json(SiteList { sites }))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SiteQuery {
    /// The site as listed.
    site: String,
}

/// Forgets a site's pages: admins; the bot no longer uses them.
#[utoipa::path(delete, path = "/api/knowledge/sites", tag = "console", security(("bearer" = [])),
    params(SiteQuery), responses((status = 204, description = "Forgotten"), Refusals))]
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

/// Everything stored about a contact, as a JSON download: admins.
#[utoipa::path(get, path = "/api/contacts/{id}/export", tag = "console", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The contact")),
    responses((status = 200, description = "The contact, their sessions, messages, notes and mails",
        body = Object), Refusals))]
pub async fn export_contact(
    State(state): State<AppState>,
    Admin(who): Admin,
    IdPath(id): IdPath,
) -> AppResult<impl IntoResponse> {
    let export = state.chat.export_contact(&who.user, id).await?;
    let disposition = format!("attachment; filename=\"contact-{id}.json\"");
    Ok(([(header::CONTENT_DISPOSITION, disposition)], Json(export)))
}

/// Erases a contact (text, files, fields; the sessions keep their shape): admins.
#[utoipa::path(delete, path = "/api/contacts/{id}", tag = "console", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The contact")),
    responses((status = 204, description = "Erased"), Refusals))]
pub async fn erase_contact(
    State(state): State<AppState>,
    Admin(who): Admin,
    IdPath(id): IdPath,
) -> AppResult<StatusCode> {
    state.chat.erase_contact(&who.user, id).await?;
    state.sockets.disconnect_user(id).await;
    Ok(StatusCode::NO_CONTENT)
}
