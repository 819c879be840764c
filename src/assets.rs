//! The web apps, embedded in the binary (rust-embed): the user app at `/`,
//! the agent app at `/agent/`, the admin monitor at `/admin/`.
//!
//! Until the front ends are built, a minimal page says so.

use axum::{Router, response::Html, routing::get};

use crate::app::AppState;

pub fn router(_admin_enabled: bool) -> Router<AppState> {
    Router::new().route("/", get(index))
}

async fn index() -> Html<&'static str> {
    Html("<!doctype html><title>Webchat</title><h1>Webchat</h1><p>The server is running.</p>")
}
