//! Outgoing webhooks (PROTOCOL.md Part 2, "Outgoing webhooks") against a
//! real local HTTP receiver the tests stop, start, fail and slow down:
//! every event arrives signed (checked with the README's recipe), in order
//! per session, after outages, slow receivers, a restart of Webchat, and
//! once across two nodes.

mod api;
mod delivery;
mod receiver;
mod resilience;

use std::time::Duration;

use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

use crate::helpers::TestApp;
use receiver::Received;

/// An app whose webhooks may target loopback, retry after 50 ms and give a
/// receiver 1 s.
pub async fn app_on(url: &str, tweak: impl FnOnce(&mut webchat::config::Config)) -> TestApp {
    TestApp::spawn_on(url, |c| {
        c.webhooks.allow_private = true;
        c.webhooks.first_retry = Duration::from_millis(50);
        c.webhooks.timeout = Duration::from_secs(1);
        tweak(c);
    })
    .await
}

pub async fn hook(app: &TestApp, admin: &str, url: &str, events: Value) -> (String, String) {
    let (status, made) = app
        .post(
            "/api/webhooks",
            Some(admin),
            json!({ "url": url, "events": events }),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    (
        made["webhook"]["id"].as_str().unwrap().to_string(),
        made["secret"].as_str().unwrap().to_string(),
    )
}

/// The README's verification, as a receiver writes it: the HMAC of
/// `"<t>.<body>"` under the secret, and a recent `t`.
pub fn verified(secret: &str, r: &Received) -> bool {
    let Some((t, v1)) = r
        .signature
        .split_once(',')
        .and_then(|(t, v)| Some((t.strip_prefix("t=")?, v.strip_prefix("v1=")?)))
    else {
        return false;
    };
    let age = chrono::Utc::now().timestamp() - t.parse::<i64>().unwrap_or(0);
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{t}.{}", r.body).as_bytes());
    (0..300).contains(&age) && hex::encode(mac.finalize().into_bytes()) == v1
}

/// The `message.created` events of a session, in arrival order, by `seq`.
pub fn seqs(got: &[Received], session: &str) -> Vec<i64> {
    got.iter()
        .map(Received::json)
        .filter(|e| e["type"] == "message.created" && e["data"]["sessionId"] == session)
        .map(|e| e["data"]["seq"].as_i64().unwrap())
        .collect()
}

pub async fn deliveries(app: &TestApp, admin: &str, hook: &str) -> Vec<Value> {
    let (status, page) = app
        .get(
            &format!("/api/webhooks/{hook}/deliveries?limit=500"),
            Some(admin),
        )
        .await;
    assert_eq!(status, 200, "{page}");
    page["deliveries"].as_array().unwrap().clone()
}
