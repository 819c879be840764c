//! Search latency: an agent runs a set of queries (`GET /api/search`) round
//! after round against a server whose database was seeded beforehand
//! (`scripts/bench-search.sh` seeds a million messages), and the report
//! gives p50 and p99 per query and over all.

use std::time::Instant;

use anyhow::Context;
use serde_json::{Value, json};

use crate::{
    cli::SearchArgs,
    report::{Report, SearchBench, SearchQueryStats},
    scenario::{Ctx, run_all},
    stats::Histogram,
};

pub async fn run(ctx: &Ctx, args: &SearchArgs) -> anyhow::Result<Report> {
    let token = ctx.create_agents(1).await?.remove(0);
    let queries: Vec<String> = args
        .queries
        .split(',')
        .map(|q| q.trim().to_string())
        .collect();
    let all = Histogram::default();
    let per_query: Vec<(Histogram, std::sync::atomic::AtomicU64)> = queries
        .iter()
        .map(|_| (Histogram::default(), Default::default()))
        .collect();
    // One warm-up round, not measured (the first query of each kind pays
    // for cold pages).
    for q in &queries {
        search(ctx, &token, q).await.context("warm-up search")?;
    }
    ctx.start_measuring();
    let jobs = args.rounds * queries.len();
    run_all(jobs, args.concurrency, |i| {
        let (token, q) = (token.clone(), &queries[i % queries.len()]);
        let (hist, results) = &per_query[i % queries.len()];
        let all = &all;
        async move {
            let started = Instant::now();
            match search(ctx, &token, q).await {
                Ok(found) => {
                    let took = started.elapsed();
                    hist.record(took);
                    all.record(took);
                    results.store(found, std::sync::atomic::Ordering::Relaxed);
                }
                Err(e) => ctx.errors.add(&format!("search: {e}")),
            }
        }
    })
    .await;
    let mut report = ctx.report(
        "search",
        json!({ "queries": queries, "rounds": args.rounds, "concurrency": args.concurrency }),
    );
    report.search = Some(SearchBench {
        latency_ms: all.percentiles(),
        queries: queries
            .iter()
            .zip(&per_query)
            .map(|(q, (hist, results))| SearchQueryStats {
                query: q.clone(),
                results: results.load(std::sync::atomic::Ordering::Relaxed),
                latency_ms: hist.percentiles(),
            })
            .collect(),
    });
    Ok(report)
}

/// One search (a query string such as `q=refund&status=closed`); the number
/// of conversations on its first page.
async fn search(ctx: &Ctx, token: &str, query: &str) -> anyhow::Result<u64> {
    let url = format!("{}/api/search?{query}", ctx.base);
    let res = ctx.http.get(&url).bearer_auth(token).send().await?;
    let status = res.status();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    if !status.is_success() {
        anyhow::bail!("{status} {}", body["error"]["code"]);
    }
    Ok(body["results"].as_array().map_or(0, |r| r.len() as u64))
}
