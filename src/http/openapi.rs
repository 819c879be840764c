//! The OpenAPI 3.1 document of every HTTP route (`GET /api/openapi.json`)
//! and the page that renders it (`GET /api/docs`, Swagger UI bundled into
//! the console's build, so no CDN). The document is generated from the
//! handlers' `#[utoipa::path]` attributes by the same `OpenApiRouter` calls
//! that register the routes, so a route cannot exist without its entry.

use std::sync::OnceLock;

use axum::{
    http::header,
    response::{IntoResponse, Response},
};
use utoipa::{
    Modify, OpenApi,
    openapi::security::{Http, HttpAuthScheme, SecurityScheme},
};

use crate::error::AppError;
pub use crate::error::ErrorBody;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Webchat",
        description = "Live chat with a bot first and people after: the HTTP API \
            (the realtime protocol is Socket.IO, described in PROTOCOL.md). \
            Authenticate with `Authorization: Bearer <token>`: a login token \
            (`POST /api/auth/login`) or an API token made in the console.",
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Signing in, the caller, staff accounts"),
        (name = "invitations", description = "Inviting people by email"),
        (name = "sessions", description = "Conversations, transcripts, notes, tags"),
        (name = "workspace", description = "Search, contacts, canned responses, attachments"),
        (name = "visitor", description = "What the widget reads, and its settings"),
        (name = "reports", description = "How support is doing"),
        (name = "console", description = "The audit log, API tokens, knowledge, privacy"),
        (name = "webhooks", description = "Signed POSTs of every event, retried, logged"),
        (name = "ingest", description = "Crawling a site into the bot's knowledge"),
        (name = "health", description = "Liveness, readiness, this document"),
    ),
)]
pub struct ApiDoc;

/// The bearer scheme every protected operation names as `bearer`.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

static DOCUMENT: OnceLock<String> = OnceLock::new();

/// Keeps the document the router was built with (the same for every
/// router this process builds).
pub fn publish(document: &utoipa::openapi::OpenApi) {
    DOCUMENT.get_or_init(|| document.to_json().unwrap_or_else(|_| "{}".into()));
}

/// The OpenAPI 3.1 document of this server.
#[utoipa::path(get, path = "/api/openapi.json", tag = "health",
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json")))]
pub async fn document() -> Response {
    match DOCUMENT.get() {
        Some(json) => ([(header::CONTENT_TYPE, "application/json")], json.clone()).into_response(),
        None => AppError::not_found("the API document is not built").into_response(),
    }
}

/// The API's documentation page: Swagger UI, served from this server.
#[utoipa::path(get, path = "/api/docs", tag = "health",
    responses((status = 200, description = "An HTML page", content_type = "text/html")))]
pub async fn docs() -> Response {
    crate::assets::api_docs()
}

/// How a route that needs a token may refuse.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // only described, never built
pub enum Refusals {
    #[response(
        status = 400,
        description = "Bad input; the message says what is wrong"
    )]
    Invalid(ErrorBody),
    #[response(
        status = 401,
        description = "No token, or one that is unknown, expired or revoked"
    )]
    Unauthorized(ErrorBody),
    #[response(status = 403, description = "The caller's role may not do this")]
    Forbidden(ErrorBody),
    #[response(
        status = 404,
        description = "No such thing, or not the caller's to see"
    )]
    NotFound(ErrorBody),
    #[response(status = 409, description = "It conflicts with the current state")]
    Conflict(ErrorBody),
    #[response(status = 429, description = "Too many requests; see Retry-After")]
    RateLimited(ErrorBody),
    #[response(
        status = 503,
        description = "The database is away; retry (see Retry-After)"
    )]
    Unavailable(ErrorBody),
}

/// How a route open to anyone may refuse.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // only described, never built
pub enum PublicRefusals {
    #[response(
        status = 400,
        description = "Bad input; the message says what is wrong"
    )]
    Invalid(ErrorBody),
    #[response(status = 404, description = "No such thing")]
    NotFound(ErrorBody),
    #[response(status = 429, description = "Too many requests; see Retry-After")]
    RateLimited(ErrorBody),
    #[response(
        status = 503,
        description = "The database is away; retry (see Retry-After)"
    )]
    Unavailable(ErrorBody),
}
