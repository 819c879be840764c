//! Private notes over the wire: the chat's agent writes them, staff read
//! them, `/admin` hears them, and the visitor never sees one: not live, not
//! in the transcript, not in its `seq`.

use serde_json::{Value, json};

use crate::helpers::{Db, TestApp, error_code, open_session, send};
use crate::on_both_databases;
use crate::socket::Client;

/// A visitor and an agent in one active chat: (app, visitor, agent, session id, agent token).
async fn active_chat(db: Db) -> (TestApp, Client, Client, String, String) {
    let app = TestApp::spawn(db).await;
    let (ada, _, _) = app.visitor("Ada").await;
    let session = open_session(&ada).await;
    send(&ada, &session, "my order is late").await;
    let ack = ada
        .call("handoff:request", json!({ "sessionId": session }))
        .await;
    assert_eq!(ack["ok"], true, "{ack}");
    let (bob, bob_token) = app.agent("Bob").await;
    let claim = bob
        .call("agent:claim", json!({ "sessionId": session }))
        .await;
    assert_eq!(claim["ok"], true, "{claim}");
    assert_eq!(claim["notes"], json!([]), "a claim brings the chat's notes");
    (app, ada, bob, session, bob_token)
}

async fn notes_reach_staff_and_never_the_visitor(db: Db) {
    let (app, ada, bob, session, bob_token) = active_chat(db).await;
    let admin_token = app.admin_token().await;
    let admin = Client::connect(app.port, "/admin", Some(json!({ "token": admin_token })))
        .await
        .unwrap();

    let ack = bob
        .call(
            "note:add",
            json!({ "sessionId": session, "text": "VIP customer, refund ok" }),
        )
        .await;
    assert_eq!(ack["ok"], true, "{ack}");
    assert_eq!(ack["note"]["authorName"], "Bob");
    let id = ack["note"]["id"].clone();
    bob.wait_for("note:new", |n| n["id"] == id).await;
    admin.wait_for("admin:note:new", |n| n["id"] == id).await;

    // The visitor's next message comes right after its last one: no seq for the note.
    let reply = send(&bob, &session, "I can help").await;
    let next = send(&ada, &session, "thanks").await;
    assert_eq!(next["seq"], reply["seq"].as_i64().unwrap() + 1);
    ada.wait_for("message:new", |m| m["text"] == "I can help")
        .await;
    assert!(ada.events("note:new").is_empty(), "the visitor got a note");
    let joined = ada
        .call("session:join", json!({ "sessionId": session }))
        .await;
    assert!(joined.get("notes").is_none(), "{joined}");
    let texts: Vec<&Value> = joined["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["text"])
        .collect();
    assert!(
        !texts
            .iter()
            .any(|t| t.as_str().unwrap_or("").contains("VIP")),
        "{texts:?}"
    );

    // Staff read them over HTTP and with the chat.
    let (status, body) = app
        .get(&format!("/api/sessions/{session}/notes"), Some(&bob_token))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["notes"][0]["text"], "VIP customer, refund ok");
    let rejoined = bob
        .call("session:join", json!({ "sessionId": session }))
        .await;
    assert_eq!(rejoined["notes"][0]["id"], id);
}

async fn who_may_write_and_read_notes(db: Db) {
    let (app, ada, _bob, session, _) = active_chat(db).await;
    let note = |text: &str| json!({ "sessionId": session, "text": text });
    assert_eq!(
        error_code(&ada.call("note:add", note("I am staff now")).await),
        "forbidden"
    );
    let (carol, carol_token) = app.agent("Carol").await;
    assert_eq!(
        error_code(&carol.call("note:add", note("not my chat")).await),
        "forbidden",
        "only the chat's agent (or an admin) writes"
    );
    let (bob2, _) = app.agent("Bob2").await;
    for bad in [
        json!({ "sessionId": session, "text": "" }),
        json!({ "sessionId": session, "text": "x".repeat(4001) }),
        json!({ "sessionId": session, "text": 7 }),
        json!({ "sessionId": "not-a-uuid", "text": "x" }),
        json!({ "sessionId": session }),
    ] {
        assert_eq!(
            error_code(&bob2.call("note:add", bad.clone()).await),
            "invalid",
            "{bad}"
        );
    }
    let unknown = json!({ "sessionId": uuid::Uuid::now_v7(), "text": "x" });
    assert_eq!(
        error_code(&carol.call("note:add", unknown).await),
        "not_found"
    );

    let path = format!("/api/sessions/{session}/notes");
    let (status, _) = app.get(&path, None).await;
    assert_eq!(status, 401);
    let (_, visitor_token, _) = app.visitor("Eve").await;
    let (status, _) = app.get(&path, Some(&visitor_token)).await;
    assert_eq!(status, 403, "a visitor reads no notes");
    let (status, body) = app.get(&path, Some(&carol_token)).await;
    assert_eq!(
        (status, body["notes"].clone()),
        (200, json!([])),
        "nothing was stored"
    );
}

on_both_databases!(
    notes_reach_staff_and_never_the_visitor,
    who_may_write_and_read_notes
);
