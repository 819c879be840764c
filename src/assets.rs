//! The web apps, embedded in the binary (rust-embed): the visitor app at `/`
//! (SPA fallback, so `/chat` works), the agent app at `/agent/`, the admin
//! console at `/admin/` (SPA fallback for its pages), and the embeddable
//! widget: `/widget.js` (the loader) and `/widget.html`, the chat it frames,
//! which is the visitor app's second entry (its assets are the visitor app's
//! `/assets/…`), and the API docs page (`/api/docs`, the console build's
//! `api-docs.html`). Hashed assets are cached for a year, HTML never.
//! The fallback never answers for `/api`, `/socket.io`, `/webhooks` or `/ingest`.

use axum::{
    Router,
    body::Body,
    http::{StatusCode, Uri, header},
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use rust_embed::RustEmbed;

use crate::{error::AppError, state::AppState};

#[derive(RustEmbed)]
#[folder = "web-user/dist"]
struct UserApp;

#[derive(RustEmbed)]
#[folder = "web-agent/dist"]
struct AgentApp;

#[derive(RustEmbed)]
#[folder = "admin/dist"]
struct AdminApp;

#[derive(RustEmbed)]
#[folder = "widget"]
struct Widget;

/// Paths that belong to the server, never to a front end.
const RESERVED: [&str; 4] = ["/api", "/socket.io", "/webhooks", "/ingest"];

pub fn router(admin_enabled: bool) -> Router<AppState> {
    let mut router = Router::new()
        .route(
            "/widget.js",
            get(|| async { serve::<Widget>("widget.js", false) }),
        )
        .route(
            "/widget.html",
            get(|| async { serve::<UserApp>("widget.html", false) }),
        )
        .route("/agent", get(|| async { Redirect::permanent("/agent/") }))
        .route("/agent/", get(|| async { serve::<AgentApp>("", true) }))
        .route(
            "/agent/{*path}",
            get(|uri: Uri| async move { serve::<AgentApp>(strip(&uri, "/agent/"), true) }),
        );
    if admin_enabled {
        router = router
            .route("/admin", get(|| async { Redirect::permanent("/admin/") }))
            .route("/admin/", get(|| async { serve::<AdminApp>("", true) }))
            .route(
                "/admin/{*path}",
                get(|uri: Uri| async move { serve::<AdminApp>(strip(&uri, "/admin/"), true) }),
            );
    } else {
        // `/api/docs` is the console build's second page: its assets stay.
        router = router.route(
            "/admin/assets/{*path}",
            get(|uri: Uri| async move { serve::<AdminApp>(strip(&uri, "/admin/"), false) }),
        );
    }
    router.fallback(user_app)
}

/// `GET /api/docs`: the console build's page that renders `/api/openapi.json`.
pub fn api_docs() -> Response {
    serve::<AdminApp>("api-docs.html", false)
}

fn strip<'a>(uri: &'a Uri, prefix: &str) -> &'a str {
    uri.path().strip_prefix(prefix).unwrap_or("")
}

async fn user_app(uri: Uri) -> Response {
    let path = uri.path();
    let reserved = RESERVED
        .iter()
        .any(|r| path == *r || path.starts_with(&format!("{r}/")));
    if reserved {
        return AppError::not_found("no such route").into_response();
    }
    serve::<UserApp>(path.trim_start_matches('/'), true)
}

/// The file at `path`; with `spa`, `index.html` for paths that name no file.
fn serve<E: RustEmbed>(path: &str, spa: bool) -> Response {
    let path = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    };
    if let Some(file) = E::get(&path) {
        return file_response(&path, file);
    }
    let looks_like_file = path
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'));
    match E::get("index.html") {
        Some(index) if spa && !looks_like_file => file_response("index.html", index),
        _ => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

fn file_response(path: &str, file: rust_embed::EmbeddedFile) -> Response {
    let cache = if path.starts_with("assets/") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    Response::builder()
        .header(header::CONTENT_TYPE, file.metadata.mimetype())
        .header(header::CACHE_CONTROL, cache)
        .body(Body::from(file.data.into_owned()))
        .expect("valid response")
}
