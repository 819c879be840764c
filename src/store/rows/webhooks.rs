//! The webhooks' rows.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::parse_enum;
use crate::{
    domain::webhooks::{Delivery, DeliveryState, Webhook},
    store::{DueDelivery, StoreError, StoreResult},
};

/// A webhook with its delivery counts; `where` and the rest follow.
pub const WEBHOOK_SELECT: &str = "select w.id, w.url, w.events, w.active, w.created_at, \
     (select count(*) from webhook_deliveries d where d.webhook_id = w.id and d.state = 'pending') as pending, \
     (select count(*) from webhook_deliveries d where d.webhook_id = w.id and d.state = 'failed') as failed \
     from webhooks w";

#[derive(sqlx::FromRow)]
pub struct WebhookRow {
    pub id: Uuid,
    pub url: String,
    pub events: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub pending: i64,
    pub failed: i64,
}

impl TryFrom<WebhookRow> for Webhook {
    type Error = StoreError;
    fn try_from(r: WebhookRow) -> StoreResult<Webhook> {
        Ok(Webhook {
            id: r.id,
            url: r.url,
            events: serde_json::from_str(&r.events)
                .map_err(|e| StoreError::Other(anyhow::anyhow!("a webhook's events: {e}")))?,
            active: r.active,
            created_at: r.created_at,
            pending: r.pending,
            failed: r.failed,
        })
    }
}

pub const DELIVERY_COLUMNS: &str = "id, event_id, event_type, state, attempts, last_status, \
     last_error, next_attempt_at, delivered_at, created_at";

#[derive(sqlx::FromRow)]
pub struct DeliveryRow {
    pub id: Uuid,
    pub event_id: Uuid,
    pub event_type: String,
    pub state: String,
    pub attempts: i32,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<DeliveryRow> for Delivery {
    type Error = StoreError;
    fn try_from(r: DeliveryRow) -> StoreResult<Delivery> {
        Ok(Delivery {
            id: r.id,
            event_id: r.event_id,
            event_type: r.event_type,
            state: parse_enum(&r.state, DeliveryState::parse, "delivery state")?,
            attempts: r.attempts,
            last_status: r.last_status,
            last_error: r.last_error,
            next_attempt_at: r.next_attempt_at,
            delivered_at: r.delivered_at,
            created_at: r.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct DueRow {
    pub id: Uuid,
    pub webhook_id: Uuid,
    pub url: String,
    pub secret: String,
    pub event_id: Uuid,
    pub event_type: String,
    pub payload: String,
    pub attempts: i32,
    pub created_at: DateTime<Utc>,
}

impl From<DueRow> for DueDelivery {
    fn from(r: DueRow) -> Self {
        DueDelivery {
            id: r.id,
            webhook_id: r.webhook_id,
            url: r.url,
            secret: r.secret,
            event_id: r.event_id,
            event_type: r.event_type,
            payload: r.payload,
            attempts: r.attempts,
            created_at: r.created_at,
        }
    }
}

/// An outbox event to fan out.
#[derive(sqlx::FromRow)]
pub struct FanOutRow {
    pub id: i64,
    pub event_id: Uuid,
    pub event_key: String,
    pub payload: String,
    pub created_at: DateTime<Utc>,
}
