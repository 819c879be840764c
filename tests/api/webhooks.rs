//! Outgoing webhooks (PROTOCOL.md Part 2, "Outgoing webhooks") against a
//! real local HTTP receiver the tests stop, start, fail and slow down:
//! every event arrives signed (checked with the README's recipe), in order
//! per session, after outages, slow receivers, a restart of Webchat, and
//! once across two nodes.

mod receiver;

use std::time::Duration;

use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

use crate::helpers::{Db, TestApp, fresh_database, open_session, postgres_available, send};
use crate::on_both_databases;
use receiver::{Received, Receiver};

/// An app whose webhooks may target loopback, retry after 50 ms and give a
/// receiver 1 s.
async fn app_on(url: &str, tweak: impl FnOnce(&mut webchat::config::Config)) -> TestApp {
    TestApp::spawn_on(url, |c| {
        c.webhooks.allow_private = true;
        c.webhooks.first_retry = Duration::from_millis(50);
        c.webhooks.timeout = Duration::from_secs(1);
        tweak(c);
    })
    .await
}

async fn hook(app: &TestApp, admin: &str, url: &str, events: Value) -> (String, String) {
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
fn verified(secret: &str, r: &Received) -> bool {
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
fn seqs(got: &[Received], session: &str) -> Vec<i64> {
    got.iter()
        .map(Received::json)
        .filter(|e| e["type"] == "message.created" && e["data"]["sessionId"] == session)
        .map(|e| e["data"]["seq"].as_i64().unwrap())
        .collect()
}

async fn deliveries(app: &TestApp, admin: &str, hook: &str) -> Vec<Value> {
    let (status, page) = app
        .get(
            &format!("/api/webhooks/{hook}/deliveries?limit=500"),
            Some(admin),
        )
        .await;
    assert_eq!(status, 200, "{page}");
    page["deliveries"].as_array().unwrap().clone()
}

async fn webhooks_are_for_admins_and_checked(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin_token().await;
    let agent = app.agent_token("Bob").await;
    let ok = json!({ "url": "https://crm.example.com/hooks", "events": ["*"] });
    let (status, _) = app.post("/api/webhooks", Some(&agent), ok.clone()).await;
    assert_eq!(status, 403, "agents add no webhooks");
    assert_eq!(app.get("/api/webhooks", Some(&agent)).await.0, 403);
    for (bad, why) in [
        (
            json!({ "url": "ftp://crm.example.com/", "events": ["*"] }),
            "not http",
        ),
        (json!({ "url": "not a url", "events": ["*"] }), "not a URL"),
        (
            json!({ "url": "https://crm.example.com/", "events": [] }),
            "no events",
        ),
        (
            json!({ "url": "https://crm.example.com/", "events": ["message.sent"] }),
            "unknown event",
        ),
        (
            json!({ "url": "https://crm.example.com/", "events": ["*"], "secret": "x" }),
            "unknown field",
        ),
        (
            json!({ "url": "http://127.0.0.1:9/hook", "events": ["*"] }),
            "loopback",
        ),
        (
            json!({ "url": "http://169.254.169.254/latest/meta-data", "events": ["*"] }),
            "metadata",
        ),
        (
            json!({ "url": "http://[::1]/hook", "events": ["*"] }),
            "IPv6 loopback",
        ),
        (
            json!({ "url": "http://localhost:8080/hook", "events": ["*"] }),
            "a name for loopback",
        ),
    ] {
        let (status, body) = app.post("/api/webhooks", Some(&admin), bad).await;
        assert_eq!(status, 400, "{why}: {body}");
    }
    let (_, body) = app
        .post(
            "/api/webhooks",
            Some(&admin),
            json!({ "url": "http://10.0.0.7/hook", "events": ["*"] }),
        )
        .await;
    assert!(
        body.to_string().contains("WEBHOOK_ALLOW_PRIVATE"),
        "the refusal says which setting allows it: {body}"
    );
    assert_eq!(
        app.get("/api/webhooks", Some(&admin)).await.1["webhooks"],
        json!([])
    );

    let (id, secret) = hook(
        &app,
        &admin,
        "https://crm.example.com/hooks",
        json!(["message.created"]),
    )
    .await;
    assert!(secret.starts_with("whsec_"), "{secret}");
    let (_, listed) = app.get("/api/webhooks", Some(&admin)).await;
    assert_eq!(listed["webhooks"][0]["events"], json!(["message.created"]));
    assert!(
        !listed.to_string().contains(&secret),
        "no secret in the list"
    );
    let (status, paused) = app
        .patch(
            &format!("/api/webhooks/{id}"),
            Some(&admin),
            json!({ "active": false }),
        )
        .await;
    assert_eq!(status, 200, "{paused}");
    assert_eq!(paused["webhook"]["active"], false);
    assert_eq!(
        app.delete(&format!("/api/webhooks/{id}"), Some(&agent))
            .await,
        403
    );
    assert_eq!(
        app.delete(&format!("/api/webhooks/{id}"), Some(&admin))
            .await,
        204
    );
    assert_eq!(
        app.delete(&format!("/api/webhooks/{id}"), Some(&admin))
            .await,
        404
    );
}

async fn every_event_arrives_signed_and_in_order(db: Db) {
    let app = app_on(&fresh_database(db).await, |_| {}).await;
    let admin = app.admin_token().await;
    let all = Receiver::start().await;
    let ratings = Receiver::start().await;
    let (hook_id, secret) = hook(&app, &admin, &all.url(), json!(["*"])).await;
    hook(&app, &admin, &ratings.url(), json!(["csat.submitted"])).await;

    let (ada, _, _) = app.visitor("Ada").await;
    let (eve, _, _) = app.visitor("Eve").await;
    let (one, two) = (open_session(&ada).await, open_session(&eve).await);
    for n in 1..=4 {
        send(&ada, &one, &format!("Ada's question {n}")).await;
        send(&eve, &two, &format!("Eve's question {n}")).await;
    }
    let got = all
        .until("both sessions' four messages", |got| {
            [&one, &two].iter().all(|s| {
                let texts: Vec<Value> = got
                    .iter()
                    .map(Received::json)
                    .filter(|e| e["data"]["sessionId"] == **s && e["data"]["senderType"] == "user")
                    .collect();
                texts.len() == 4
            })
        })
        .await;
    for r in &got {
        assert!(verified(&secret, r), "the signature checks out: {r:?}");
        let event = r.json();
        assert_eq!(r.event_id, event["id"], "Webchat-Event-Id");
        assert_eq!(r.event_type, event["type"], "Webchat-Event-Type");
        assert_eq!(event["version"], 1);
    }
    assert!(
        !verified("whsec_wrong", &got[0]),
        "a wrong secret fails the check"
    );
    for session in [&one, &two] {
        let order = seqs(&got, session);
        let expected: Vec<i64> = (1..=order.len() as i64).collect();
        assert_eq!(order, expected, "one session's messages arrive in order");
    }
    assert!(
        got.iter().any(|r| r.event_type == "session.created"),
        "\"*\" is every event type"
    );
    assert!(
        ratings.all().is_empty(),
        "a webhook gets only the types it asked for"
    );

    let log = deliveries(&app, &admin, &hook_id).await;
    assert!(
        log.len() >= got.len(),
        "{} logged, {} received",
        log.len(),
        got.len()
    );
    let first = log.last().unwrap();
    assert_eq!(first["state"], "delivered", "{first}");
    assert_eq!(first["attempts"], 1);
    assert_eq!(first["lastStatus"], 204);
}

async fn a_failing_or_absent_receiver_gets_everything_later(db: Db) {
    let app = app_on(&fresh_database(db).await, |_| {}).await;
    let admin = app.admin_token().await;
    let receiver = Receiver::start().await;
    let (hook_id, _) = hook(&app, &admin, &receiver.url(), json!(["message.created"])).await;
    receiver.fail_next(3);
    let (ada, _, _) = app.visitor("Ada").await;
    let session = open_session(&ada).await;
    send(&ada, &session, "first").await;
    receiver
        .until("the first message, after three 500s", |got| {
            seqs(got, &session).contains(&1)
        })
        .await;
    let log = deliveries(&app, &admin, &hook_id).await;
    let first = log
        .iter()
        .find(|d| d["attempts"] == 4)
        .unwrap_or_else(|| panic!("{log:?}"));
    assert_eq!(first["state"], "delivered");
    assert_eq!(first["lastStatus"], 204);
    assert_eq!(receiver.all().iter().filter(|r| r.status == 500).count(), 3);

    // down for a while: the events wait, with the reason in the log
    receiver.stop();
    for text in ["second", "third", "fourth"] {
        send(&ada, &session, text).await;
    }
    let waiting = loop {
        let log = deliveries(&app, &admin, &hook_id).await;
        if let Some(d) = log
            .iter()
            .find(|d| d["state"] == "pending" && d["attempts"].as_i64() >= Some(2))
        {
            break d.clone();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(waiting["lastStatus"].is_null(), "no answer: {waiting}");
    assert!(
        waiting["lastError"]
            .as_str()
            .unwrap()
            .contains("could not connect"),
        "{waiting}"
    );
    assert!(waiting["nextAttemptAt"].is_string());
    let (_, listed) = app.get("/api/webhooks", Some(&admin)).await;
    assert!(
        listed["webhooks"][0]["pending"].as_i64() >= Some(1),
        "{listed}"
    );

    // paused: nothing is sent; resumed: everything, in order
    let (status, _) = app
        .patch(
            &format!("/api/webhooks/{hook_id}"),
            Some(&admin),
            json!({ "active": false }),
        )
        .await;
    assert_eq!(status, 200);
    receiver.restart().await;
    send(&ada, &session, "fifth").await;
    let before = receiver.all().len();
    // A paused webhook must stay quiet: there is nothing to poll for, so
    // this waits out several retry periods (50 ms) and the 1 s idle poll.
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(
        receiver.all().len(),
        before,
        "a paused webhook is sent nothing"
    );
    app.patch(
        &format!("/api/webhooks/{hook_id}"),
        Some(&admin),
        json!({ "active": true }),
    )
    .await;
    let got = receiver
        .until("all five of Ada's messages", |got| {
            got.iter()
                .filter(|r| r.json()["data"]["senderType"] == "user")
                .count()
                == 5
        })
        .await;
    let users: Vec<i64> = got
        .iter()
        .map(Received::json)
        .filter(|e| e["data"]["senderType"] == "user")
        .map(|e| e["data"]["seq"].as_i64().unwrap())
        .collect();
    let mut sorted = users.clone();
    sorted.sort_unstable();
    assert_eq!(users, sorted, "in order after the outage");
    assert_eq!(users.len(), 5, "{users:?}");
}

async fn a_slow_receiver_holds_up_no_one_and_a_given_up_delivery_can_be_sent_again(db: Db) {
    let app = app_on(&fresh_database(db).await, |c| {
        c.webhooks.retry_for = Duration::from_millis(800);
    })
    .await;
    let admin = app.admin_token().await;
    let (slow, fast) = (Receiver::start().await, Receiver::start().await);
    slow.delay(Duration::from_millis(1500));
    let (slow_id, _) = hook(&app, &admin, &slow.url(), json!(["message.created"])).await;
    hook(&app, &admin, &fast.url(), json!(["message.created"])).await;
    let (ada, _, _) = app.visitor("Ada").await;
    let session = open_session(&ada).await;
    for n in 1..=3 {
        send(&ada, &session, &format!("question {n}")).await;
    }
    fast.until("every message at the fast receiver", |got| {
        got.iter()
            .filter(|r| r.json()["data"]["senderType"] == "user")
            .count()
            == 3
    })
    .await;
    let slow_log = deliveries(&app, &admin, &slow_id).await;
    assert!(
        slow_log.iter().all(|d| d["state"] != "delivered"),
        "the fast receiver had everything while the slow one had nothing: {slow_log:?}"
    );

    // past the retry window the slow one's deliveries are marked failed
    let failed = loop {
        let log = deliveries(&app, &admin, &slow_id).await;
        if let Some(d) = log.iter().find(|d| d["state"] == "failed") {
            break d.clone();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        failed["lastError"]
            .as_str()
            .unwrap()
            .contains("no answer within 1 s"),
        "{failed}"
    );
    assert!(failed["nextAttemptAt"].is_null());
    let (_, listed) = app.get("/api/webhooks", Some(&admin)).await;
    let row = listed["webhooks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["id"] == slow_id.as_str())
        .unwrap()
        .clone();
    assert!(row["failed"].as_i64() >= Some(1), "{row}");

    // "send again", by hand, once the receiver is quick
    slow.delay(Duration::ZERO);
    let retry = format!(
        "/api/webhooks/{slow_id}/deliveries/{}/retry",
        failed["id"].as_str().unwrap()
    );
    let attempts = failed["attempts"].as_i64().unwrap();
    let after = |n: i64| {
        let (app, admin, slow_id, id) = (&app, &admin, &slow_id, failed["id"].clone());
        async move {
            loop {
                let log = deliveries(app, admin, slow_id).await;
                let d = log.iter().find(|d| d["id"] == id).unwrap().clone();
                if d["state"] == "delivered" && d["attempts"] == n {
                    return d;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    };
    let (status, _) = app.post(&retry, Some(&admin), json!({})).await;
    assert_eq!(status, 202);
    let sent = after(attempts + 1).await;
    assert_eq!(sent["lastStatus"], 204, "{sent}");
    // and one already delivered goes again, with the same event id
    let (status, _) = app.post(&retry, Some(&admin), json!({})).await;
    assert_eq!(status, 202);
    after(attempts + 2).await;
    let event_id = failed["eventId"].as_str().unwrap();
    assert!(
        slow.delivered()
            .iter()
            .filter(|r| r.event_id == event_id)
            .count()
            >= 2
    );
    let stranger = format!(
        "/api/webhooks/{slow_id}/deliveries/{}/retry",
        uuid::Uuid::now_v7()
    );
    assert_eq!(app.post(&stranger, Some(&admin), json!({})).await.0, 404);
}

async fn a_restart_of_webchat_loses_nothing(db: Db) {
    let url = fresh_database(db).await;
    let receiver = Receiver::start().await;
    receiver.stop();
    let app = app_on(&url, |_| {}).await;
    let admin = app.admin_token().await;
    hook(&app, &admin, &receiver.url(), json!(["message.created"])).await;
    let (ada, _, _) = app.visitor("Ada").await;
    let session = open_session(&ada).await;
    for n in 1..=3 {
        send(&ada, &session, &format!("before the restart {n}")).await;
    }
    drop(ada);
    app.shutdown().await;

    receiver.restart().await;
    let _again = app_on(&url, |_| {}).await;
    let got = receiver
        .until("the events the first process never sent", |got| {
            got.iter()
                .filter(|r| r.json()["data"]["senderType"] == "user")
                .count()
                == 3
        })
        .await;
    let order = seqs(&got, &session);
    let mut sorted = order.clone();
    sorted.sort_unstable();
    assert_eq!(order, sorted, "in order");
}

on_both_databases!(
    webhooks_are_for_admins_and_checked,
    every_event_arrives_signed_and_in_order,
    a_failing_or_absent_receiver_gets_everything_later,
    a_slow_receiver_holds_up_no_one_and_a_given_up_delivery_can_be_sent_again,
    a_restart_of_webchat_loses_nothing,
);

/// Two nodes on one Postgres deliver each event once (the normal case: no
/// node dies mid-send).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_deliver_each_event_once() {
    if !postgres_available() {
        return;
    }
    let url = fresh_database(Db::Postgres).await;
    let (a, b) = (app_on(&url, |_| {}).await, app_on(&url, |_| {}).await);
    let receiver = Receiver::start().await;
    let admin = a.admin_token().await;
    hook(&a, &admin, &receiver.url(), json!(["message.created"])).await;
    let mut sessions = Vec::new();
    for (n, app) in [&a, &b, &a, &b].into_iter().enumerate() {
        let (visitor, _, _) = app.visitor(&format!("Visitor {n}")).await;
        let session = open_session(&visitor).await;
        for m in 1..=5 {
            send(&visitor, &session, &format!("message {m}")).await;
        }
        sessions.push((visitor, session));
    }
    receiver
        .until("twenty messages", |got| {
            got.iter()
                .filter(|r| r.json()["data"]["senderType"] == "user")
                .count()
                >= 20
        })
        .await;
    // let any duplicate arrive before counting
    tokio::time::sleep(Duration::from_millis(500)).await;
    let got = receiver.delivered();
    let mut ids: Vec<&str> = got.iter().map(|r| r.event_id.as_str()).collect();
    let total = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), total, "no event delivered twice");
    for (_, session) in &sessions {
        let order = seqs(&got, session);
        let expected: Vec<i64> = (1..=order.len() as i64).collect();
        assert_eq!(
            order, expected,
            "one session's events in order across nodes"
        );
    }
}
