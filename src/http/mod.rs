//! The HTTP API of PROTOCOL.md: health, auth, agents, sessions, transcripts,
//! the workspace and the console. Every body is bounded and every error is
//! JSON; every route is registered with its OpenAPI entry (`openapi`).

mod attachments;
mod auth;
mod console;
pub mod extract;
mod health;
mod ingest;
mod invitations;
pub mod listener;
pub mod openapi;
pub mod security;
mod sessions;
mod visitor;
mod webhooks;
mod workspace;

use axum::{Router, extract::DefaultBodyLimit, http::Method, routing::get};
use tower_http::cors::{Any, CorsLayer};
use utoipa::OpenApi;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{error::AppError, state::AppState};

pub fn router(state: &AppState) -> Router<AppState> {
    let (router, document) = OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .routes(routes!(health::health))
        .routes(routes!(health::ready))
        .routes(routes!(openapi::document))
        .routes(routes!(openapi::docs))
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me))
        .routes(routes!(auth::list_agents, auth::create_agent))
        .routes(routes!(auth::update_agent))
        .routes(routes!(auth::reset_password))
        .routes(routes!(invitations::list, invitations::create))
        .routes(routes!(invitations::withdraw))
        .routes(routes!(invitations::resend))
        .routes(routes!(invitations::lookup))
        .routes(routes!(invitations::accept))
        .routes(routes!(sessions::list))
        .routes(routes!(sessions::transcript))
        .routes(routes!(sessions::notes))
        .routes(routes!(workspace::set_tags))
        .routes(routes!(workspace::search))
        .routes(routes!(workspace::contact, console::erase_contact))
        .routes(routes!(console::export_contact))
        .routes(routes!(console::report))
        .routes(routes!(console::report_csv))
        .routes(routes!(console::audit))
        .routes(routes!(console::tokens, console::create_token))
        .routes(routes!(console::revoke_token))
        .routes(routes!(console::sites, console::forget_site))
        .routes(routes!(workspace::list_canned, workspace::add_canned))
        .routes(routes!(workspace::update_canned, workspace::delete_canned))
        .routes(routes!(attachments::download))
        .routes(routes!(webhooks::list, webhooks::create))
        .routes(routes!(webhooks::update, webhooks::delete))
        .routes(routes!(webhooks::deliveries))
        .routes(routes!(webhooks::retry))
        .routes(routes!(ingest::start))
        .routes(routes!(ingest::progress))
        .routes(routes!(visitor::set_widget))
        .routes(routes!(visitor::set_business_hours))
        // What the widget reads from the host page: any origin, no credentials.
        .merge(
            OpenApiRouter::new()
                .routes(routes!(health::public_config))
                .routes(routes!(visitor::availability))
                .routes(routes!(visitor::widget))
                .routes(routes!(visitor::business_hours))
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
            OpenApiRouter::new()
                .routes(routes!(attachments::upload))
                .layer(DefaultBodyLimit::max(
                    state.config.workspace.attachment_max_bytes + attachments::MULTIPART_SLACK,
                )),
        )
        .split_for_parts();
    openapi::publish(&document);
    router
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
