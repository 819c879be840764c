//! The chat scenario: N visitors each open a session and ask for a human; M
//! agents claim them (visitor i's session goes to agent i mod M); then both
//! sides send messages at a set total rate (open loop: sends follow the
//! clock, not the acks). Each `clientMsgId` carries its send time, so the
//! receiving side measures delivery latency when its `message:new` arrives.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use serde_json::{Value, json};
use tokio::task::JoinSet;

use crate::{
    cli::ChatArgs,
    client::{Client, OnEvent},
    report::{Messages, Report, round2},
    scenario::{Ctx, held, run_all},
    stats::{Counter, Histogram},
    webhooks::Hooks,
};

#[derive(Default)]
struct Stats {
    t0: Option<Instant>,
    sent: Counter,
    acked: Counter,
    delivered: Counter,
    ack: Histogram,
    delivery: Histogram,
}

impl Stats {
    fn now_us(&self) -> u64 {
        let t0 = self.t0.expect("t0 set");
        u64::try_from(t0.elapsed().as_micros()).unwrap_or(u64::MAX)
    }
}

/// `lg:<µs since the run started>:<n>`.
fn client_msg_id(sent_us: u64, n: u64) -> String {
    format!("lg:{sent_us}:{n}")
}

/// The send time (µs since the run started) a `clientMsgId` of this run carries.
pub fn sent_us(client_msg_id: &str) -> Option<u64> {
    client_msg_id
        .strip_prefix("lg:")?
        .split(':')
        .next()?
        .parse()
        .ok()
}

/// Records deliveries of messages sent by `from` ("user" or "agent").
fn on_delivery(stats: Arc<Stats>, from: &'static str) -> OnEvent {
    Arc::new(move |name, data| {
        if name != "message:new" || data["senderType"] != from {
            return;
        }
        if let Some(sent) = data["clientMsgId"].as_str().and_then(sent_us) {
            stats.delivered.inc();
            stats
                .delivery
                .record_us(stats.now_us().saturating_sub(sent));
        }
    })
}

/// One side of one session: who sends, into which session.
type Sender = (Arc<Client>, String);

pub async fn run(ctx: &Ctx, args: &ChatArgs) -> anyhow::Result<Report> {
    let stats = Arc::new(Stats {
        t0: Some(Instant::now()),
        ..Stats::default()
    });
    let tokens = ctx.create_agents(args.agents.max(1)).await?;
    let agents: Vec<Option<Client>> = run_all(tokens.len(), ctx.concurrency, |i| {
        ctx.agent(&tokens[i], on_delivery(stats.clone(), "user"))
    })
    .await;
    let agents: Vec<Arc<Client>> = agents.into_iter().flatten().map(Arc::new).collect();
    anyhow::ensure!(!agents.is_empty(), "no agent could connect");

    let visitors = run_all(args.visitors, ctx.concurrency, |i| {
        let (stats, agents) = (stats.clone(), &agents);
        async move {
            let events = on_delivery(stats, "agent");
            let visitor = ctx.visitor(&format!("LG visitor {i}"), events).await?;
            let session = ctx.queued_session(&visitor).await?;
            let agent = agents[i % agents.len()].clone();
            ctx.call(&agent, "agent:claim", json!({"sessionId": session}))
                .await?;
            Some((Arc::new(visitor), agent, session))
        }
    })
    .await;
    let pairs: Vec<_> = visitors.into_iter().flatten().collect();
    anyhow::ensure!(!pairs.is_empty(), "no session got to an agent");
    let mut senders: Vec<Sender> = Vec::with_capacity(pairs.len() * 2);
    for (visitor, agent, session) in &pairs {
        senders.push((visitor.clone(), session.clone()));
        senders.push((agent.clone(), session.clone()));
    }

    let hooks = match args.webhooks {
        0 => None,
        n => Some(Hooks::start(ctx, n, stats.t0.expect("t0 set")).await?),
    };
    ctx.start_measuring();
    let started = Instant::now();
    send_at_rate(ctx, &stats, &senders, args).await;
    let sending = started.elapsed().as_secs_f64();
    drain(&stats, ctx.timeout).await;
    let webhooks = match hooks {
        Some(hooks) => Some(
            hooks
                .finish(ctx, stats.acked.get(), sending, ctx.timeout * 6)
                .await,
        ),
        None => None,
    };

    let attempted = args.visitors + args.agents;
    let held = held(agents.iter().map(|a| &**a)) + held(pairs.iter().map(|p| &*p.0));
    let mut report = ctx.report("chat", params(args));
    report.connections.attempted = attempted;
    report.connections.held = held;
    report.messages = Some(Messages {
        sent: stats.sent.get(),
        acked: stats.acked.get(),
        delivered: stats.delivered.get(),
        acked_per_s: round2(stats.acked.get() as f64 / sending),
        delivered_per_s: round2(stats.delivered.get() as f64 / sending),
        ack_latency_ms: stats.ack.percentiles(),
        delivery_latency_ms: stats.delivery.percentiles(),
    });
    report.webhooks = webhooks;
    Ok(report)
}

fn params(args: &ChatArgs) -> Value {
    json!({
        "visitors": args.visitors,
        "agents": args.agents,
        "rate": args.rate,
        "duration_s": args.duration.as_secs_f64(),
        "text_bytes": args.text_bytes,
        "webhooks": args.webhooks,
    })
}

/// Sends round-robin over every side of every session, `rate` per second in
/// total, for `duration`; returns once every send has its ack (or failed).
async fn send_at_rate(ctx: &Ctx, stats: &Arc<Stats>, senders: &[Sender], args: &ChatArgs) {
    let text: Arc<str> = "x".repeat(args.text_bytes.max(1)).into();
    let mut tasks = JoinSet::new();
    let mut tick = tokio::time::interval(Duration::from_millis(2));
    let started = Instant::now();
    let mut n: u64 = 0;
    while started.elapsed() < args.duration {
        tick.tick().await;
        let due = (started.elapsed().as_secs_f64() * args.rate) as u64;
        while n < due {
            let (client, session) = senders[(n % senders.len() as u64) as usize].clone();
            let (stats, errors, text) = (stats.clone(), ctx.errors.clone(), text.clone());
            tasks.spawn(async move {
                let id = client_msg_id(stats.now_us(), n);
                let payload = json!({"sessionId": session, "text": &*text, "clientMsgId": id});
                stats.sent.inc();
                let at = Instant::now();
                match client.call("message:send", payload).await {
                    Ok(ack) if ack["ok"] == true => {
                        stats.ack.record(at.elapsed());
                        stats.acked.inc();
                    }
                    Ok(ack) => errors.add(ack["error"]["code"].as_str().unwrap_or("bad_ack")),
                    Err(e) => errors.add(e.code()),
                }
            });
            n += 1;
        }
        while tasks.try_join_next().is_some() {}
    }
    while tasks.join_next().await.is_some() {}
}

/// Waits until every acked message was delivered, or `timeout` passes.
async fn drain(stats: &Stats, timeout: Duration) {
    let deadline = Instant::now() + timeout;
    while stats.delivered.get() < stats.acked.get() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn send_time_travels_in_the_client_msg_id() {
        let id = client_msg_id(123_456, 7);
        assert_eq!(sent_us(&id), Some(123_456));
        assert!(id.len() <= 100);
        assert_eq!(sent_us("someone-else"), None);
    }

    #[test]
    fn deliveries_count_only_the_other_side() {
        let stats = Arc::new(Stats {
            t0: Some(Instant::now()),
            ..Stats::default()
        });
        let on = on_delivery(stats.clone(), "agent");
        on(
            "message:new",
            json!({"senderType": "agent", "clientMsgId": "lg:0:1"}),
        );
        on(
            "message:new",
            json!({"senderType": "user", "clientMsgId": "lg:0:2"}),
        );
        on("message:new", json!({"senderType": "agent"}));
        on(
            "queue:new",
            json!({"senderType": "agent", "clientMsgId": "lg:0:3"}),
        );
        assert_eq!(stats.delivered.get(), 1);
        assert_eq!(stats.delivery.count(), 1);
    }
}
