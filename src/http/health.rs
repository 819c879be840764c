//! Liveness, readiness and the public client configuration.

use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};
use serde_json::json;

use crate::app::AppState;

/// 200 while the process runs.
pub async fn health() -> Json<serde_json::Value> {
    Json(json!({ "status": "ok" }))
}

/// 200 when the database answers, else 503.
pub async fn ready(State(state): State<AppState>) -> impl IntoResponse {
    let ping =
        tokio::time::timeout(std::time::Duration::from_secs(2), state.chat.store().ping()).await;
    match ping {
        Ok(Ok(())) => (
            StatusCode::OK,
            Json(json!({ "status": "ready", "database": "ok" })),
        ),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "database": "error" })),
            )
        }
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "unavailable", "database": "timeout" })),
        ),
    }
}

/// What the web apps need to know about this server.
pub async fn public_config(State(state): State<AppState>) -> Json<serde_json::Value> {
    let whatsapp = state
        .config
        .twilio
        .whatsapp_from
        .as_deref()
        .map(|n| n.trim_start_matches("whatsapp:").to_string());
    Json(json!({ "whatsappNumber": whatsapp, "ingestPublic": state.config.ingest_public }))
}
