//! The outbox relay: lease committed events, publish them, mark them. It wakes
//! on commit (so latency is milliseconds), backs off while the sink fails,
//! and prunes old published rows.

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use chrono::Utc;

use super::EventSink;
use crate::store::{Store, Wakeup};

const BATCH: i64 = 500;
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// What `/ready` and `/metrics` report about publishing.
pub struct RelayStatus {
    healthy: AtomicBool,
    sink: Arc<dyn EventSink>,
}

impl RelayStatus {
    /// Publishing works: the last attempt succeeded and the sink sees brokers.
    pub fn healthy(&self) -> bool {
        self.healthy.load(Ordering::Relaxed) && self.sink.available()
    }
}

pub struct OutboxRelay {
    store: Arc<dyn Store>,
    sink: Arc<dyn EventSink>,
    /// Raised by the store after each commit that wrote events.
    wake: Wakeup,
    status: Arc<RelayStatus>,
    retention: Duration,
}

impl OutboxRelay {
    pub fn new(store: Arc<dyn Store>, sink: Arc<dyn EventSink>, retention: Duration) -> Self {
        let wake = store.signals().outbox();
        let status = Arc::new(RelayStatus {
            healthy: AtomicBool::new(false),
            sink: sink.clone(),
        });
        OutboxRelay {
            store,
            sink,
            wake,
            status,
            retention,
        }
    }

    pub fn status(&self) -> Arc<RelayStatus> {
        self.status.clone()
    }

    /// Publishes until `stop` resolves.
    pub async fn run(mut self, stop: impl std::future::Future<Output = ()>) {
        tokio::pin!(stop);
        let mut backoff = Duration::from_millis(100);
        let mut prepared = false;
        let mut last_prune = tokio::time::Instant::now();
        loop {
            let outcome = if prepared {
                self.publish_batch().await
            } else {
                self.prepare().await
            };
            let wait = match outcome {
                Ok(Progress::Published) => {
                    prepared = true;
                    backoff = Duration::from_millis(100);
                    Duration::ZERO
                }
                Ok(Progress::Idle) => {
                    prepared = true;
                    backoff = Duration::from_millis(100);
                    Duration::from_secs(1)
                }
                Err(e) => {
                    self.degraded(&e).await;
                    prepared = false;
                    let wait = backoff;
                    backoff = (backoff * 2).min(MAX_BACKOFF);
                    wait
                }
            };
            if last_prune.elapsed() > Duration::from_secs(600) {
                last_prune = tokio::time::Instant::now();
                self.prune().await;
            }
            if wait.is_zero() {
                continue;
            }
            tokio::select! {
                _ = &mut stop => return,
                _ = self.wake.raised(), if prepared => {}
                _ = tokio::time::sleep(wait) => {}
            }
        }
    }

    async fn prepare(&self) -> anyhow::Result<Progress> {
        self.sink.prepare().await?;
        tracing::info!("kafka relay connected");
        self.status.healthy.store(true, Ordering::Relaxed);
        Ok(Progress::Idle)
    }

    /// One lease: publish, mark what was delivered. Err when anything failed.
    async fn publish_batch(&self) -> anyhow::Result<Progress> {
        let lease = self.store.lease_outbox(BATCH).await?;
        if lease.events().is_empty() {
            return Ok(Progress::Idle);
        }
        let results = self.sink.publish(lease.events()).await;
        let delivered: Vec<i64> = lease
            .events()
            .iter()
            .zip(&results)
            .filter(|(_, r)| r.is_ok())
            .map(|(e, _)| e.id)
            .collect();
        let failed = results.iter().find_map(|r| r.as_ref().err()).cloned();
        let total = results.len();
        lease.complete(&delivered).await?;
        match failed {
            None => {
                self.status.healthy.store(true, Ordering::Relaxed);
                Ok(Progress::Published)
            }
            Some(error) => anyhow::bail!(
                "{} of {total} events not delivered: {error}",
                total - delivered.len()
            ),
        }
    }

    async fn degraded(&self, error: &anyhow::Error) {
        let was_healthy = self.status.healthy.swap(false, Ordering::Relaxed);
        let backlog = self.store.count_pending_events().await.unwrap_or(-1);
        if was_healthy {
            tracing::warn!(
                error = format!("{error:#}"),
                backlog,
                "kafka unavailable; events wait in the outbox"
            );
        } else {
            tracing::debug!(
                error = format!("{error:#}"),
                backlog,
                "kafka still unavailable"
            );
        }
    }

    async fn prune(&self) {
        let Ok(age) = chrono::Duration::from_std(self.retention) else {
            return;
        };
        match self.store.prune_published(Utc::now() - age).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(rows = n, "pruned published outbox rows"),
            Err(e) => tracing::warn!(error = %e, "pruning the outbox failed"),
        }
    }
}

enum Progress {
    Published,
    Idle,
}
