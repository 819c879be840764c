//! Every event arrives signed and in order per session, also after a
//! receiver failed, went away, or the webhook was paused.

use std::time::Duration;

use serde_json::{Value, json};

use super::{
    app_on, deliveries, hook,
    receiver::{Received, Receiver},
    seqs, verified,
};
use crate::helpers::{Db, fresh_database, open_session, send};
use crate::on_both_databases;

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

on_both_databases!(
    every_event_arrives_signed_and_in_order,
    a_failing_or_absent_receiver_gets_everything_later,
);
