//! The team's presence over the wire: agents online by default, `away` by
//! choice, `offline` once their last socket has been gone for the grace
//! period, announced once to every agent and to `/admin`, and shared by
//! every node on one database.

use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::{Db, TestApp, fresh_database};
use crate::on_both_databases;
use crate::socket::Client;

/// The agent named `name` in `GET /api/agents`.
async fn listed(app: &TestApp, admin: &str, name: &str) -> Value {
    let (status, body) = app.get("/api/agents", Some(admin)).await;
    assert_eq!(status, 200, "{body}");
    body["agents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["displayName"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("{name} not in {body}"))
}

fn about(name: &'static str, status: &'static str) -> impl Fn(&Value) -> bool {
    move |a: &Value| a["displayName"] == name && a["status"] == status
}

/// Waits for an `agent:update` matching `pred` among those after the first
/// `seen` (a freshly created agent is announced offline before it connects).
async fn next_update(client: &Client, seen: usize, pred: impl Fn(&Value) -> bool) -> Value {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(found) = client
            .events("agent:update")
            .into_iter()
            .skip(seen)
            .find(&pred)
        {
            return found;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no such agent:update after {seen}: {:?}",
            client.events("agent:update")
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn grace_of_one_second(db: Db) -> TestApp {
    let url = fresh_database(db).await;
    TestApp::spawn_on(&url, |c| c.agent_offline_grace = Duration::from_secs(1)).await
}

async fn status_is_chosen_announced_and_listed(db: Db) {
    let app = grace_of_one_second(db).await;
    let admin_token = app.admin_token().await;
    let admin = Client::connect(app.port, "/admin", Some(json!({ "token": admin_token })))
        .await
        .unwrap();
    let (bob, _) = app.agent("Bob").await;
    let bob_listed = listed(&app, &admin_token, "Bob").await;
    assert_eq!(bob_listed["status"], "online", "{bob_listed}");
    assert_eq!(bob_listed["capacity"], 3);
    assert_eq!(bob_listed["activeChats"], 0);
    assert_eq!(bob_listed["active"], true);
    assert!(bob_listed["email"].as_str().unwrap().contains('@'));

    let carol_token = app.agent_token("Carol").await;
    let carol = app.socket(Some(&carol_token)).await;
    let hello = carol
        .call("hello", json!({"role": "agent", "token": carol_token}))
        .await;
    assert_eq!(
        hello["agent"]["status"], "online",
        "hello tells the agent its status"
    );
    bob.wait_for("agent:update", about("Carol", "online")).await;
    let ack = carol
        .call("agent:status", json!({ "status": "away" }))
        .await;
    assert_eq!(ack["ok"], true, "{ack}");
    assert_eq!(ack["agent"]["status"], "away");
    bob.wait_for("agent:update", about("Carol", "away")).await;
    admin
        .wait_for("admin:agent:update", about("Carol", "away"))
        .await;
    assert_eq!(listed(&app, &admin_token, "Carol").await["status"], "away");

    carol.close();
    bob.wait_for("agent:update", about("Carol", "offline"))
        .await;
    assert_eq!(
        bob.events("agent:update")
            .iter()
            .filter(|a| a["displayName"] == "Carol" && a["status"] == "offline")
            .count(),
        1,
        "announced once"
    );
}

async fn bad_status_changes_are_refused(db: Db) {
    let app = TestApp::spawn(db).await;
    let (visitor, _, _) = app.visitor("Vera").await;
    let refused = visitor
        .call("agent:status", json!({ "status": "away" }))
        .await;
    assert_eq!(refused["error"]["code"], "forbidden", "{refused}");
    let (bob, _) = app.agent("Bob").await;
    for bad in [
        json!({ "status": "offline" }),
        json!({ "status": "busy" }),
        json!({ "status": 1 }),
        json!({}),
        json!({ "status": "away", "extra": true }),
    ] {
        let ack = bob.call("agent:status", bad.clone()).await;
        assert_eq!(ack["error"]["code"], "invalid", "{bad}: {ack}");
    }
    let admin = app.admin_token().await;
    assert_eq!(
        listed(&app, &admin, "Bob").await["status"],
        "online",
        "nothing changed"
    );
}

/// An agent whose sockets all went away is offline only after the grace
/// period; coming back within it changes nothing.
async fn offline_after_the_grace_period(db: Db) {
    let app = grace_of_one_second(db).await;
    let admin = app.admin_token().await;
    let (watcher, _) = app.agent("Watcher").await;
    let token = app.agent_token("Eve").await;
    let eve = app.socket(Some(&token)).await;
    assert_eq!(
        eve.call("hello", json!({"role": "agent", "token": token}))
            .await["ok"],
        true
    );
    watcher
        .wait_for("agent:update", about("Eve", "online"))
        .await;
    eve.close();
    let again = app.socket(Some(&token)).await;
    assert_eq!(
        again
            .call("hello", json!({"role": "agent", "token": token}))
            .await["ok"],
        true
    );
    tokio::time::sleep(Duration::from_millis(1500)).await; // past the grace
    assert_eq!(
        listed(&app, &admin, "Eve").await["status"],
        "online",
        "back within grace"
    );
    let seen = watcher.events("agent:update").len();
    again.close();
    next_update(&watcher, seen, about("Eve", "offline")).await;
    assert_eq!(listed(&app, &admin, "Eve").await["status"], "offline");
}

/// Logging out makes an agent offline at once, not after the grace period.
async fn logout_is_offline_at_once(db: Db) {
    let app = TestApp::spawn(db).await; // the default grace: 60 s
    let (watcher, _) = app.agent("Watcher").await;
    let token = app.agent_token("Fay").await;
    let fay = app.socket(Some(&token)).await;
    let hello = fay
        .call("hello", json!({"role": "agent", "token": token}))
        .await;
    assert_eq!(hello["ok"], true, "{hello}");
    watcher
        .wait_for("agent:update", about("Fay", "online"))
        .await;
    let seen = watcher.events("agent:update").len();
    let (status, _) = app.post("/api/auth/logout", Some(&token), json!({})).await;
    assert_eq!(status, 204);
    next_update(&watcher, seen, about("Fay", "offline")).await;
}

/// Two nodes on one database see one team: an agent connected to one is
/// online on the other, and the other does not time it out.
async fn presence_is_shared_by_nodes(db: Db) {
    let url = fresh_database(db).await;
    let one_second =
        |c: &mut webchat::config::Config| c.agent_offline_grace = Duration::from_secs(1);
    let a = TestApp::spawn_on(&url, one_second).await;
    let b = TestApp::spawn_on(&url, one_second).await;
    let admin = b.admin_token().await;
    let (_bob, _) = a.agent("Bob").await;
    assert_eq!(listed(&b, &admin, "Bob").await["status"], "online");
    tokio::time::sleep(Duration::from_millis(1500)).await; // past b's grace, several sweeps
    assert_eq!(
        listed(&b, &admin, "Bob").await["status"],
        "online",
        "a's heartbeat keeps Bob online for b"
    );
}

on_both_databases!(
    status_is_chosen_announced_and_listed,
    bad_status_changes_are_refused,
    offline_after_the_grace_period,
    logout_is_offline_at_once,
    presence_is_shared_by_nodes,
);
