//! `POST /ingest` starts crawling a site (agents and admins, or anyone with
//! `INGEST_PUBLIC=true`); `GET /ingest/{jobId}` shows its progress.

use std::net::SocketAddr;

use axum::{
    Json,
    extract::{ConnectInfo, Path, State},
    http::StatusCode,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{
    extract::{ApiJson, Staff},
    openapi::Refusals,
};
use crate::{
    domain::{console::action, validate},
    error::{AppError, AppResult},
    rag::ingest::{DEFAULT_MAX_PAGES, MAX_PAGES_LIMIT, Progress},
    state::AppState,
};

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IngestRequest {
    /// The site's address, e.g. `https://shop.example.com/`.
    site: String,
    /// At most this many pages (1 to 500, default 50); `maxPages` also works.
    #[serde(alias = "maxPages")]
    max_pages: Option<i64>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct JobStarted {
    job_id: Uuid,
}

fn allowed(state: &AppState, staff: Result<Staff, AppError>) -> AppResult<()> {
    if state.config.ingest_public {
        return Ok(());
    }
    staff.map(|_| ())
}

/// Queues a crawl; 429 with `Retry-After` when the caller (a user, or an
/// address when ingest is public) or the whole queue has too many waiting.
/// Agents and up, or anyone with `INGEST_PUBLIC=true`.
#[utoipa::path(post, path = "/ingest", tag = "ingest", security(("bearer" = [])),
    request_body = IngestRequest, responses((status = 202, body = JobStarted), Refusals))]
pub async fn start(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    staff: Result<Staff, AppError>,
    ApiJson(body): ApiJson<IngestRequest>,
) -> AppResult<(StatusCode, Json<JobStarted>)> {
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
    Ok((StatusCode::ACCEPTED, Json(JobStarted { job_id: job })))
}

/// A crawl's progress (also pushed live as `ingest:progress` to `/admin`).
#[utoipa::path(get, path = "/ingest/{job_id}", tag = "ingest", security(("bearer" = [])),
    params(("job_id" = Uuid, Path, description = "From `POST /ingest`")),
    responses((status = 200, body = Progress), Refusals))]
pub async fn progress(
    State(state): State<AppState>,
    staff: Result<Staff, AppError>,
    Path(job): Path<String>,
) -> AppResult<Json<Progress>> {
    allowed(&state, staff)?;
    let id: Uuid = job
        .parse()
        .map_err(|_| AppError::not_found("no such ingest job"))?;
    let progress = state
        .rag
        .jobs
        .progress(id)
        .ok_or_else(|| AppError::not_found("no such ingest job"))?;
    Ok(Json(progress))
}
