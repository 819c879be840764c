//! Cold start: spawns the server binary on a fresh SQLite database (or the
//! `DATABASE_URL` in the environment), times spawn to the first 200 from
//! `/health`, stops it, and repeats. Also reports the binary's size.

use std::{
    process::Stdio,
    time::{Duration, Instant},
};

use anyhow::{Context, bail};
use serde_json::json;
use uuid::Uuid;

use crate::{
    cli::StartupArgs,
    report::{Report, Startup, round2},
    scenario::Ctx,
};

pub async fn run(ctx: &Ctx, args: &StartupArgs) -> anyhow::Result<Report> {
    let binary_bytes = std::fs::metadata(&args.bin)
        .with_context(|| format!("{}", args.bin.display()))?
        .len();
    let dir = std::env::temp_dir().join(format!("loadgen-startup-{}", Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir)?;
    ctx.start_measuring();
    let mut runs_ms = Vec::with_capacity(args.runs);
    for run in 0..args.runs.max(1) {
        let database = std::env::var("DATABASE_URL")
            .ok()
            .filter(|url| !url.is_empty())
            .unwrap_or_else(|| format!("sqlite://{}/run-{run}.db", dir.display()));
        runs_ms.push(time_one(ctx, args, &database).await?);
    }
    let _ = std::fs::remove_dir_all(&dir);
    let mut sorted = runs_ms.clone();
    sorted.sort_by(f64::total_cmp);
    let mut report = ctx.report(
        "startup",
        json!({"bin": args.bin.display().to_string(), "runs": args.runs, "port": args.port}),
    );
    report.startup = Some(Startup {
        binary: args.bin.display().to_string(),
        binary_bytes,
        min_ms: sorted[0],
        median_ms: sorted[sorted.len() / 2],
        runs_ms,
    });
    Ok(report)
}

/// Spawn to the first healthy answer, in milliseconds.
async fn time_one(ctx: &Ctx, args: &StartupArgs, database: &str) -> anyhow::Result<f64> {
    let health = format!("http://127.0.0.1:{}/health", args.port);
    let started = Instant::now();
    let mut child = tokio::process::Command::new(&args.bin)
        .env("DATABASE_URL", database)
        .env("HOST", "127.0.0.1")
        .env("PORT", args.port.to_string())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .with_context(|| format!("spawn {}", args.bin.display()))?;
    let result = loop {
        if let Ok(res) = ctx.http.get(&health).send().await
            && res.status().is_success()
        {
            break Ok(round2(started.elapsed().as_secs_f64() * 1000.0));
        }
        if let Some(status) = child.try_wait()? {
            break Err(anyhow::anyhow!("the server exited with {status}"));
        }
        if started.elapsed() > Duration::from_secs(60) {
            break Err(anyhow::anyhow!("no healthy answer within 60 s"));
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    };
    child.kill().await.ok();
    let _ = child.wait().await;
    match result {
        Ok(ms) => Ok(ms),
        Err(e) => bail!("startup on {database}: {e}"),
    }
}
