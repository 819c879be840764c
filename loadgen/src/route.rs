//! The routing drain (a server with `ROUTING=auto`): visitors fill the queue
//! with S sessions, then A agents come online at once and the server routes
//! the queue to them by capacity. Each agent ends a chat as soon as it is
//! routed one, which frees its place for the next; the run ends when every
//! session has been routed. Each session must be routed exactly once and no
//! agent may ever hold more chats than its capacity.
//!
//! Measured: the time to drain the queue (agents start → last session
//! routed); the routing latency under that load, from an agent's place
//! freeing (its close acked, or its `hello` for the first chats) to its next
//! `session:assigned` (with every place busy this is mostly the wait for
//! the queue's turn: places in flight / throughput); and, once drained, the
//! latency of single handoffs to idle agents (`handoff:request` to
//! `session:assigned`).

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use serde_json::{Value, json};
use tokio::sync::mpsc;

use crate::{
    claim::fill_queue,
    cli::RouteArgs,
    client::OnEvent,
    report::{Report, Routing, round2},
    scenario::{Ctx, held, run_all},
    stats::{Counter, Histogram},
};

#[derive(Default)]
struct Stats {
    routed: Mutex<HashMap<String, u32>>,
    routed_at: Mutex<HashMap<String, Instant>>,
    last_routed: Mutex<Option<Instant>>,
    over_capacity: Counter,
    notified: Counter,
    latency: Histogram,
}

pub async fn run(ctx: &Ctx, args: &RouteArgs) -> anyhow::Result<Report> {
    let stats = Arc::new(Stats::default());
    let counted = stats.clone();
    let accepted = Arc::new(move || counted.notified.inc());
    let visitors = args.visitors.unwrap_or(100).clamp(1, args.sessions.max(1));
    let (visitor_clients, sessions) = fill_queue(ctx, args.sessions, visitors, accepted).await?;
    let tokens = ctx
        .create_agents_with(args.agents.max(1), Some(args.capacity))
        .await?;
    let total = sessions.len();

    ctx.start_measuring();
    let started = Instant::now();
    let agents = run_all(tokens.len(), ctx.concurrency.max(tokens.len()), |i| {
        let (token, stats) = (tokens[i].clone(), stats.clone());
        async move {
            let (tx, rx) = mpsc::unbounded_channel::<(String, Instant)>();
            let on_event: OnEvent = Arc::new(move |name, data: Value| {
                if name == "session:assigned"
                    && let Some(id) = data["session"]["id"].as_str()
                {
                    let _ = tx.send((id.to_string(), Instant::now()));
                }
            });
            let asked = Instant::now();
            let client = Arc::new(ctx.agent(&token, on_event).await?);
            let worker = tokio::spawn(work(client.clone(), rx, asked, stats, args.capacity));
            Some((client, worker))
        }
    })
    .await;
    let agents: Vec<_> = agents.into_iter().flatten().collect();
    anyhow::ensure!(!agents.is_empty(), "no agent could connect");

    let deadline = Instant::now() + args.max_wait;
    while stats.routed.lock().expect("lock").len() < total && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await; // a wrong extra assignment shows here
    let last = stats.last_routed.lock().expect("lock").unwrap_or(started);
    let drain_s = last.duration_since(started).as_secs_f64();
    let routed = stats.routed.lock().expect("lock").clone();
    let held_now = held(agents.iter().map(|a| &*a.0)) + held(&visitor_clients);
    let route_latency = stats.latency.percentiles();
    let notified = stats.notified.get();
    let single = one_at_a_time(ctx, &visitor_clients, &stats, args.singles).await;
    let mut report = ctx.report("route", params(args, visitors));
    report.connections.attempted = agents.len() + visitors;
    report.connections.held = held_now;
    report.routing = Some(Routing {
        sessions: total,
        agents: agents.len(),
        capacity: args.capacity,
        routed: routed.len() as u64,
        duplicate_routes: routed.values().filter(|&&n| n > 1).count() as u64,
        unrouted: sessions.iter().filter(|s| !routed.contains_key(*s)).count() as u64,
        over_capacity: stats.over_capacity.get(),
        visitors_notified: notified,
        drain_s: (drain_s * 1000.0).round() / 1000.0,
        routed_per_s: round2(routed.len() as f64 / drain_s.max(1e-3)),
        route_latency_ms: route_latency,
        single_latency_ms: single.percentiles(),
    });
    for (_, worker) in agents {
        worker.abort();
    }
    Ok(report)
}

/// One agent: takes each routed chat, checks it is within capacity, ends it,
/// and times how long the next one took to come.
async fn work(
    client: Arc<crate::client::Client>,
    mut routed: mpsc::UnboundedReceiver<(String, Instant)>,
    online_at: Instant,
    stats: Arc<Stats>,
    capacity: usize,
) {
    // When each free place opened (capacity of them at hello).
    let mut free_since: Vec<Instant> = vec![online_at; capacity];
    let mut holding = 0usize;
    while let Some((id, at)) = routed.recv().await {
        holding += 1;
        if holding > capacity {
            stats.over_capacity.inc();
        }
        let opened = if free_since.is_empty() {
            at
        } else {
            free_since.remove(0)
        };
        stats.latency.record(at.saturating_duration_since(opened));
        *stats
            .routed
            .lock()
            .expect("lock")
            .entry(id.clone())
            .or_default() += 1;
        stats
            .routed_at
            .lock()
            .expect("lock")
            .entry(id.clone())
            .or_insert(at);
        *stats.last_routed.lock().expect("lock") = Some(at);
        if client
            .call("session:close", json!({ "sessionId": id }))
            .await
            .is_ok()
        {
            holding -= 1;
            free_since.push(Instant::now());
        }
    }
}

/// With the queue drained and every agent free: `count` handoffs one after
/// another, each timed from `handoff:request` to the agent's `session:assigned`.
async fn one_at_a_time(
    ctx: &Ctx,
    visitors: &[crate::client::Client],
    stats: &Stats,
    count: usize,
) -> Histogram {
    let latency = Histogram::default();
    let Some(visitor) = visitors.first() else {
        return latency;
    };
    for _ in 0..count {
        let Some(ack) = ctx.call(visitor, "session:create", json!({})).await else {
            continue;
        };
        let Some(id) = ack["session"]["id"].as_str().map(str::to_string) else {
            continue;
        };
        let asked = Instant::now();
        if ctx
            .call(visitor, "handoff:request", json!({ "sessionId": id }))
            .await
            .is_none()
        {
            continue;
        }
        let deadline = asked + Duration::from_secs(10);
        loop {
            if let Some(&at) = stats.routed_at.lock().expect("lock").get(&id) {
                latency.record(at.saturating_duration_since(asked));
                break;
            }
            if Instant::now() > deadline {
                ctx.errors.add("not_routed");
                break;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }
    latency
}

fn params(args: &RouteArgs, visitors: usize) -> Value {
    json!({
        "sessions": args.sessions,
        "agents": args.agents,
        "capacity": args.capacity,
        "visitors": visitors,
    })
}
