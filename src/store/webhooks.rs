//! Outgoing webhooks, the outbox's second consumer: each committed event is
//! fanned out into one delivery per webhook that wants it (a copy of the
//! envelope, so Kafka's pruning never takes one away), and deliveries are
//! claimed, sent and recorded. A delivery waits for the earlier ones of its
//! webhook and session, so a receiver sees a session's events in order.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::StoreResult;
use crate::domain::webhooks::{Delivery, Webhook};

#[derive(Debug, Clone)]
pub struct NewWebhook {
    pub url: String,
    pub events: Vec<String>,
    pub secret: String,
    pub created_by: Uuid,
}

/// Changes to a webhook; `None` keeps the field.
#[derive(Debug, Clone, Default)]
pub struct WebhookPatch {
    pub url: Option<String>,
    pub events: Option<Vec<String>>,
    pub active: Option<bool>,
}

/// A delivery claimed by one sender until its lock runs out.
#[derive(Debug, Clone)]
pub struct DueDelivery {
    pub id: Uuid,
    pub webhook_id: Uuid,
    pub url: String,
    pub secret: String,
    pub event_id: Uuid,
    pub event_type: String,
    /// The envelope, byte for byte as the outbox holds it.
    pub payload: String,
    /// Attempts made before this one.
    pub attempts: i32,
    pub created_at: DateTime<Utc>,
}

/// How an attempt went.
#[derive(Debug, Clone)]
pub enum Attempt {
    Delivered {
        status: i32,
    },
    /// Not delivered: try again at `retry_at`, or never (`None`: failed).
    Failed {
        status: Option<i32>,
        error: String,
        retry_at: Option<DateTime<Utc>>,
    },
}

#[async_trait]
pub trait WebhookStore: Send + Sync {
    async fn create_webhook(&self, new: NewWebhook) -> StoreResult<Webhook>;
    /// Every webhook, newest first, with its pending and failed counts.
    async fn webhooks(&self) -> StoreResult<Vec<Webhook>>;
    /// One webhook, with its counts.
    async fn webhook(&self, id: Uuid) -> StoreResult<Option<Webhook>>;
    async fn update_webhook(&self, id: Uuid, patch: WebhookPatch) -> StoreResult<Webhook>;
    /// Deletes it and its deliveries; `NotFound` if there is none.
    async fn delete_webhook(&self, id: Uuid) -> StoreResult<()>;

    /// Turns up to `limit` outbox events not yet fanned out, oldest first,
    /// into deliveries for the webhooks (active or paused) that want them
    /// and existed when the event was written; how many events it read.
    /// Safe on several nodes at once: a delivery is unique per webhook and
    /// event.
    async fn fan_out_webhooks(&self, limit: i64) -> StoreResult<usize>;
    /// Claims up to `limit` deliveries due at `now`, each the oldest pending
    /// one of its webhook and session, of active webhooks (taken in a random
    /// order, so none waits behind the others): at most `room(webhook)` of
    /// each (what the caller can send at once); locked until `until` (a
    /// sender that dies lets another take it then).
    async fn claim_deliveries(
        &self,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
        room: &(dyn Fn(Uuid) -> usize + Sync),
        limit: usize,
    ) -> StoreResult<Vec<DueDelivery>>;
    /// Records attempts, in one transaction (a sender batches them so the
    /// chat's writes do not queue behind one transaction per delivery).
    async fn record_attempts(
        &self,
        attempts: &[(Uuid, Attempt)],
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// A webhook's deliveries, newest first, before `(created_at, id)` when given.
    async fn deliveries(
        &self,
        webhook_id: Uuid,
        before: Option<(DateTime<Utc>, Uuid)>,
        limit: i64,
    ) -> StoreResult<Vec<Delivery>>;
    /// Sends it again now (failed, pending or already delivered); `NotFound`
    /// when the webhook has no such delivery.
    async fn retry_delivery(
        &self,
        webhook_id: Uuid,
        id: Uuid,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// How many webhooks there are (paused ones too).
    async fn webhook_count(&self) -> StoreResult<i64>;
    /// Deliveries not made yet, over all webhooks (for `/metrics`).
    async fn webhook_backlog(&self) -> StoreResult<i64>;
}
