//! The idle scenario: N visitors connect and say hello (optionally opening a
//! session each), then hold without traffic. It measures how fast they
//! connect, how many stay up, and the server's memory per connection.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::{
    cli::IdleArgs,
    report::{Idle, Report, round2},
    scenario::{Ctx, held, ignore_events, run_all},
};

pub async fn run(ctx: &Ctx, args: &IdleArgs) -> anyhow::Result<Report> {
    ctx.start_measuring();
    let started = Instant::now();
    let clients = run_all(args.connections, ctx.concurrency, |i| async move {
        let client = ctx
            .visitor(&format!("LG idle visitor {i}"), ignore_events())
            .await?;
        if args.with_session {
            ctx.call(&client, "session:create", json!({})).await?;
        }
        Some(client)
    })
    .await;
    let clients: Vec<_> = clients.into_iter().flatten().collect();
    let connect_s = started.elapsed().as_secs_f64();
    eprintln!(
        "loadgen: {} connections open in {connect_s:.1} s; holding for {:?}",
        clients.len(),
        args.hold
    );

    let until = Instant::now() + args.hold;
    while Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(500).min(until - Instant::now())).await;
    }
    let held = held(&clients);
    let mut report = ctx.report(
        "idle",
        json!({
            "connections": args.connections,
            "hold_s": args.hold.as_secs_f64(),
            "with_session": args.with_session,
        }),
    );
    report.connections.attempted = args.connections;
    report.connections.held = held;
    let memory_per_connection_kb = report.server.as_ref().and_then(|s| {
        (held > 0).then(|| round2((s.rss_end_mb - s.rss_start_mb) * 1024.0 / held as f64))
    });
    report.idle = Some(Idle {
        connect_s: round2(connect_s),
        connects_per_s: round2(clients.len() as f64 / connect_s.max(1e-3)),
        memory_per_connection_kb,
    });
    Ok(report)
}
