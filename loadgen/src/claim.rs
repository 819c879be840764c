//! The claim storm: visitors fill the queue with S sessions, A agents connect,
//! and on one signal every agent works through all S sessions in its own
//! random order, skipping those its `queue:remove` events say are gone, one
//! claim at a time like the agent app. Each session must be won exactly once.

use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, Mutex},
    time::Instant,
};

use rand::seq::SliceRandom;
use serde_json::{Value, json};
use tokio::sync::watch;

use crate::{
    cli::ClaimStormArgs,
    client::{Client, OnEvent, ack_error},
    report::{Claims, Report, round2},
    scenario::{Ctx, held, run_all},
    stats::{Counter, Histogram},
};

#[derive(Default)]
struct Stats {
    wins: Mutex<HashMap<String, u32>>,
    last_win: Mutex<Option<Instant>>,
    conflicts: Counter,
    notified: Counter,
    latency: Histogram,
}

/// Keeps an agent's set of sessions the server said left the queue.
fn on_queue_remove(removed: Arc<Mutex<HashSet<String>>>) -> OnEvent {
    Arc::new(move |name, data| {
        if name == "queue:remove"
            && let Some(id) = data["sessionId"].as_str()
        {
            removed.lock().expect("lock").insert(id.to_string());
        }
    })
}

pub async fn run(ctx: &Ctx, args: &ClaimStormArgs) -> anyhow::Result<Report> {
    let stats = Arc::new(Stats::default());
    let counted = stats.clone();
    let accepted = Arc::new(move || counted.notified.inc());
    let (visitors, sessions) = fill_queue(ctx, args.sessions, visitors_for(args), accepted).await?;
    let tokens = ctx.create_agents(args.agents.max(1)).await?;
    let agents = run_all(tokens.len(), ctx.concurrency, |i| {
        let removed = Arc::new(Mutex::new(HashSet::new()));
        let token = tokens[i].clone();
        async move {
            let client = ctx.agent(&token, on_queue_remove(removed.clone())).await?;
            Some((Arc::new(client), removed))
        }
    })
    .await;
    let agents: Vec<_> = agents.into_iter().flatten().collect();
    anyhow::ensure!(!agents.is_empty(), "no agent could connect");

    let (go, signal) = watch::channel(false);
    let mut tasks = tokio::task::JoinSet::new();
    for (client, removed) in &agents {
        let mut order = sessions.clone();
        order.shuffle(&mut rand::thread_rng());
        let (client, removed, stats) = (client.clone(), removed.clone(), stats.clone());
        let (errors, mut signal) = (ctx.errors.clone(), signal.clone());
        tasks.spawn(async move {
            let _ = signal.wait_for(|go| *go).await;
            for id in order {
                if removed.lock().expect("lock").contains(&id) {
                    continue;
                }
                claim(&client, &id, &stats, &errors).await;
            }
        });
    }
    ctx.start_measuring();
    let started = Instant::now();
    let _ = go.send(true);
    while tasks.join_next().await.is_some() {}
    tokio::time::sleep(std::time::Duration::from_millis(200)).await; // late notifications

    let last = stats.last_win.lock().expect("lock").unwrap_or(started);
    let drain_s = last.duration_since(started).as_secs_f64();
    let wins = stats.wins.lock().expect("lock").clone();
    let won: u64 = wins.values().map(|&n| u64::from(n)).sum();
    let mut report = ctx.report("claim-storm", params(args));
    report.connections.attempted = agents.len() + visitors_for(args);
    report.connections.held = held(agents.iter().map(|a| &*a.0)) + held(&visitors);
    report.claims = Some(Claims {
        sessions: sessions.len(),
        agents: agents.len(),
        won,
        conflicts: stats.conflicts.get(),
        duplicate_wins: wins.values().filter(|&&n| n > 1).count() as u64,
        unclaimed: sessions.iter().filter(|s| !wins.contains_key(*s)).count() as u64,
        visitors_notified: stats.notified.get(),
        drain_s: (drain_s * 1000.0).round() / 1000.0,
        claims_per_s: round2(won as f64 / drain_s.max(1e-3)),
        claim_latency_ms: stats.latency.percentiles(),
    });
    Ok(report)
}

async fn claim(client: &Client, id: &str, stats: &Stats, errors: &crate::stats::Errors) {
    let at = Instant::now();
    match client.call("agent:claim", json!({"sessionId": id})).await {
        Ok(ack) => {
            stats.latency.record(at.elapsed());
            match ack_error(&ack).as_deref() {
                None => {
                    *stats
                        .wins
                        .lock()
                        .expect("lock")
                        .entry(id.into())
                        .or_default() += 1;
                    *stats.last_win.lock().expect("lock") = Some(Instant::now());
                }
                Some("conflict") => stats.conflicts.inc(),
                Some(code) => errors.add(code),
            }
        }
        Err(e) => errors.add(e.code()),
    }
}

fn visitors_for(args: &ClaimStormArgs) -> usize {
    args.visitors.unwrap_or(100).clamp(1, args.sessions.max(1))
}

/// Opens `sessions` queued sessions spread over `visitors` visitors, who
/// stay connected (calling `accepted` on each `handoff:accepted`) while held.
pub(crate) async fn fill_queue(
    ctx: &Ctx,
    sessions: usize,
    visitors: usize,
    accepted: Arc<dyn Fn() + Send + Sync>,
) -> anyhow::Result<(Vec<Client>, Vec<String>)> {
    let per = sessions.div_ceil(visitors);
    let opened = run_all(visitors, ctx.concurrency, |i| {
        let accepted = accepted.clone();
        async move {
            let count = per.min(sessions.saturating_sub(i * per));
            let notified: OnEvent = Arc::new(move |name, _| {
                if name == "handoff:accepted" {
                    accepted();
                }
            });
            let client = ctx
                .visitor(&format!("LG storm visitor {i}"), notified)
                .await?;
            let mut ids = Vec::with_capacity(count);
            for _ in 0..count {
                ids.extend(ctx.queued_session(&client).await);
            }
            Some((client, ids))
        }
    })
    .await;
    let (clients, ids): (Vec<Client>, Vec<Vec<String>>) = opened.into_iter().flatten().unzip();
    let sessions: Vec<String> = ids.into_iter().flatten().collect();
    anyhow::ensure!(!sessions.is_empty(), "no session could be queued");
    Ok((clients, sessions))
}

fn params(args: &ClaimStormArgs) -> Value {
    json!({"sessions": args.sessions, "agents": args.agents, "visitors": visitors_for(args)})
}
