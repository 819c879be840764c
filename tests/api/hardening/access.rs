//! Who learns what: a reused `clientMsgId` reveals nothing, `session:join`
//! does not tell whether an id exists, and `/admin` sockets end with their
//! token like every other socket.

use std::time::Duration;

use serde_json::json;
use uuid::Uuid;

use crate::helpers::{Db, TestApp, error_code, fresh_database, open_session};
use crate::on_both_databases;
use crate::socket::Client;

/// Someone who may not write a session and sends with a `clientMsgId`
/// already stored there gets `forbidden`, never the stored text: a second
/// visitor, and an agent the session is not assigned to.
async fn a_reused_client_id_reveals_nothing(db: Db) {
    let app = TestApp::spawn(db).await;
    let (ada, _, _) = app.visitor("Ada").await;
    let (eve, _, _) = app.visitor("Eve").await;
    let session = open_session(&ada).await;
    let secret = "my card ends 4242";
    let mine = ada
        .call(
            "message:send",
            json!({ "sessionId": session, "text": secret, "clientMsgId": "m1" }),
        )
        .await;
    assert_eq!(mine["ok"], true, "{mine}");
    let probe = json!({ "sessionId": session, "text": "x", "clientMsgId": "m1" });
    let eve_ack = eve.call("message:send", probe.clone()).await;
    assert_eq!(error_code(&eve_ack), "forbidden", "{eve_ack}");
    assert!(!eve_ack.to_string().contains("4242"), "{eve_ack}");

    ada.call("handoff:request", json!({ "sessionId": session }))
        .await;
    let (carol, _) = app.agent("Carol").await;
    let carol_ack = carol.call("message:send", probe.clone()).await;
    assert_eq!(error_code(&carol_ack), "forbidden", "{carol_ack}");
    assert!(!carol_ack.to_string().contains("4242"), "{carol_ack}");
    let again = ada.call("message:send", probe).await;
    assert_eq!(
        again["message"]["text"], secret,
        "the sender's retry still acks"
    );
}

/// `session:join` answers a session that does not exist exactly as one
/// that is not the caller's (`forbidden`), so ids cannot be probed.
async fn join_does_not_tell_whether_a_session_exists(db: Db) {
    let app = TestApp::spawn(db).await;
    let (ada, _, _) = app.visitor("Ada").await;
    let (eve, _, _) = app.visitor("Eve").await;
    let session = open_session(&ada).await;
    let theirs = eve
        .call("session:join", json!({ "sessionId": session }))
        .await;
    let missing = eve
        .call("session:join", json!({ "sessionId": Uuid::now_v7() }))
        .await;
    assert_eq!(error_code(&theirs), "forbidden", "{theirs}");
    assert_eq!(theirs, missing, "the same answer, word for word");
}

on_both_databases!(
    a_reused_client_id_reveals_nothing,
    join_does_not_tell_whether_a_session_exists,
);

async fn admin_socket(app: &TestApp, token: &str) -> Client {
    Client::connect(app.port, "/admin", Some(json!({ "token": token })))
        .await
        .expect("an admin may connect to /admin")
}

/// `/admin` sockets close at logout and when their token expires.
#[tokio::test]
async fn admin_sockets_end_with_their_token() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let token = app.admin_token().await;
    let admin = admin_socket(&app, &token).await;
    let (status, _) = app.post("/api/auth/logout", Some(&token), json!({})).await;
    assert_eq!(status, 204);
    assert!(admin.wait_closed().await, "logout closes /admin sockets");

    let url = fresh_database(Db::Sqlite).await;
    let short = TestApp::spawn_on(&url, |c| c.agent_token_ttl = Duration::from_secs(2)).await;
    let token = short.admin_token().await;
    let admin = admin_socket(&short, &token).await;
    assert!(admin.wait_closed().await, "expiry closes /admin sockets");
}
