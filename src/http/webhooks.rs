//! Outgoing webhooks over HTTP (PROTOCOL.md Part 2, "Outgoing webhooks"):
//! admins create, list, change, pause, delete them and read their delivery
//! logs; "send again" queues a delivery at once.

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{
    extract::{Admin, ApiJson, ApiQuery, IdPath},
    openapi::Refusals,
};
use crate::{
    chat::webhooks::{Target, WebhookChanges},
    domain::{
        console::action,
        webhooks::{Delivery, Webhook},
    },
    error::{AppError, AppResult},
    state::AppState,
};

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWebhook {
    /// Where events are POSTed, e.g. `https://crm.example.com/hooks/webchat`.
    #[schema(max_length = 2000)]
    url: String,
    /// Event types (`message.created`, `session.status_changed`, …) or `["*"]`.
    events: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct WebhookCreated {
    webhook: Webhook,
    /// The signing secret: shown in this answer only.
    secret: String,
}

#[derive(Serialize, ToSchema)]
pub struct WebhookList {
    webhooks: Vec<Webhook>,
}

#[derive(Serialize, ToSchema)]
pub struct WebhookAnswer {
    webhook: Webhook,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WebhookChangesBody {
    url: Option<String>,
    events: Option<Vec<String>>,
    /// False pauses it (events wait and are sent on resume).
    active: Option<bool>,
}

/// A new webhook: admins; its secret is in this answer only.
#[utoipa::path(post, path = "/api/webhooks", tag = "webhooks", security(("bearer" = [])),
    request_body = NewWebhook, responses((status = 201, body = WebhookCreated), Refusals))]
pub async fn create(
    State(state): State<AppState>,
    Admin(who): Admin,
    ApiJson(body): ApiJson<NewWebhook>,
) -> AppResult<(StatusCode, Json<WebhookCreated>)> {
    let target = Target {
        url: &body.url,
        allow_private: state.config.webhooks.allow_private,
    };
    let (webhook, secret) = state
        .chat
        .create_webhook(&who.user, target, &body.events)
        .await?;
    let detail = json!({ "url": webhook.url, "events": webhook.events });
    state
        .chat
        .audit(
            &who.user,
            action::WEBHOOK_CREATED,
            Some(webhook.id.to_string()),
            Some(detail),
        )
        .await;
    Ok((
        StatusCode::CREATED,
        Json(WebhookCreated { webhook, secret }),
    ))
}

/// The webhooks, with what waits and what failed: admins; no secrets.
#[utoipa::path(get, path = "/api/webhooks", tag = "webhooks", security(("bearer" = [])),
    responses((status = 200, body = WebhookList), Refusals))]
pub async fn list(
    State(state): State<AppState>,
    Admin(who): Admin,
) -> AppResult<Json<WebhookList>> {
    let webhooks = state.chat.webhooks(&who.user).await?;
    Ok(Json(WebhookList { webhooks }))
}

/// Changes a webhook's URL or events, or pauses and resumes it: admins.
#[utoipa::path(patch, path = "/api/webhooks/{id}", tag = "webhooks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The webhook")), request_body = WebhookChangesBody,
    responses((status = 200, body = WebhookAnswer), Refusals))]
pub async fn update(
    State(state): State<AppState>,
    Admin(who): Admin,
    IdPath(id): IdPath,
    ApiJson(body): ApiJson<WebhookChangesBody>,
) -> AppResult<Json<WebhookAnswer>> {
    let detail = json!({ "url": body.url, "events": body.events, "active": body.active });
    let changes = WebhookChanges {
        url: body.url,
        events: body.events,
        active: body.active,
    };
    let allow_private = state.config.webhooks.allow_private;
    let webhook = state
        .chat
        .update_webhook(&who.user, id, changes, allow_private)
        .await?;
    state
        .chat
        .audit(
            &who.user,
            action::WEBHOOK_UPDATED,
            Some(id.to_string()),
            Some(detail),
        )
        .await;
    Ok(Json(WebhookAnswer { webhook }))
}

/// Deletes a webhook and its delivery log: admins.
#[utoipa::path(delete, path = "/api/webhooks/{id}", tag = "webhooks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The webhook")),
    responses((status = 204, description = "Deleted"), Refusals))]
pub async fn delete(
    State(state): State<AppState>,
    Admin(who): Admin,
    IdPath(id): IdPath,
) -> AppResult<StatusCode> {
    state.chat.delete_webhook(&who.user, id).await?;
    state
        .chat
        .audit(
            &who.user,
            action::WEBHOOK_DELETED,
            Some(id.to_string()),
            None,
        )
        .await;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct LogPage {
    /// At most this many (default 50, at most 500).
    limit: Option<i64>,
    /// `nextCursor` of the page before.
    cursor: Option<String>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryPage {
    deliveries: Vec<Delivery>,
    next_cursor: Option<String>,
}

/// A webhook's deliveries, newest first: admins.
#[utoipa::path(get, path = "/api/webhooks/{id}/deliveries", tag = "webhooks", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The webhook"), LogPage),
    responses((status = 200, body = DeliveryPage), Refusals))]
pub async fn deliveries(
    State(state): State<AppState>,
    Admin(who): Admin,
    IdPath(id): IdPath,
    ApiQuery(page): ApiQuery<LogPage>,
) -> AppResult<Json<DeliveryPage>> {
    let (deliveries, next_cursor) = state
        .chat
        .webhook_deliveries(&who.user, id, page.limit, page.cursor.as_deref())
        .await?;
    Ok(Json(DeliveryPage {
        deliveries,
        next_cursor,
    }))
}

/// Sends a delivery again now (also one already delivered, with the same
/// event id): admins.
#[utoipa::path(post, path = "/api/webhooks/{id}/deliveries/{delivery_id}/retry", tag = "webhooks",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The webhook"), ("delivery_id" = Uuid, Path, description = "The delivery")),
    responses((status = 202, description = "Queued"), Refusals))]
pub async fn retry(
    State(state): State<AppState>,
    Admin(who): Admin,
    Path((id, delivery)): Path<(String, String)>,
) -> AppResult<StatusCode> {
    let uuid = |s: &str| {
        Uuid::parse_str(s).map_err(|_| AppError::invalid("the ids in the path must be UUIDs"))
    };
    let (id, delivery) = (uuid(&id)?, uuid(&delivery)?);
    state.chat.retry_delivery(&who.user, id, delivery).await?;
    Ok(StatusCode::ACCEPTED)
}
