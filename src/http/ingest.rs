//! `POST /ingest` starts crawling a site (agents and admins, or anyone with
//! `INGEST_PUBLIC=true`); `GET /ingest/{jobId}` shows its progress.

use std::net::SocketAddr;

use axum::{
    Json,
    extract::{ConnectInfo, Path, State},
    http::StatusCode,
};
use serde::Deserialize;
use serde_json::{Value, json};
use uuid::Uuid;

use super::extract::{ApiJson, Staff};
use crate::{
    domain::{console::action, validate},
    error::{AppError, AppResult},
    rag::ingest::{DEFAULT_MAX_PAGES, MAX_PAGES_LIMIT},
    state::AppState,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngestRequest {
    site: String,
    #[serde(alias = "maxPages")]
    max_pages: Option<i64>,
}

fn allowed(state: &AppState, staff: Result<Staff, AppError>) -> AppResult<()> {
    if state.config.ingest_public {
        return Ok(());
    }
    staff.map(|_| ())
}

/// Queues a crawl; 429 with `Retry-After` when the caller (a user, or an
/// address when ingest is public) or the whole queue has too many waiting.
pub async fn start(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    staff: Result<Staff, AppError>,
    ApiJson(body): ApiJson<IngestRequest>,
) -> AppResult<(StatusCode, Json<Value>)> {
    let owner = match &staff {
        Ok(Staff(identity)) => identity.user.id.to_string(),
        Err(_) => format!("address {}", peer.ip()),
    };
    let by = staff
        .as_ref()
        .ok()
        .map(|Staff(identity)| identity.user.clone());
    allowed(&state, staff)?;
    let site = validate::site(&body.site)?;
    let max_pages = body.max_pages.unwrap_or(DEFAULT_MAX_PAGES as i64);
    if !(1..=MAX_PAGES_LIMIT as i64).contains(&max_pages) {
        return Err(AppError::invalid(format!(
            "max_pages must be 1..={MAX_PAGES_LIMIT}"
        )));
    }
    let job = state
        .rag
        .jobs
        .start(&owner, site.clone(), max_pages as usize)
        .map_err(AppError::rate_limited)?;
    if let Some(user) = by {
        let detail = json!({ "jobId": job, "maxPages": max_pages });
        state
            .chat
            .audit(&user, action::KNOWLEDGE_INGEST, Some(site), Some(detail))
            .await;
    }
    Ok((StatusCode::ACCEPTED, Json(json!({ "jobId": job }))))
}

pub async fn progress(
    State(state): State<AppState>,
    staff: Result<Staff, AppError>,
    Path(job): Path<String>,
) -> AppResult<Json<Value>> {
    allowed(&state, staff)?;
    let id: Uuid = job
        .parse()
        .map_err(|_| AppError::not_found("no such ingest job"))?;
    let progress = state
        .rag
        .jobs
        .progress(id)
        .ok_or_else(|| AppError::not_found("no such ingest job"))?;
    Ok(Json(
        serde_json::to_value(progress).map_err(|e| AppError::internal(e.into()))?,
    ))
}
