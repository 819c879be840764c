//! The Kafka sink: rdkafka's idempotent producer (acks=all, gapless), keyed
//! by session id so one session's events keep their order in one partition.

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use async_trait::async_trait;
use rdkafka::{
    ClientConfig,
    admin::{AdminClient, AdminOptions, NewTopic, TopicReplication},
    client::{ClientContext, DefaultClientContext},
    error::{KafkaError, RDKafkaErrorCode},
    message::{Header, OwnedHeaders},
    producer::{FutureProducer, FutureRecord, Producer},
};
use tokio::sync::RwLock;

use super::EventSink;
use crate::{config::KafkaConfig, domain::events::Topic, store::OutboxEvent};

pub struct KafkaSink {
    config: ClientConfig,
    prefix: String,
    producer: RwLock<FutureProducer<SinkContext>>,
    context: SinkContext,
}

/// Hears librdkafka's client errors: "all brokers down" marks the sink
/// unavailable at once, long before a delivery times out.
#[derive(Clone, Default)]
struct SinkContext {
    down: Arc<AtomicBool>,
}

impl ClientContext for SinkContext {
    fn error(&self, error: KafkaError, reason: &str) {
        if error.rdkafka_error_code() == Some(RDKafkaErrorCode::AllBrokersDown) {
            self.down.store(true, Ordering::Relaxed);
        }
        tracing::debug!(%error, reason, "kafka client error");
    }
}

impl KafkaSink {
    pub fn new(kafka: &KafkaConfig) -> anyhow::Result<Self> {
        let brokers = kafka
            .brokers
            .as_deref()
            .ok_or_else(|| anyhow::anyhow!("KAFKA_BROKERS is required when Kafka is enabled"))?;
        let mut config = ClientConfig::new();
        config
            .set("bootstrap.servers", brokers)
            .set("client.id", &kafka.client_id)
            .set("enable.idempotence", "true")
            .set("enable.gapless.guarantee", "true")
            .set("acks", "all")
            .set("message.timeout.ms", "5000")
            .set("linger.ms", "2")
            .set("reconnect.backoff.max.ms", "2000");
        for (key, value) in &kafka.extra {
            config.set(key, value);
        }
        let context = SinkContext::default();
        let producer = config.create_with_context(context.clone())?;
        Ok(KafkaSink {
            config,
            prefix: kafka.topic_prefix.clone(),
            producer: RwLock::new(producer),
            context,
        })
    }

    fn topic(&self, event: &OutboxEvent) -> String {
        format!("{}.{}", self.prefix, event.topic)
    }

    /// After a fatal error (a gap would follow) the producer must be replaced.
    async fn renew_if_fatal(&self) {
        let fatal = self.producer.read().await.client().fatal_error();
        if let Some((code, reason)) = fatal {
            tracing::warn!(
                ?code,
                reason,
                "kafka producer hit a fatal error; starting a new one"
            );
            match self.config.create_with_context(self.context.clone()) {
                Ok(fresh) => *self.producer.write().await = fresh,
                Err(e) => tracing::error!(error = %e, "cannot create a kafka producer"),
            }
        }
    }
}

#[async_trait]
impl EventSink for KafkaSink {
    async fn prepare(&self) -> anyhow::Result<()> {
        let admin: AdminClient<DefaultClientContext> = self.config.create()?;
        let names: Vec<String> = Topic::ALL
            .iter()
            .map(|t| format!("{}.{}", self.prefix, t.as_str()))
            .collect();
        let topics: Vec<NewTopic> = names
            .iter()
            .map(|n| NewTopic::new(n, 3, TopicReplication::Fixed(1)))
            .collect();
        let options = AdminOptions::new().operation_timeout(Some(Duration::from_secs(5)));
        for result in admin.create_topics(&topics, &options).await? {
            match result {
                Ok(_) | Err((_, RDKafkaErrorCode::TopicAlreadyExists)) => {}
                Err((topic, code)) => anyhow::bail!("creating topic {topic}: {code}"),
            }
        }
        // A broker that came back may have forgotten this producer's
        // idempotence state; a fresh producer starts clean. Anything the old
        // one still delivers is a duplicate with the same event id.
        *self.producer.write().await = self.config.create_with_context(self.context.clone())?;
        self.context.down.store(false, Ordering::Relaxed);
        Ok(())
    }

    fn available(&self) -> bool {
        !self.context.down.load(Ordering::Relaxed)
    }

    async fn publish(&self, events: &[OutboxEvent]) -> Vec<Result<(), String>> {
        self.renew_if_fatal().await;
        let producer = self.producer.read().await.clone();
        let mut pending = Vec::with_capacity(events.len());
        for event in events {
            let topic = self.topic(event);
            let id = event.event_id.to_string();
            let headers = OwnedHeaders::new().insert(Header {
                key: "event-id",
                value: Some(id.as_str()),
            });
            let record = FutureRecord::to(&topic)
                .key(&event.key)
                .payload(&event.payload)
                .headers(headers);
            pending.push(producer.send_result(record).map_err(|(e, _)| e.to_string()));
        }
        let mut results = Vec::with_capacity(events.len());
        let mut delivered = false;
        for sent in pending {
            results.push(match sent {
                Ok(delivery) => match delivery.await {
                    Ok(Ok(_)) => {
                        delivered = true;
                        Ok(())
                    }
                    Ok(Err((e, _))) => Err(e.to_string()),
                    Err(_) => Err("delivery cancelled".to_string()),
                },
                Err(e) => Err(e),
            });
        }
        if delivered {
            self.context.down.store(false, Ordering::Relaxed);
        }
        results
    }
}
