//! The webhook sender: fans committed outbox events out into deliveries,
//! then claims due deliveries and POSTs each, signed, in a task of its own,
//! so a slow or dead receiver holds only its own deliveries (at most
//! `PER_WEBHOOK` at once), never chats, Kafka or the other webhooks.
//!
//! At least once: a delivery is marked delivered only after a 2xx; a
//! sender that dies mid-send leaves a lock that runs out, and another node
//! (or this one after a restart) sends it again.

use std::{sync::Arc, time::Duration};

use chrono::{DateTime, Utc};
use reqwest::header;
use tokio::sync::{Notify, Semaphore};
use url::Url;

use crate::{
    config::WebhookConfig,
    domain::webhooks::{MAX_RETRY_GAP, retry_after, signature},
    rag::ssrf::{AddressPolicy, GuardedResolver, refusal},
    store::{Attempt, DueDelivery, Store, Wakeup},
};

const FAN_OUT_BATCH: i64 = 500;
const MAX_IN_FLIGHT: usize = 64;
const PER_WEBHOOK: usize = 4;
/// How much of a refusing receiver's answer is kept, for the delivery log.
const KEPT_BODY_BYTES: usize = 512;
/// How long a claimed delivery stays locked past its send's timeout.
const LOCK_SLACK: Duration = Duration::from_secs(30);
const IDLE_POLL: Duration = Duration::from_secs(1);
/// With no webhook at all, events are only marked fanned out (so the
/// outbox can be pruned), this often rather than after every commit.
const MARK_EVERY: Duration = Duration::from_secs(5);

pub struct WebhookSender {
    store: Arc<dyn Store>,
    poster: Arc<Poster>,
    wake: Wakeup,
    finished: Arc<Notify>,
    slots: Arc<Semaphore>,
}

/// What one delivery's task needs.
struct Poster {
    client: reqwest::Client,
    policy: AddressPolicy,
    config: WebhookConfig,
}

impl WebhookSender {
    pub fn new(store: Arc<dyn Store>, config: WebhookConfig) -> anyhow::Result<Self> {
        let policy = AddressPolicy {
            allow_private: config.allow_private,
            ..AddressPolicy::default()
        };
        let client = reqwest::Client::builder()
            .user_agent(concat!("Webchat-Webhooks/", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy() // a proxy would connect for us, past the address checks
            .dns_resolver(Arc::new(GuardedResolver::new(Arc::new(policy.clone()))))
            .connect_timeout(config.timeout.min(Duration::from_secs(5)))
            .timeout(config.timeout)
            .build()?;
        Ok(WebhookSender {
            wake: store.signals().outbox(),
            store,
            poster: Arc::new(Poster {
                client,
                policy,
                config,
            }),
            finished: Arc::new(Notify::new()),
            slots: Arc::new(Semaphore::new(MAX_IN_FLIGHT)),
        })
    }

    /// Fans out and sends until `stop` resolves; sends under way finish
    /// (or time out) on their own.
    pub async fn run(mut self, stop: impl std::future::Future<Output = ()>) {
        tokio::pin!(stop);
        let mut marked = tokio::time::Instant::now() - MARK_EVERY;
        loop {
            // a read per wake-up; no webhook costs the chat no write
            let any = self.store.webhook_count().await.map_or(true, |n| n > 0);
            if any || marked.elapsed() >= MARK_EVERY {
                self.fan_out().await;
                marked = tokio::time::Instant::now();
            }
            if any {
                self.send_due().await;
            }
            tokio::select! {
                () = &mut stop => return,
                () = self.wake.raised() => {}
                () = self.finished.notified() => {}
                () = tokio::time::sleep(IDLE_POLL) => {}
            }
        }
    }

    async fn fan_out(&self) {
        loop {
            match self.store.fan_out_webhooks(FAN_OUT_BATCH).await {
                Ok(n) if n as i64 == FAN_OUT_BATCH => {}
                Ok(_) => return,
                Err(e) => {
                    tracing::warn!(error = %e, "webhook fan-out failed; retrying");
                    return;
                }
            }
        }
    }

    async fn send_due(&self) {
        let free = self.slots.available_permits();
        if free == 0 {
            return;
        }
        let now = Utc::now();
        let until = now
            + chrono::Duration::from_std(self.poster.config.timeout + LOCK_SLACK)
                .unwrap_or_else(|_| chrono::Duration::seconds(60));
        let due = match self
            .store
            .claim_deliveries(now, until, PER_WEBHOOK, free)
            .await
        {
            Ok(due) => due,
            Err(e) => {
                tracing::warn!(error = %e, "claiming webhook deliveries failed");
                return;
            }
        };
        for delivery in due {
            let Ok(slot) = self.slots.clone().acquire_owned().await else {
                return;
            };
            let (store, poster, finished) = (
                self.store.clone(),
                self.poster.clone(),
                self.finished.clone(),
            );
            tokio::spawn(async move {
                let attempt = poster.attempt(&delivery).await;
                if let Err(e) = store.record_attempt(delivery.id, attempt, Utc::now()).await {
                    // the lock runs out and the delivery is sent again
                    tracing::warn!(error = %e, delivery.id = %delivery.id, "recording a webhook attempt failed");
                }
                drop(slot);
                finished.notify_one();
            });
        }
    }
}

impl Poster {
    /// One POST and what it means for the delivery.
    async fn attempt(&self, d: &DueDelivery) -> Attempt {
        let outcome = self.post(d).await;
        let (status, error) = match outcome {
            Ok(Answer::Success(status)) => return Attempt::Delivered { status },
            Ok(Answer::Refused(status, body)) => (Some(status), format!("HTTP {status}{body}")),
            Err(error) => (None, error),
        };
        tracing::debug!(delivery.id = %d.id, error, "webhook not delivered");
        Attempt::Failed {
            status,
            error,
            retry_at: self.next_try(d, Utc::now()),
        }
    }

    /// When to try again after this failure, or `None` once the retry window is over.
    fn next_try(&self, d: &DueDelivery, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let attempts = u32::try_from(d.attempts).unwrap_or(0) + 1;
        let jitter = 0.8 + rand::random::<f64>() * 0.4;
        let wait = retry_after(attempts, self.config.first_retry, MAX_RETRY_GAP, jitter);
        let at = now + chrono::Duration::from_std(wait).ok()?;
        let window = chrono::Duration::from_std(self.config.retry_for).ok()?;
        (at <= d.created_at + window).then_some(at)
    }

    async fn post(&self, d: &DueDelivery) -> Result<Answer, String> {
        let url = Url::parse(&d.url).map_err(|e| format!("the URL is not valid: {e}"))?;
        let host = url.host_str().unwrap_or_default();
        self.policy
            .check_host(host)
            .map_err(|r| refused_text(&r.host, &r.reason))?;
        let body = d.payload.as_bytes();
        let signed = signature(&d.secret, Utc::now().timestamp(), body);
        let res = self
            .client
            .post(url)
            .header(header::CONTENT_TYPE, "application/json")
            .header("webchat-event-id", d.event_id.to_string())
            .header("webchat-event-type", &d.event_type)
            .header("webchat-signature", signed)
            .body(d.payload.clone())
            .send()
            .await
            .map_err(|e| self.network_text(&e))?;
        let status = i32::from(res.status().as_u16());
        if res.status().is_success() {
            return Ok(Answer::Success(status));
        }
        Ok(Answer::Refused(status, kept_body(res).await))
    }

    fn network_text(&self, e: &reqwest::Error) -> String {
        if let Some(r) = refusal(e) {
            return refused_text(&r.host, &r.reason);
        }
        if e.is_timeout() {
            return format!("no answer within {} s", self.config.timeout.as_secs());
        }
        if e.is_connect() {
            return "could not connect to the receiver".into();
        }
        format!("the request failed: {e}")
    }
}

enum Answer {
    Success(i32),
    /// A non-2xx status and the start of its body (`": …"`, or empty).
    Refused(i32, String),
}

fn refused_text(host: &str, reason: &str) -> String {
    format!(
        "refused to connect to {host}: {reason} (set WEBHOOK_ALLOW_PRIVATE=true to allow private addresses)"
    )
}

/// The first bytes of a refusing answer, read no further.
async fn kept_body(mut res: reqwest::Response) -> String {
    let mut body = Vec::new();
    while body.len() < KEPT_BODY_BYTES {
        match res.chunk().await {
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            _ => break,
        }
    }
    body.truncate(KEPT_BODY_BYTES);
    let text = String::from_utf8_lossy(&body);
    let text = text.trim();
    if text.is_empty() {
        String::new()
    } else {
        format!(": {}", text.chars().take(200).collect::<String>())
    }
}
