//! The offline path end to end, through a real SMTP server: no one online,
//! the handoff still queues and says so; the visitor leaves an email; the
//! team is mailed; an agent's reply reaches the visitor by mail while they
//! are away, and not while they are connected. And the visitor's language.

use std::time::Duration;

use serde_json::json;

use super::{Smtp, Underneath};
use crate::helpers::{Db, TestApp, fresh_database, open_session, send};
use crate::on_both_databases;

async fn an_offline_conversation_is_answered_by_email(db: Db) {
    let Some(smtp) = Smtp::start().await else {
        return;
    };
    let url = smtp.url.clone();
    let app = TestApp::spawn_on(&fresh_database(db).await, move |c| {
        c.mail.smtp_url = Some(url);
        c.mail.from = "Acme <support@acme.test>".into();
        c.mail.offline_notify = Some("team@acme.test".into());
        c.public_base_url = Some("https://chat.acme.test".into());
    })
    .await;
    let (ada, token, _) = app.visitor("Ada").await;
    let session = open_session(&ada).await;
    send(&ada, &session, "Do you ship to Norway?").await;
    let ack = ada
        .call("handoff:request", json!({ "sessionId": session }))
        .await;
    assert_eq!(ack["ok"], true, "{ack}");
    assert_eq!(ack["offline"], true, "no agent online: {ack}");
    assert_eq!(ack["session"]["status"], "queued_for_agent", "still queued");
    assert_eq!(ack["session"]["offline"], true);
    let told = ada
        .wait_for("message:new", |m| m["senderType"] == "system")
        .await;
    assert!(
        told["text"].as_str().unwrap().contains("Leave your email"),
        "{told}"
    );

    let ack = ada
        .call(
            "contact:update",
            json!({ "sessionId": session, "email": "not-an-address" }),
        )
        .await;
    assert_eq!(ack["error"]["code"], "invalid", "{ack}");
    let ack = ada
        .call(
            "contact:update",
            json!({ "sessionId": session, "email": "ada@example.test" }),
        )
        .await;
    assert_eq!(ack["ok"], true, "{ack}");

    let notice = smtp.next_mail(Duration::from_secs(15)).await;
    assert_eq!(notice["to"], json!(["team@acme.test"]));
    assert_eq!(notice["subject"], "Offline message from Ada");
    let body = notice["body"].as_str().unwrap();
    assert!(body.contains("ada@example.test"), "{body}");
    assert!(body.contains("Do you ship to Norway?"), "{body}");
    assert!(body.contains("https://chat.acme.test/agent/"), "{body}");

    // The visitor goes away; an agent answers.
    ada.close();
    let (bob, _) = app.agent("Bob").await;
    let claimed = bob
        .call("agent:claim", json!({ "sessionId": session }))
        .await;
    assert_eq!(claimed["ok"], true, "{claimed}");
    send(&bob, &session, "Yes, we ship to Norway in 3 days.").await;
    let reply = smtp.next_mail(Duration::from_secs(10)).await;
    assert_eq!(reply["to"], json!(["ada@example.test"]));
    assert_eq!(reply["from"], "support@acme.test");
    let body = reply["body"].as_str().unwrap();
    assert!(body.contains("Yes, we ship to Norway in 3 days."), "{body}");
    assert!(
        body.contains("https://chat.acme.test/"),
        "a link back: {body}"
    );

    // Back and connected: the next reply arrives live, and is not mailed.
    let back = app.socket(Some(&token)).await;
    let hello = back
        .call("hello", json!({ "role": "user", "token": token }))
        .await;
    assert_eq!(hello["ok"], true, "{hello}");
    assert_eq!(hello["availability"]["agentsOnline"], 1, "{hello}");
    let joined = back
        .call("session:join", json!({ "sessionId": session }))
        .await;
    assert_eq!(joined["ok"], true, "{joined}");
    let live = send(&bob, &session, "Anything else?").await;
    back.wait_for("message:new", |m| m["id"] == live["id"])
        .await;
    let seq = live["seq"].as_i64().unwrap();
    let sid = uuid::Uuid::parse_str(&session).unwrap();
    let db = Underneath::open(&app).await;
    let mailed_seq = "select cast(mailed_seq as bigint) from sessions where id = $1";
    for _ in 0..200 {
        if db.count(mailed_seq, sid).await >= seq {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        db.count(mailed_seq, sid).await >= seq,
        "the live reply was marked seen"
    );
    let mails = "select count(*) from mails where session_id = $1 and kind = 'reply'";
    assert_eq!(
        db.count(mails, sid).await,
        1,
        "one reply mail: the live one was not mailed"
    );
    db.close().await;
}

/// System messages come in the visitor's language (`hello { locale }`).
async fn system_messages_speak_the_visitors_language(db: Db) {
    let app = TestApp::spawn(db).await;
    let client = app.socket(None).await;
    let hello = client
        .call(
            "hello",
            json!({ "role": "user", "displayName": "Lucía", "locale": "es-MX" }),
        )
        .await;
    assert_eq!(hello["ok"], true, "{hello}");
    let (bob, _) = app.agent("Bob").await;
    let session = open_session(&client).await;
    let ack = client
        .call("handoff:request", json!({ "sessionId": session }))
        .await;
    assert_eq!(ack["offline"], false, "Bob is online: {ack}");
    assert_eq!(ack["session"]["locale"], "es");
    client
        .wait_for("message:new", |m| {
            m["text"] == "Estás en la cola. Un agente se unirá en breve."
        })
        .await;
    let claimed = bob
        .call("agent:claim", json!({ "sessionId": session }))
        .await;
    assert_eq!(claimed["ok"], true, "{claimed}");
    client
        .wait_for("message:new", |m| m["text"] == "Bob se unió al chat.")
        .await;
    let closed = bob
        .call("session:close", json!({ "sessionId": session }))
        .await;
    assert_eq!(closed["ok"], true, "{closed}");
    client
        .wait_for("message:new", |m| m["text"] == "Bob terminó el chat.")
        .await;
}

on_both_databases!(
    an_offline_conversation_is_answered_by_email,
    system_messages_speak_the_visitors_language
);
