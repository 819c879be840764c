//! Attachments: upload limits, types sniffed from the bytes, who may upload
//! and read, the headers they are served with, and sending them.

use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use uuid::Uuid;

use super::active_chat;
use crate::helpers::{Db, TestApp, error_code};
use crate::on_both_databases;

/// A 1×1 PNG.
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0,
    1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0x0d, 0x49, 0x44, 0x41, 0x54,
    0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0d, 0x0a, 0x2d, 0xb4, 0, 0, 0, 0, 0x49, 0x45, 0x4e,
    0x44, 0xae, 0x42, 0x60, 0x82,
];

/// Uploads `bytes` as `name` (declared as `declared`) to the session.
pub async fn upload(
    app: &TestApp,
    token: Option<&str>,
    session: &str,
    name: &str,
    declared: &str,
    bytes: &[u8],
) -> (u16, Value) {
    let part = Part::bytes(bytes.to_vec())
        .file_name(name.to_string())
        .mime_str(declared)
        .unwrap();
    let form = Form::new()
        .text("sessionId", session.to_string())
        .part("file", part);
    let mut req = reqwest::Client::new()
        .post(app.url("/api/attachments"))
        .multipart(form);
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn fetch(app: &TestApp, url: &str, token: Option<&str>) -> reqwest::Response {
    let mut req = reqwest::Client::new().get(app.url(url));
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    req.send().await.unwrap()
}

async fn a_picture_goes_from_visitor_to_agent(db: Db) {
    let app = TestApp::spawn(db).await;
    let chat = active_chat(&app, "Ada", "my screen shows an error").await;
    let (status, body) = upload(
        &app,
        Some(&chat.visitor_token),
        &chat.session,
        "../../screenshot.png",
        "application/x-msdownload",
        PNG,
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let attachment = &body["attachment"];
    assert_eq!(
        attachment["contentType"], "image/png",
        "sniffed, not declared"
    );
    assert_eq!(
        attachment["name"], "screenshot.png",
        "no folders in the name"
    );
    assert_eq!(attachment["size"], PNG.len());
    let id = attachment["id"].as_str().unwrap().to_string();
    assert_eq!(attachment["url"], format!("/api/attachments/{id}"));

    // Sent with no text: the message carries it, live to the agent.
    let ack = chat
        .visitor
        .call(
            "message:send",
            json!({ "sessionId": chat.session, "text": "", "clientMsgId": "pic-1", "attachmentIds": [id] }),
        )
        .await;
    assert_eq!(ack["ok"], true, "{ack}");
    assert_eq!(ack["message"]["attachments"][0]["id"], id.as_str());
    let seen = chat
        .agent
        .wait_for("message:new", |m| m["clientMsgId"] == "pic-1")
        .await;
    assert_eq!(seen["attachments"][0]["name"], "screenshot.png");

    // The agent reads the bytes, as an image shown inline.
    let res = fetch(
        &app,
        &format!("/api/attachments/{id}"),
        Some(&chat.agent_token),
    )
    .await;
    assert_eq!(res.status(), 200);
    let h = res.headers().clone();
    assert_eq!(h["content-type"], "image/png");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(
        h["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("inline")
    );
    assert_eq!(res.bytes().await.unwrap().as_ref(), PNG);
    // The transcript keeps it.
    let (_, transcript) = app
        .get(
            &format!("/api/sessions/{}/messages", chat.session),
            Some(&chat.agent_token),
        )
        .await;
    let last = transcript["messages"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["attachments"][0]["id"], id.as_str());
}

async fn uploads_are_checked_on_the_server(db: Db) {
    let app = TestApp::spawn_on(&crate::helpers::fresh_database(db).await, |c| {
        c.workspace.attachment_max_bytes = 1000;
    })
    .await;
    let chat = active_chat(&app, "Ada", "hello").await;
    let token = Some(chat.visitor_token.as_str());
    // Over the limit: 413, whatever the declared type.
    let (status, body) = upload(
        &app,
        token,
        &chat.session,
        "big.png",
        "image/png",
        &[0x89; 5000],
    )
    .await;
    assert_eq!(status, 413, "{body}");
    assert_eq!(body["error"]["code"], "payload_too_large");
    // A program named like a picture: 415.
    let exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff";
    let (status, body) = upload(&app, token, &chat.session, "cat.png", "image/png", exe).await;
    assert_eq!(status, 415, "{body}");
    assert_eq!(body["error"]["code"], "unsupported_type");
    // A web page is refused too, whatever it is called.
    let html = b"<html><script>alert(1)</script></html>";
    let (status, _) = upload(&app, token, &chat.session, "x.png", "image/png", html).await;
    assert_eq!(status, 415);
    // Text with markup in it is plain text, served as a download, never as a page.
    let text = b"see <script>alert(1)</script> on the page";
    let (status, body) = upload(&app, token, &chat.session, "x.html", "text/html", text).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["attachment"]["contentType"], "text/plain");
    let res = fetch(&app, body["attachment"]["url"].as_str().unwrap(), token).await;
    assert_eq!(res.headers()["content-type"], "text/plain");
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert!(
        res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("sandbox")
    );
    // Empty, no file, no session, a bad session id, unknown fields.
    let (status, _) = upload(&app, token, &chat.session, "e.txt", "text/plain", b"").await;
    assert_eq!(status, 400);
    let form = Form::new().text("sessionId", chat.session.clone());
    let res = reqwest::Client::new()
        .post(app.url("/api/attachments"))
        .bearer_auth(&chat.visitor_token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let (status, _) = upload(&app, token, "not-a-uuid", "a.txt", "text/plain", b"hi").await;
    assert_eq!(status, 400);
    let res = reqwest::Client::new()
        .post(app.url("/api/attachments"))
        .bearer_auth(&chat.visitor_token)
        .json(&json!({ "sessionId": chat.session }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400, "not a multipart form");
}

async fn only_the_chat_may_upload_and_read(db: Db) {
    let app = TestApp::spawn(db).await;
    let chat = active_chat(&app, "Ada", "hello").await;
    let (_, eve_token, _) = app.visitor("Eve").await;
    let carol = app.agent_token("Carol").await;
    let (_, super_token) = (
        (),
        app.staff("Sue", json!({ "role": "supervisor" })).await.0,
    );
    let s = chat.session.as_str();
    let (status, _) = upload(&app, None, s, "a.txt", "text/plain", b"hi").await;
    assert_eq!(status, 401);
    let (status, body) = upload(&app, Some(&eve_token), s, "a.txt", "text/plain", b"hi").await;
    assert_eq!(status, 403, "another visitor: {body}");
    let (status, _) = upload(&app, Some(&carol), s, "a.txt", "text/plain", b"hi").await;
    assert_eq!(status, 403, "an agent not on the chat");
    let (status, _) = upload(&app, Some(&super_token), s, "a.txt", "text/plain", b"note").await;
    assert_eq!(status, 201, "a supervisor may");
    let (status, _) = upload(
        &app,
        Some(&chat.agent_token),
        s,
        "a.txt",
        "text/plain",
        b"hi",
    )
    .await;
    assert_eq!(status, 201, "the chat's agent may");
    let missing = Uuid::now_v7().to_string();
    let (status, _) = upload(
        &app,
        Some(&chat.visitor_token),
        &missing,
        "a.txt",
        "text/plain",
        b"hi",
    )
    .await;
    assert_eq!(status, 403, "an unknown session answers as another's");

    let (_, body) = upload(
        &app,
        Some(&chat.visitor_token),
        s,
        "a.txt",
        "text/plain",
        b"secret",
    )
    .await;
    let url = body["attachment"]["url"].as_str().unwrap().to_string();
    assert_eq!(fetch(&app, &url, None).await.status(), 401);
    assert_eq!(
        fetch(&app, &url, Some(&eve_token)).await.status(),
        404,
        "another visitor learns nothing"
    );
    assert_eq!(fetch(&app, &url, Some("forged-token")).await.status(), 401);
    assert_eq!(
        fetch(&app, &url, Some(&carol)).await.status(),
        200,
        "staff read transcripts"
    );
    let forged = format!("{url}?expires=99999999999&sig=00ff");
    assert_eq!(
        fetch(&app, &forged, None).await.status(),
        403,
        "a forged link"
    );
    assert_eq!(
        fetch(&app, &format!("/api/attachments/{missing}"), Some(&carol))
            .await
            .status(),
        404
    );
    assert_eq!(
        fetch(&app, "/api/attachments/nope", Some(&carol))
            .await
            .status(),
        400
    );

    // Another session's attachment cannot ride on this one's message.
    let (eve, _, _) = app.visitor("Eve2").await;
    let other = crate::helpers::open_session(&eve).await;
    let id = body["attachment"]["id"].clone();
    let ack = eve
        .call(
            "message:send",
            json!({ "sessionId": other, "text": "look", "clientMsgId": "x1", "attachmentIds": [id] }),
        )
        .await;
    assert_eq!(error_code(&ack), "invalid", "{ack}");
    let too_many: Vec<String> = (0..11).map(|_| Uuid::now_v7().to_string()).collect();
    let ack = chat
        .visitor
        .call(
            "message:send",
            json!({ "sessionId": s, "text": "", "clientMsgId": "x2", "attachmentIds": too_many }),
        )
        .await;
    assert_eq!(error_code(&ack), "invalid");
    let ack = chat
        .visitor
        .call(
            "message:send",
            json!({ "sessionId": s, "text": "", "clientMsgId": "x3" }),
        )
        .await;
    assert_eq!(error_code(&ack), "invalid", "no text and no file");
    let ack = chat
        .visitor
        .call(
            "message:send",
            json!({ "sessionId": s, "text": "", "clientMsgId": "x4", "attachmentIds": ["nope"] }),
        )
        .await;
    assert_eq!(error_code(&ack), "invalid");
}

on_both_databases!(
    a_picture_goes_from_visitor_to_agent,
    uploads_are_checked_on_the_server,
    only_the_chat_may_upload_and_read,
);
