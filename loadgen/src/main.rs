//! `loadgen`: drives a running Webchat server with real visitors and agents
//! over Socket.IO and reports throughput, delivery latency, errors and the
//! server's memory and CPU, as text on stdout and optionally as JSON.
//!
//! Scenarios: `chat` (handoff, claim, then messages both ways at a set rate),
//! `idle` (connections held), `claim-storm` (many agents racing for a full
//! queue), `route` (a full queue routed to agents by capacity), `startup`
//! (cold start to `/health`) and `search` (search latency over a seeded
//! database); `chat --webhooks N` also measures webhook deliveries.
#![forbid(unsafe_code)]

mod chat;
mod claim;
mod cli;
mod client;
mod idle;
mod procstat;
mod report;
mod route;
mod scenario;
mod search;
mod startup;
mod stats;
mod webhooks;

use anyhow::Context;
use clap::Parser;

use crate::{
    cli::{Cli, Command},
    scenario::Ctx,
};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    raise_open_file_limit();
    let ctx = Ctx::new(&cli)?;
    let report = match &cli.command {
        Command::Chat(args) => chat::run(&ctx, args).await?,
        Command::Idle(args) => idle::run(&ctx, args).await?,
        Command::ClaimStorm(args) => claim::run(&ctx, args).await?,
        Command::Route(args) => route::run(&ctx, args).await?,
        Command::Startup(args) => startup::run(&ctx, args).await?,
        Command::Search(args) => search::run(&ctx, args).await?,
    };
    print!("{}", report.text());
    if let Some(path) = &cli.json {
        let body = serde_json::to_string_pretty(&report)?;
        std::fs::write(path, body + "\n").with_context(|| format!("{}", path.display()))?;
    }
    Ok(())
}

/// Lifts the soft RLIMIT_NOFILE to the hard limit: every connection is a file.
fn raise_open_file_limit() {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(n) => tracing::debug!("open file limit {n}"),
        Err(e) => eprintln!("loadgen: could not raise the open file limit: {e}"),
    }
}
