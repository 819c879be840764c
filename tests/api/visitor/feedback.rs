//! After the chat: one rating per closed chat (its visitor's), and the
//! transcript by email, at most three an hour.

use std::time::Duration;

use serde_json::json;

use super::{Smtp, Underneath};
use crate::helpers::{Db, TestApp, error_code, fresh_database, open_session, send};
use crate::on_both_databases;

async fn a_closed_chat_is_rated_once(db: Db) {
    let app = TestApp::spawn(db).await;
    let (ada, _, _) = app.visitor("Ada").await;
    let (eve, _, _) = app.visitor("Eve").await;
    let session = open_session(&ada).await;
    send(&ada, &session, "hello").await;
    let rate = |rating: serde_json::Value| json!({ "sessionId": session, "rating": rating, "comment": "Quick and kind" });
    let early = ada.call("csat:submit", rate(json!(5))).await;
    assert_eq!(error_code(&early), "conflict", "not before the chat ends");

    let closed = ada
        .call("session:close", json!({ "sessionId": session }))
        .await;
    assert_eq!(closed["ok"], true, "{closed}");
    for bad in [json!(0), json!(6), json!(4.5), json!("5")] {
        let ack = ada.call("csat:submit", rate(bad.clone())).await;
        assert_eq!(error_code(&ack), "invalid", "{bad}: {ack}");
    }
    let stranger = eve.call("csat:submit", rate(json!(1))).await;
    assert!(
        ["forbidden", "not_found"].contains(&error_code(&stranger)),
        "{stranger}"
    );
    let ack = ada.call("csat:submit", rate(json!(4))).await;
    assert_eq!(ack["ok"], true, "{ack}");
    assert_eq!(
        ack["session"]["csat"],
        json!({ "rating": 4, "comment": "Quick and kind" })
    );
    let again = ada.call("csat:submit", rate(json!(1))).await;
    assert_eq!(error_code(&again), "conflict", "{again}");

    let admin = app.admin_token().await;
    let (_, read) = app
        .get(&format!("/api/sessions/{session}/messages"), Some(&admin))
        .await;
    assert_eq!(read["session"]["csat"]["rating"], 4, "kept: {read}");
    let db = Underneath::open(&app).await;
    let events = db
        .count(
            "select count(*) from outbox where payload like $1",
            "%\"type\":\"csat.submitted\"%",
        )
        .await;
    assert_eq!(events, 1, "one csat.submitted event");
    db.close().await;
}

async fn the_transcript_is_mailed_on_request(db: Db) {
    let Some(smtp) = Smtp::start().await else {
        return;
    };
    let url = smtp.url.clone();
    let app = TestApp::spawn_on(&fresh_database(db).await, move |c| {
        c.mail.smtp_url = Some(url);
    })
    .await;
    let admin = app.admin_token().await;
    let (status, _) = app
        .put(
            "/api/settings/widget",
            Some(&admin),
            json!({ "title": "Acme", "greeting": "", "color": "#123456", "position": "right", "site": "", "locale": "" }),
        )
        .await;
    assert_eq!(status, 200);
    let (ada, _, _) = app.visitor("Ada").await;
    let (eve, _, _) = app.visitor("Eve").await;
    let session = open_session(&ada).await;
    send(&ada, &session, "Where is my parcel 4417?").await;
    let ask = |email: &str| json!({ "sessionId": session, "email": email });

    let bad = ada.call("transcript:email", ask("nope")).await;
    assert_eq!(error_code(&bad), "invalid", "{bad}");
    let stranger = eve.call("transcript:email", ask("eve@example.test")).await;
    assert!(
        ["forbidden", "not_found"].contains(&error_code(&stranger)),
        "{stranger}"
    );
    let ack = ada.call("transcript:email", ask("ada@example.test")).await;
    assert_eq!(ack["ok"], true, "{ack}");
    let mail = smtp.next_mail(Duration::from_secs(10)).await;
    assert_eq!(mail["to"], json!(["ada@example.test"]));
    assert_eq!(mail["subject"], "Your chat with Acme");
    assert!(
        mail["body"]
            .as_str()
            .unwrap()
            .contains("Ada: Where is my parcel 4417?"),
        "{mail}"
    );
    for _ in 0..2 {
        let ack = ada.call("transcript:email", ask("ada@example.test")).await;
        assert_eq!(ack["ok"], true, "{ack}");
    }
    let fourth = ada.call("transcript:email", ask("ada@example.test")).await;
    assert_eq!(error_code(&fourth), "rate_limited", "{fourth}");
    assert!(
        fourth["error"]["message"]
            .as_str()
            .unwrap()
            .contains("3 transcripts an hour"),
        "{fourth}"
    );
}

on_both_databases!(
    a_closed_chat_is_rated_once,
    the_transcript_is_mailed_on_request
);
