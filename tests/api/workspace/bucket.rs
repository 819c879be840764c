//! Attachments in an S3-compatible bucket (`ATTACHMENT_BUCKET`), against a
//! local S3 API server (PyPI `moto[server]`): the bytes go to the bucket,
//! not the database, and come back to whoever may read the session.

use std::{path::PathBuf, process::Stdio, time::Duration};

use serde_json::json;

use super::{
    active_chat,
    attachments::{PNG, upload},
};
use crate::helpers::{Db, TestApp, fresh_database};
use crate::on_both_databases;

/// `moto_server` from the test virtualenv (`WEBCHAT_VENV`).
fn moto() -> Option<PathBuf> {
    let venv = std::env::var("WEBCHAT_VENV").map_or_else(
        |_| PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cache/webchat/venv"),
        PathBuf::from,
    );
    let bin = venv.join("bin/moto_server");
    if bin.exists() {
        return Some(bin);
    }
    assert!(
        std::env::var("CI").is_err(),
        "the bucket test needs moto in CI (pip install 'moto[server]')"
    );
    eprintln!("no moto_server found: skipping the S3 bucket test");
    None
}

struct S3 {
    _child: tokio::process::Child,
    endpoint: String,
}

async fn start_s3(bucket: &str) -> Option<S3> {
    let bin = moto()?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = tokio::process::Command::new(bin)
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("moto_server starts");
    let endpoint = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::new();
    for _ in 0..400 {
        // Creating the bucket is also the readiness probe.
        if let Ok(res) = http.put(format!("{endpoint}/{bucket}")).send().await
            && res.status().is_success()
        {
            return Some(S3 {
                _child: child,
                endpoint,
            });
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("moto_server did not answer");
}

async fn attachments_live_in_the_bucket(db: Db) {
    let Some(s3) = start_s3("webchat-files").await else {
        return;
    };
    let endpoint = s3.endpoint.clone();
    let database = fresh_database(db).await;
    let app = TestApp::spawn_on(&database, move |c| {
        c.workspace.attachment_bucket = Some("s3://webchat-files/chat".into());
        c.workspace.s3.endpoint = Some(endpoint);
        c.workspace.s3.region = Some("us-east-1".into());
        c.workspace.s3.access_key_id = Some("test".into());
        c.workspace.s3.secret_access_key = Some("test".into());
    })
    .await;
    let chat = active_chat(&app, "Ada", "see the picture").await;
    let (status, body) = upload(
        &app,
        Some(&chat.visitor_token),
        &chat.session,
        "p.png",
        "image/png",
        PNG,
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let id = body["attachment"]["id"].as_str().unwrap().to_string();

    // The database holds only the key: under the prefix and the session.
    let store = webchat::store::connect(&database).await.unwrap();
    let stored = store.attachment(id.parse().unwrap()).await.unwrap();
    assert_eq!(
        stored.bytes,
        webchat::store::Bytes::Object(format!("chat/{}/{id}", chat.session))
    );

    // And back through Webchat, for the chat's agent.
    let res = reqwest::Client::new()
        .get(app.url(&format!("/api/attachments/{id}")))
        .bearer_auth(&chat.agent_token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.bytes().await.unwrap().as_ref(), PNG);
    let ack = chat
        .visitor
        .call(
            "message:send",
            json!({ "sessionId": chat.session, "text": "here", "clientMsgId": "b1", "attachmentIds": [id] }),
        )
        .await;
    assert_eq!(ack["ok"], true, "{ack}");

    // With the bucket gone, reading says so (and nothing else breaks).
    drop(s3);
    let res = reqwest::Client::new()
        .get(app.url(&format!("/api/attachments/{id}")))
        .bearer_auth(&chat.agent_token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 503, "the bytes were only in the bucket");
}

on_both_databases!(attachments_live_in_the_bucket);
