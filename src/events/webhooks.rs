//! The webhook sender: fans committed outbox events out into deliveries,
//! then claims due deliveries and POSTs each, signed, in a task of its own,
//! so a slow or dead receiver holds only its own deliveries (at most
//! `PER_WEBHOOK` at once), never chats, Kafka or the other webhooks.
//!
//! At least once: a delivery is marked delivered only after a 2xx; a
//! sender that dies mid-send leaves a lock that runs out, and another node
//! (or this one after a restart) sends it again.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use chrono::{DateTime, Utc};
use reqwest::header;
use tokio::sync::{Notify, mpsc};
use url::Url;
use uuid::Uuid;

use crate::{
    config::WebhookConfig,
    domain::webhooks::{MAX_RETRY_GAP, retry_after, signature},
    rag::ssrf::{AddressPolicy, GuardedResolver, refusal},
    store::{Attempt, DueDelivery, Store, Wakeup},
};

/// Events fanned out per transaction: small enough that the chat's own
/// writes never wait long behind one.
const FAN_OUT_BATCH: i64 = 100;
const MAX_IN_FLIGHT: usize = 128;
const PER_WEBHOOK: usize = 16;
/// Attempts recorded per transaction.
const RECORD_BATCH: usize = 256;
/// How much of a refusing receiver's answer is kept, for the delivery log.
const KEPT_BODY_BYTES: usize = 512;
/// How long a claimed delivery stays locked past its send's timeout.
const LOCK_SLACK: Duration = Duration::from_secs(30);
const IDLE_POLL: Duration = Duration::from_secs(1);
const COALESCE: Duration = Duration::from_millis(5);
/// How often the sender asks whether any webhook exists.
const COUNT_EVERY: Duration = Duration::from_secs(1);
/// With no webhook at all, events are only marked fanned out (so the
/// outbox can be pruned), this often rather than after every commit.
const MARK_EVERY: Duration = Duration::from_secs(5);

pub struct WebhookSender {
    store: Arc<dyn Store>,
    poster: Arc<Poster>,
    wake: Wakeup,
    finished: Arc<Notify>,
    /// Deliveries this node is sending, per webhook.
    in_flight: Arc<Mutex<HashMap<Uuid, usize>>>,
    /// Each attempt's outcome, for the recorder to write in batches.
    outcomes: mpsc::UnboundedSender<(Uuid, Attempt)>,
    recorder: Option<mpsc::UnboundedReceiver<(Uuid, Attempt)>>,
}

/// What one delivery's task needs.
struct Poster {
    client: reqwest::Client,
    policy: AddressPolicy,
    config: WebhookConfig,
}

impl WebhookSender {
    pub fn new(store: Arc<dyn Store>, config: WebhookConfig) -> anyhow::Result<Self> {
        let policy = AddressPolicy::new(config.allow_private, "WEBHOOK_ALLOW_PRIVATE");
        let client = reqwest::Client::builder()
            .user_agent(concat!("Webchat-Webhooks/", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy() // a proxy would connect for us, past the address checks
            .dns_resolver(Arc::new(GuardedResolver::new(Arc::new(policy.clone()))))
            .connect_timeout(config.timeout.min(Duration::from_secs(5)))
            .timeout(config.timeout)
            .build()?;
        let (outcomes, recorder) = mpsc::unbounded_channel();
        Ok(WebhookSender {
            outcomes,
            recorder: Some(recorder),
            wake: store.signals().outbox(),
            store,
            poster: Arc::new(Poster {
                client,
                policy,
                config,
            }),
            finished: Arc::new(Notify::new()),
            in_flight: Arc::default(),
        })
    }

    /// Fans out and sends until `stop` resolves; sends under way finish
    /// (or time out) on their own.
    pub async fn run(mut self, stop: impl std::future::Future<Output = ()>) {
        tokio::pin!(stop);
        if let Some(outcomes) = self.recorder.take() {
            tokio::spawn(record(self.store.clone(), outcomes, self.finished.clone()));
        }
        let mut marked = tokio::time::Instant::now() - MARK_EVERY;
        let (mut any, mut counted) = (true, tokio::time::Instant::now() - COUNT_EVERY);
        loop {
            // whether there is any webhook, read at most once a second (not
            // per commit); with none, the chat pays no write for them
            if counted.elapsed() >= COUNT_EVERY {
                any = self.store.webhook_count().await.map_or(true, |n| n > 0);
                counted = tokio::time::Instant::now();
            }
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
            // commits come by the hundred a second under load: one round takes them all
            tokio::time::sleep(COALESCE).await;
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
        let counts = self.in_flight.lock().expect("in-flight counts").clone();
        let total: usize = counts.values().sum();
        if total >= MAX_IN_FLIGHT {
            return;
        }
        // what this node can still send, per webhook (and in all: the limit)
        let room = |hook: Uuid| PER_WEBHOOK.saturating_sub(counts.get(&hook).copied().unwrap_or(0));
        let now = Utc::now();
        let until = now
            + chrono::Duration::from_std(self.poster.config.timeout + LOCK_SLACK)
                .unwrap_or_else(|_| chrono::Duration::seconds(60));
        let due = match self
            .store
            .claim_deliveries(now, until, &room, MAX_IN_FLIGHT - total)
            .await
        {
            Ok(due) => due,
            Err(e) => {
                tracing::warn!(error = %e, "claiming webhook deliveries failed");
                return;
            }
        };
        for delivery in due {
            *self
                .in_flight
                .lock()
                .expect("in-flight counts")
                .entry(delivery.webhook_id)
                .or_default() += 1;
            let (poster, outcomes, in_flight) = (
                self.poster.clone(),
                self.outcomes.clone(),
                self.in_flight.clone(),
            );
            tokio::spawn(async move {
                let attempt = poster.attempt(&delivery).await;
                let _ = outcomes.send((delivery.id, attempt));
                if let Some(n) = in_flight
                    .lock()
                    .expect("in-flight counts")
                    .get_mut(&delivery.webhook_id)
                {
                    *n = n.saturating_sub(1);
                }
            });
        }
    }
}

/// Writes attempts as they come, many per transaction. An attempt whose
/// write fails is sent again once its lock runs out (at least once).
async fn record(
    store: Arc<dyn Store>,
    mut outcomes: mpsc::UnboundedReceiver<(Uuid, Attempt)>,
    finished: Arc<Notify>,
) {
    let mut batch = Vec::with_capacity(RECORD_BATCH);
    while outcomes.recv_many(&mut batch, RECORD_BATCH).await > 0 {
        if let Err(e) = store.record_attempts(&batch, Utc::now()).await {
            tracing::warn!(error = %e, attempts = batch.len(), "recording webhook attempts failed");
        }
        batch.clear();
        finished.notify_one();
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
        self.policy.check_host(host).map_err(|r| r.to_string())?;
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
        if let Some(refused) = refusal(e) {
            return refused.to_string();
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
