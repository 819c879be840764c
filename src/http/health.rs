//! Liveness, readiness and the public client configuration.

use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;

use crate::state::AppState;

/// 200 while the process runs: `{ "status": "ok" }`.
#[utoipa::path(get, path = "/health", tag = "health",
    responses((status = 200, description = "The process runs", body = Object)))]
pub async fn health() -> Json<serde_json::Value> {
    Json(json!({ "status": "ok" }))
}

/// 200 when the database answers, else 503. Kafka, when enabled, is
/// reported (`ok`, or `degraded` with the backlog) but never makes it 503:
/// chats work without it and events wait in the outbox.
#[utoipa::path(get, path = "/ready", tag = "health", responses(
    (status = 200, description = "`{ status: \"ready\", database: \"ok\", kafka }`", body = Object),
    (status = 503, description = "The database does not answer", body = Object)))]
pub async fn ready(State(state): State<AppState>) -> impl IntoResponse {
    let ping = tokio::time::timeout(std::time::Duration::from_secs(2), state.chat.ping()).await;
    let kafka = match &state.relay {
        None => None,
        Some(r) if r.healthy() => Some(json!("ok")),
        Some(_) => {
            let backlog = state.chat.outbox_backlog().await.ok();
            Some(json!({ "status": "degraded", "backlog": backlog }))
        }
    };
    match ping {
        Ok(Ok(())) => (
            StatusCode::OK,
            Json(json!({ "status": "ready", "database": "ok", "kafka": kafka })),
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
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PublicConfig {
    /// The WhatsApp number visitors may write to, when WhatsApp is set up.
    whatsapp_number: Option<String>,
    /// Whether anyone may start a crawl (`INGEST_PUBLIC`).
    ingest_public: bool,
    /// The largest attachment accepted, in bytes.
    attachment_max_bytes: usize,
    /// The accepted attachment types (`image/*` means every image).
    attachment_types: Vec<String>,
}

/// What the web apps need to know about this server: anyone, any origin.
#[utoipa::path(get, path = "/api/config", tag = "visitor",
    responses((status = 200, body = PublicConfig)))]
pub async fn public_config(State(state): State<AppState>) -> Json<PublicConfig> {
    let whatsapp = state
        .config
        .twilio
        .whatsapp_from
        .as_deref()
        .map(|n| n.trim_start_matches("whatsapp:").to_string());
    let (attachment_max_bytes, attachment_types) = state.chat.attachment_limits();
    Json(PublicConfig {
        whatsapp_number: whatsapp,
        ingest_public: state.config.ingest_public,
        attachment_max_bytes,
        attachment_types,
    })
}

/// Prometheus text: outbox backlog, Kafka health, sessions by status.
pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let mut out = String::from("# TYPE webchat_up gauge\nwebchat_up 1\n");
    out.push_str(&format!(
        "# TYPE webchat_sockets_connected gauge\nwebchat_sockets_connected {}\n",
        state.sockets.count()
    ));
    if let Ok(pending) = state.chat.outbox_backlog().await {
        out.push_str(&format!(
            "# TYPE webchat_outbox_pending gauge\nwebchat_outbox_pending {pending}\n"
        ));
    }
    if let Ok(pending) = state.chat.webhook_backlog().await {
        out.push_str(&format!(
            "# TYPE webchat_webhook_deliveries_pending gauge\nwebchat_webhook_deliveries_pending {pending}\n"
        ));
    }
    if let Some(relay) = &state.relay {
        out.push_str(&format!(
            "# TYPE webchat_kafka_up gauge\nwebchat_kafka_up {}\n",
            u8::from(relay.healthy())
        ));
    }
    if let Ok(stats) = state.chat.stats().await {
        out.push_str("# TYPE webchat_sessions gauge\n");
        for (status, n) in [
            ("bot_pending", stats.bot),
            ("queued_for_agent", stats.queued),
            ("active_with_agent", stats.active),
        ] {
            out.push_str(&format!("webchat_sessions{{status=\"{status}\"}} {n}\n"));
        }
        out.push_str(&format!(
            "# TYPE webchat_sessions_closed_today gauge\nwebchat_sessions_closed_today {}\n",
            stats.closed_today
        ));
    }
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4",
        )],
        out,
    )
}
