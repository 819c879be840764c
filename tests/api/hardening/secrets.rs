//! Secrets stay out of logs at every level, even `RUST_LOG=trace`.

use std::process::Stdio;

use serde_json::json;
use tokio::io::AsyncReadExt;

use crate::helpers::{ADMIN_EMAIL, ADMIN_PASSWORD, Db, fresh_database, spawn_binary_to};
use crate::socket::Client;

/// The real binary at `RUST_LOG=trace`: a visitor's `hello` and handshake
/// tokens, an admin's password and token, and message text never reach
/// its logs (socketioxide's and the WebSocket library's packet logging
/// included).
#[tokio::test]
async fn tokens_and_text_never_reach_the_logs() {
    let url = fresh_database(Db::Sqlite).await;
    let (mut child, port) = spawn_binary_to(&url, &[("RUST_LOG", "trace")], Stdio::piped()).await;
    let mut stdout = child.stdout.take().unwrap();
    let logs = tokio::spawn(async move {
        let mut all = Vec::new();
        let _ = stdout.read_to_end(&mut all).await;
        String::from_utf8_lossy(&all).into_owned()
    });

    let first = Client::connect(port, "/", None).await.unwrap();
    let hello = first
        .call("hello", json!({ "role": "user", "displayName": "Ada" }))
        .await;
    let token = hello["token"].as_str().unwrap().to_string();
    let ada = Client::connect(port, "/", Some(json!({ "token": token })))
        .await
        .unwrap();
    ada.call("hello", json!({ "token": token })).await;
    let session = ada.call("session:create", json!({})).await;
    let text = "the-secret-text-7f3a";
    let sent = ada
        .call(
            "message:send",
            json!({ "sessionId": session["session"]["id"], "text": text, "clientMsgId": "c1" }),
        )
        .await;
    assert_eq!(sent["ok"], true, "{sent}");
    let http = reqwest::Client::new();
    let login: serde_json::Value = http
        .post(format!("http://127.0.0.1:{port}/api/auth/login"))
        .json(&json!({ "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let admin_token = login["token"].as_str().unwrap().to_string();
    Client::connect(port, "/admin", Some(json!({ "token": admin_token })))
        .await
        .unwrap();

    child.start_kill().unwrap();
    let _ = child.wait().await;
    let logs = logs.await.unwrap();
    assert!(
        logs.contains("TRACE") || logs.contains("DEBUG"),
        "trace logging is on"
    );
    for (what, secret) in [
        ("a visitor token", token.as_str()),
        ("an admin token", admin_token.as_str()),
        ("the admin password", ADMIN_PASSWORD),
        ("message text", text),
    ] {
        assert!(!logs.contains(secret), "{what} reached the logs");
    }
}
