//! Canned responses: the team's library (supervisors and admins write it,
//! agents read it) and sending one with its variables filled in.

use serde_json::json;

use super::active_chat;
use crate::helpers::{Db, TestApp, error_code};
use crate::on_both_databases;

async fn the_library_is_shared_and_guarded(db: Db) {
    let app = TestApp::spawn(db).await;
    let (sue, _) = app.staff("Sue", json!({ "role": "supervisor" })).await;
    let agent = app.agent_token("Bob").await;
    let (_, visitor, _) = app.visitor("Ada").await;
    let refund = json!({
        "shortcut": "/Refund",
        "title": "Refund policy",
        "text": "Hi {{visitor.name}}, refunds take 5 days. {{agent.name}}",
    });
    let (status, body) = app
        .post("/api/canned-responses", Some(&agent), refund.clone())
        .await;
    assert_eq!(status, 403, "agents read, not write: {body}");
    let (status, body) = app
        .post("/api/canned-responses", Some(&sue), refund.clone())
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        body["cannedResponse"]["shortcut"], "refund",
        "slash dropped, lower case"
    );
    let id = body["cannedResponse"]["id"].as_str().unwrap().to_string();
    let (status, body) = app.post("/api/canned-responses", Some(&sue), refund).await;
    assert_eq!(status, 409, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("/refund")
    );

    for bad in [
        json!({ "shortcut": "a b", "title": "t", "text": "x" }),
        json!({ "shortcut": "ok", "title": "", "text": "x" }),
        json!({ "shortcut": "ok", "title": "t", "text": "Hi {{visitor.phone}}" }),
        json!({ "shortcut": "ok", "title": "t", "text": "x".repeat(4001) }),
        json!({ "shortcut": "ok", "title": "t" }),
        json!({ "shortcut": "ok", "title": "t", "text": "x", "extra": 1 }),
        json!({ "shortcut": 5, "title": "t", "text": "x" }),
    ] {
        let (status, body) = app
            .post("/api/canned-responses", Some(&sue), bad.clone())
            .await;
        assert_eq!(status, 400, "{bad} → {body}");
    }

    let (status, list) = app.get("/api/canned-responses", Some(&agent)).await;
    assert_eq!(status, 200);
    assert_eq!(list["cannedResponses"].as_array().unwrap().len(), 1);
    let (status, _) = app.get("/api/canned-responses", Some(&visitor)).await;
    assert_eq!(status, 403, "visitors never see the library");

    let path = format!("/api/canned-responses/{id}");
    let changed =
        json!({ "shortcut": "refund", "title": "Refunds", "text": "Refunds take 3 days." });
    let (status, _) = app.put(&path, Some(&agent), changed.clone()).await;
    assert_eq!(status, 403);
    let (status, body) = app.put(&path, Some(&sue), changed).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["cannedResponse"]["title"], "Refunds");
    assert_eq!(app.delete(&path, Some(&agent)).await, 403);
    assert_eq!(app.delete(&path, Some(&sue)).await, 204);
    assert_eq!(app.delete(&path, Some(&sue)).await, 404);
    let missing = json!({ "shortcut": "x", "title": "x", "text": "x" });
    assert_eq!(app.put(&path, Some(&sue), missing).await.0, 404);
}

async fn a_canned_response_is_filled_in_by_the_server(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin_token().await;
    let body = json!({
        "shortcut": "hi",
        "title": "Greeting",
        "text": "Hi {{visitor.name}}, {{agent.name}} here. We will mail {{visitor.email}}.",
    });
    let (_, created) = app.post("/api/canned-responses", Some(&admin), body).await;
    let id = created["cannedResponse"]["id"].clone();
    let chat = active_chat(&app, "Ada", "hello?").await;
    let ack = chat
        .agent
        .call(
            "message:send",
            json!({ "sessionId": chat.session, "text": "", "clientMsgId": "c1", "cannedId": id }),
        )
        .await;
    assert_eq!(ack["ok"], true, "{ack}");
    let text = "Hi Ada, Bob here. We will mail your email address.";
    assert_eq!(ack["message"]["text"], text);
    chat.visitor
        .wait_for("message:new", |m| m["text"] == text)
        .await;
    // The visitor cannot send the team's answers.
    let ack = chat
        .visitor
        .call(
            "message:send",
            json!({ "sessionId": chat.session, "text": "", "clientMsgId": "c2", "cannedId": id }),
        )
        .await;
    assert_eq!(error_code(&ack), "forbidden", "{ack}");
    let ack = chat
        .agent
        .call(
            "message:send",
            json!({ "sessionId": chat.session, "text": "", "clientMsgId": "c3", "cannedId": uuid::Uuid::now_v7() }),
        )
        .await;
    assert_eq!(error_code(&ack), "not_found");
}

on_both_databases!(
    the_library_is_shared_and_guarded,
    a_canned_response_is_filled_in_by_the_server,
);
