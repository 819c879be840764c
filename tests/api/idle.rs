//! Chats left with the bot close themselves after `IDLE_CLOSE_MINUTES`;
//! a chat waiting for a human never does.

use std::time::Duration;

use serde_json::json;

use crate::helpers::{Db, TestApp, fresh_database, open_session, send};
use crate::on_both_databases;

async fn idle_bot_chats_close_themselves(db: Db) {
    let app = TestApp::spawn_on(&fresh_database(db).await, |c| {
        c.idle_close = Some(Duration::from_millis(1500));
    })
    .await;
    let (ada, _, _) = app.visitor("Ada").await;
    let idle = open_session(&ada).await;
    send(&ada, &idle, "just looking").await;
    let (eve, _, _) = app.visitor("Eve").await;
    let waiting = open_session(&eve).await;
    send(&eve, &waiting, "I need a person").await;
    let ack = eve
        .call("handoff:request", json!({ "sessionId": waiting }))
        .await;
    assert_eq!(ack["ok"], true, "{ack}");

    let closed = ada
        .wait_for("session:closed", |c| c["sessionId"] == idle.as_str())
        .await;
    assert_eq!(closed["endedBy"], "system");
    let note = ada
        .wait_for("message:new", |m| {
            m["senderType"] == "system" && m["sessionId"] == idle.as_str()
        })
        .await;
    assert!(
        note["text"].as_str().unwrap().contains("without a message"),
        "{note}"
    );
    let joined = eve
        .call("session:join", json!({ "sessionId": waiting }))
        .await;
    assert_eq!(
        joined["session"]["status"], "queued_for_agent",
        "a queued chat stays"
    );
    let again = ada.call("session:join", json!({ "sessionId": idle })).await;
    assert_eq!(again["session"]["status"], "closed");
    let closes = ada
        .all_events()
        .iter()
        .filter(|(name, e)| name == "session:closed" && e["sessionId"] == idle.as_str())
        .count();
    assert_eq!(closes, 1, "closed once");
}

on_both_databases!(idle_bot_chats_close_themselves);
