//! The `loadgen` binary against a real app at tiny scale: the chat scenario
//! delivers every acked message with no errors, the claim storm gives
//! every session exactly one winner, and the routing drain routes each
//! session once without overfilling an agent.

use serde_json::Value;

use crate::helpers::{
    ADMIN_EMAIL, ADMIN_PASSWORD, Db, TestApp, fresh_database, one_address_many_visitors,
};
use crate::on_both_databases;

/// The `loadgen` binary, a workspace member of its own: built beside this
/// test binary by `cargo build --workspace` (`scripts/test.sh` does).
fn loadgen_bin() -> std::path::PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>");
    let bin = dir.join(format!("loadgen{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "{} is missing: run `cargo build --workspace` first",
        bin.display()
    );
    bin
}

/// Runs `loadgen <args>` against `app` and returns its JSON report.
async fn loadgen(app: &TestApp, args: &[&str]) -> Value {
    let dir = std::env::temp_dir().join("webchat-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let json = dir.join(format!("loadgen-{}.json", uuid::Uuid::now_v7()));
    let out = tokio::process::Command::new(loadgen_bin())
        .args(["--url", &app.base, "--admin-email", ADMIN_EMAIL])
        .args(["--admin-password", ADMIN_PASSWORD, "--timeout", "5s"])
        .args(["--server-pid", &std::process::id().to_string()])
        .arg("--json")
        .arg(&json)
        .args(args)
        .output()
        .await
        .expect("loadgen runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "loadgen failed:\n{stdout}\n{stderr}");
    let report = std::fs::read_to_string(&json).expect("the JSON report");
    let _ = std::fs::remove_file(&json);
    serde_json::from_str(&report).unwrap()
}

async fn loadgen_chat_delivers_everything(db: Db) {
    let url = fresh_database(db).await;
    let app = TestApp::spawn_on(&url, one_address_many_visitors).await;
    let chat = ["chat", "--visitors", "5", "--agents", "2", "--rate", "20"];
    let r = loadgen(&app, &[&chat[..], &["--duration", "2s"]].concat()).await;
    assert_eq!(r["error_total"], 0, "{r:#}");
    assert_eq!(r["connections"]["held"], 7, "{r:#}");
    let m = &r["messages"];
    let acked = m["acked"].as_u64().unwrap();
    assert!(acked >= 30, "about 40 messages in 2 s at 20/s: {r:#}");
    assert_eq!(m["sent"], acked, "{r:#}");
    assert_eq!(
        m["delivered"], acked,
        "every acked message reached the other side"
    );
    let p = &m["delivery_latency_ms"];
    assert_eq!(p["count"], acked);
    assert!(p["p50"].as_f64().unwrap() <= p["p99"].as_f64().unwrap());
    assert!(r["server"]["rss_end_mb"].as_f64().unwrap() > 0.0);
}

async fn loadgen_claim_storm_has_one_winner_each(db: Db) {
    let url = fresh_database(db).await;
    let app = TestApp::spawn_on(&url, one_address_many_visitors).await;
    let storm = ["claim-storm", "--sessions", "30", "--agents", "4"];
    let r = loadgen(&app, &[&storm[..], &["--visitors", "5"]].concat()).await;
    assert_eq!(r["error_total"], 0, "{r:#}");
    let c = &r["claims"];
    assert_eq!(c["won"], 30, "{r:#}");
    assert_eq!(c["duplicate_wins"], 0);
    assert_eq!(c["unclaimed"], 0);
    assert_eq!(c["visitors_notified"], 30);
}

async fn loadgen_route_drains_the_queue_once_each(db: Db) {
    let url = fresh_database(db).await;
    let app = TestApp::spawn_on(&url, |c| {
        one_address_many_visitors(c);
        c.routing.mode = webchat::chat::routing::RoutingMode::Auto;
    })
    .await;
    let route = [
        "route",
        "--sessions",
        "30",
        "--agents",
        "4",
        "--capacity",
        "2",
    ];
    let r = loadgen(
        &app,
        &[&route[..], &["--visitors", "5", "--singles", "3"]].concat(),
    )
    .await;
    assert_eq!(r["error_total"], 0, "{r:#}");
    let routing = &r["routing"];
    assert_eq!(routing["routed"], 30, "{r:#}");
    assert_eq!(routing["duplicate_routes"], 0);
    assert_eq!(routing["unrouted"], 0);
    assert_eq!(routing["over_capacity"], 0, "no agent above its capacity");
    assert_eq!(routing["visitors_notified"], 30);
    assert_eq!(routing["route_latency_ms"]["count"], 30);
    assert_eq!(
        routing["single_latency_ms"]["count"], 3,
        "each single handoff routed: {r:#}"
    );
}

on_both_databases!(
    loadgen_chat_delivers_everything,
    loadgen_claim_storm_has_one_winner_each,
    loadgen_route_drains_the_queue_once_each,
);
