//! A slow receiver holds up no one, a given-up delivery can be sent again,
//! a restart of Webchat loses nothing, and two nodes deliver each event once.

use std::time::Duration;

use serde_json::json;

use super::{app_on, deliveries, hook, receiver::Receiver, seqs};
use crate::helpers::{Db, fresh_database, open_session, postgres_available, send};
use crate::on_both_databases;

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
