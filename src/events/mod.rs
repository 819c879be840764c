//! Event publishing: the outbox relay and its Kafka sink, and the webhook
//! sender (the outbox's second consumer).
//!
//! Every change writes its event in the same transaction (see `store`); the
//! relay publishes committed events to Kafka in order per session, marks them
//! published, and waits (nothing lost) while the broker is away. The chat
//! never waits on it.

mod kafka;
mod relay;
mod webhooks;

use async_trait::async_trait;

pub use kafka::KafkaSink;
pub use relay::{OutboxRelay, RelayStatus};
pub use webhooks::WebhookSender;

use crate::store::OutboxEvent;

/// Where the relay publishes. Results come back in the order of `events`.
#[async_trait]
pub trait EventSink: Send + Sync + 'static {
    /// Makes sure the destination exists (topics), once per outage.
    async fn prepare(&self) -> anyhow::Result<()>;
    /// False while the sink knows it cannot deliver (all brokers down).
    fn available(&self) -> bool {
        true
    }
    async fn publish(&self, events: &[OutboxEvent]) -> Vec<Result<(), String>>;
}
