//! `chat --webhooks N`: N webhooks to a receiver in this process, so a run
//! measures what webhooks cost the chat (ack latency, server CPU) and how
//! fast they are delivered. The server needs `WEBHOOK_ALLOW_PRIVATE=true`
//! (the receiver is on loopback). Each `message.created` delivery carries
//! the message's `clientMsgId`, whose send time gives the latency from emit
//! to the webhook's arrival.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use axum::{body::Bytes, extract::State, http::StatusCode, routing::post};
use serde_json::{Value, json};

use crate::{
    chat::sent_us,
    report::{WebhookBench, round2},
    scenario::Ctx,
    stats::{Counter, Histogram},
};

#[derive(Default)]
struct Seen {
    received: Counter,
    messages: Counter,
    latency: Histogram,
}

pub struct Hooks {
    ids: Vec<String>,
    admin: String,
    seen: Arc<Seen>,
    task: tokio::task::JoinHandle<()>,
}

async fn take(State((seen, t0)): State<(Arc<Seen>, Instant)>, body: Bytes) -> StatusCode {
    seen.received.inc();
    if let Ok(event) = serde_json::from_slice::<Value>(&body)
        && event["type"] == "message.created"
        && let Some(sent) = event["data"]["clientMsgId"].as_str().and_then(sent_us)
    {
        seen.messages.inc();
        let now = u64::try_from(t0.elapsed().as_micros()).unwrap_or(u64::MAX);
        seen.latency.record_us(now.saturating_sub(sent));
    }
    StatusCode::NO_CONTENT
}

impl Hooks {
    /// Starts the receiver and registers `n` webhooks for `message.created`.
    /// `t0` is the instant the run's `clientMsgId`s count from.
    pub async fn start(ctx: &Ctx, n: usize, t0: Instant) -> anyhow::Result<Hooks> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}/hook", listener.local_addr()?);
        let seen = Arc::new(Seen::default());
        let app = axum::Router::new()
            .route("/hook", post(take))
            .with_state((seen.clone(), t0));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        let admin = ctx.admin_token().await?;
        let mut ids = Vec::new();
        for _ in 0..n {
            let made = ctx
                .post_json(
                    "/api/webhooks",
                    &admin,
                    json!({ "url": url, "events": ["message.created"] }),
                )
                .await?;
            ids.push(
                made["webhook"]["id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            );
        }
        Ok(Hooks {
            ids,
            admin,
            seen,
            task,
        })
    }

    /// Waits until every acked message reached every webhook (or `timeout`),
    /// removes the webhooks and reports.
    pub async fn finish(
        self,
        ctx: &Ctx,
        acked: u64,
        sending: f64,
        timeout: Duration,
    ) -> WebhookBench {
        let expected = acked * self.ids.len() as u64;
        let drain = Instant::now();
        let deadline = drain + timeout;
        while self.seen.messages.get() < expected && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let drain_s = drain.elapsed().as_secs_f64();
        for id in &self.ids {
            ctx.delete(&format!("/api/webhooks/{id}"), &self.admin)
                .await;
        }
        self.task.abort();
        let messages = self.seen.messages.get();
        WebhookBench {
            webhooks: self.ids.len(),
            expected,
            delivered: messages,
            other_events: self.seen.received.get() - messages,
            delivered_per_s: round2(messages as f64 / (sending + drain_s).max(f64::EPSILON)),
            drain_s: round2(drain_s),
            latency_ms: self.seen.latency.percentiles(),
        }
    }
}
