//! The HTTP API of PROTOCOL.md: health, auth, agents, sessions, transcripts.
//! Every body is bounded and every error is JSON.

mod attachments;
mod auth;
mod console;
pub mod extract;
mod health;
mod ingest;
pub mod listener;
pub mod security;
mod sessions;
mod visitor;
mod workspace;

use axum::{
    Router,
    extract::DefaultBodyLimit,
    http::Method,
    routing::{get, post, put},
};
use tower_http::cors::{Any, CorsLayer};

use crate::{error::AppError, state::AppState};

pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/health", get(health::health))
        .route("/ready", get(health::ready))
        .route("/api/auth/login", post(auth::login))
        .route("/api/auth/logout", post(auth::logout))
        .route("/api/me", get(auth::me))
        .route(
            "/api/agents",
            get(auth::list_agents).post(auth::create_agent),
        )
        .route("/api/agents/{id}", axum::routing::patch(auth::update_agent))
        .route("/api/agents/{id}/password", post(auth::reset_password))
        .route("/api/sessions", get(sessions::list))
        .route("/api/sessions/{id}/messages", get(sessions::transcript))
        .route("/api/sessions/{id}/notes", get(sessions::notes))
        .route("/api/sessions/{id}/tags", put(workspace::set_tags))
        .route("/api/search", get(workspace::search))
        .route(
            "/api/contacts/{id}",
            get(workspace::contact).delete(console::erase_contact),
        )
        .route("/api/contacts/{id}/export", get(console::export_contact))
        .route("/api/reports/summary", get(console::report))
        .route("/api/reports/conversations.csv", get(console::report_csv))
        .route("/api/audit", get(console::audit))
        .route(
            "/api/tokens",
            get(console::tokens).post(console::create_token),
        )
        .route(
            "/api/tokens/{id}",
            axum::routing::delete(console::revoke_token),
        )
        .route(
            "/api/knowledge/sites",
            get(console::sites).delete(console::forget_site),
        )
        .route(
            "/api/canned-responses",
            get(workspace::list_canned).post(workspace::add_canned),
        )
        .route(
            "/api/canned-responses/{id}",
            put(workspace::update_canned).delete(workspace::delete_canned),
        )
        .route("/api/attachments/{id}", get(attachments::download))
        .route("/ingest", post(ingest::start))
        .route("/ingest/{job_id}", get(ingest::progress))
        .route("/api/settings/widget", put(visitor::set_widget))
        .route(
            "/api/settings/business-hours",
            put(visitor::set_business_hours),
        )
        // What the widget reads from the host page: any origin, no credentials.
        .merge(
            Router::new()
                .route("/api/config", get(health::public_config))
                .route("/api/availability", get(visitor::availability))
                .route("/api/settings/widget", get(visitor::widget))
                .route("/api/settings/business-hours", get(visitor::business_hours))
                .layer(
                    CorsLayer::new()
                        .allow_origin(Any)
                        .allow_methods([Method::GET]),
                ),
        )
        .route("/api/{*rest}", axum::routing::any(api_not_found))
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        // Uploads have their own limit (ATTACHMENT_MAX_BYTES), not MAX_BODY_BYTES.
        .merge(
            Router::new()
                .route("/api/attachments", post(attachments::upload))
                .layer(DefaultBodyLimit::max(
                    state.config.workspace.attachment_max_bytes + attachments::MULTIPART_SLACK,
                )),
        )
}

/// `/metrics` alone, for the `METRICS_ADDR` listener (never the public one).
pub fn metrics_router(state: &AppState) -> Router {
    Router::new()
        .route("/metrics", get(health::metrics))
        .with_state(state.clone())
}

async fn api_not_found() -> AppError {
    AppError::not_found("no such API route")
}
