//! The web apps, embedded in the binary (rust-embed): the user app at `/`
//! (SPA fallback, so `/chat` works), the agent app at `/agent/`, the admin
//! monitor at `/admin/`, and the embeddable widget (`/widget.js`, the chat
//! page it frames at `/widget.html`, and the Socket.IO client that page
//! uses). Hashed assets are cached for a year, HTML never.
//! The fallback never answers for `/api`, `/socket.io` or `/webhooks`.

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
#[folder = "admin"]
struct AdminPage;

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
            get(|| async { serve::<Widget>("widget.html", false) }),
        )
        .route(
            "/widget/socket.io.min.js",
            get(|| async { serve::<AdminPage>("vendor/socket.io.min.js", false) }),
        )
        .route(
            "/widget/widget-app.js",
            get(|| async { serve::<Widget>("widget-app.js", false) }),
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
            .route("/admin/", get(|| async { serve::<AdminPage>("", false) }))
            .route(
                "/admin/{*path}",
                get(|uri: Uri| async move { serve::<AdminPage>(strip(&uri, "/admin/"), false) }),
            );
    }
    router.fallback(user_app)
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
