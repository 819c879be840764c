//! Outbound channel messages (WhatsApp): queued in the same transaction as
//! the message, sent by a worker, and their delivery statuses.

use async_trait::async_trait;
use uuid::Uuid;

use super::StoreResult;
use crate::domain::model::Message;

/// A bot, agent or system message waiting to go out to a WhatsApp number.
#[derive(Debug, Clone)]
pub struct OutboundWhatsApp {
    pub message: Message,
    /// The session user's number, `whatsapp:+…`.
    pub to: String,
    pub attempts: i64,
}

/// Where a delivery status update landed.
#[derive(Debug, Clone)]
pub struct DeliveryUpdate {
    pub message_id: Uuid,
    pub session_id: Uuid,
}

#[async_trait]
pub trait OutboundStore: Send + Sync {
    /// Messages waiting to be sent to WhatsApp, oldest first.
    async fn whatsapp_pending(&self, limit: i64) -> StoreResult<Vec<OutboundWhatsApp>>;
    /// The provider accepted the message: record its id; it leaves the queue.
    async fn whatsapp_sent(&self, message_id: Uuid, provider_id: &str) -> StoreResult<()>;
    /// A failed attempt; with `give_up` the message leaves the queue as failed.
    async fn whatsapp_failed(
        &self,
        message_id: Uuid,
        error: &str,
        give_up: bool,
    ) -> StoreResult<()>;
    /// Moves the delivery status of the message with this provider id forward
    /// (`rank` orders the statuses); `None` when unknown or not newer.
    async fn update_delivery(
        &self,
        provider_id: &str,
        status: &str,
        error: Option<&str>,
        rank: i64,
    ) -> StoreResult<Option<DeliveryUpdate>>;
}
