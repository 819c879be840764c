//! Who may manage webhooks, and what a webhook may be.

use serde_json::json;

use super::hook;
use crate::helpers::{Db, TestApp};
use crate::on_both_databases;

async fn webhooks_are_for_admins_and_checked(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin_token().await;
    let agent = app.agent_token("Bob").await;
    let ok = json!({ "url": "https://crm.example.com/hooks", "events": ["*"] });
    let (status, _) = app.post("/api/webhooks", Some(&agent), ok.clone()).await;
    assert_eq!(status, 403, "agents add no webhooks");
    assert_eq!(app.get("/api/webhooks", Some(&agent)).await.0, 403);
    for (bad, why) in [
        (
            json!({ "url": "ftp://crm.example.com/", "events": ["*"] }),
            "not http",
        ),
        (json!({ "url": "not a url", "events": ["*"] }), "not a URL"),
        (
            json!({ "url": "https://crm.example.com/", "events": [] }),
            "no events",
        ),
        (
            json!({ "url": "https://crm.example.com/", "events": ["message.sent"] }),
            "unknown event",
        ),
        (
            json!({ "url": "https://crm.example.com/", "events": ["*"], "secret": "x" }),
            "unknown field",
        ),
        (
            json!({ "url": "http://127.0.0.1:9/hook", "events": ["*"] }),
            "loopback",
        ),
        (
            json!({ "url": "http://169.254.169.254/latest/meta-data", "events": ["*"] }),
            "metadata",
        ),
        (
            json!({ "url": "http://[::1]/hook", "events": ["*"] }),
            "IPv6 loopback",
        ),
        (
            json!({ "url": "http://localhost:8080/hook", "events": ["*"] }),
            "a name for loopback",
        ),
    ] {
        let (status, body) = app.post("/api/webhooks", Some(&admin), bad).await;
        assert_eq!(status, 400, "{why}: {body}");
    }
    let (_, body) = app
        .post(
            "/api/webhooks",
            Some(&admin),
            json!({ "url": "http://10.0.0.7/hook", "events": ["*"] }),
        )
        .await;
    assert!(
        body.to_string().contains("WEBHOOK_ALLOW_PRIVATE"),
        "the refusal says which setting allows it: {body}"
    );
    assert_eq!(
        app.get("/api/webhooks", Some(&admin)).await.1["webhooks"],
        json!([])
    );

    let (id, secret) = hook(
        &app,
        &admin,
        "https://crm.example.com/hooks",
        json!(["message.created"]),
    )
    .await;
    assert!(secret.starts_with("whsec_"), "{secret}");
    let (_, listed) = app.get("/api/webhooks", Some(&admin)).await;
    assert_eq!(listed["webhooks"][0]["events"], json!(["message.created"]));
    assert!(
        !listed.to_string().contains(&secret),
        "no secret in the list"
    );
    let (status, paused) = app
        .patch(
            &format!("/api/webhooks/{id}"),
            Some(&admin),
            json!({ "active": false }),
        )
        .await;
    assert_eq!(status, 200, "{paused}");
    assert_eq!(paused["webhook"]["active"], false);
    assert_eq!(
        app.delete(&format!("/api/webhooks/{id}"), Some(&agent))
            .await,
        403
    );
    assert_eq!(
        app.delete(&format!("/api/webhooks/{id}"), Some(&admin))
            .await,
        204
    );
    assert_eq!(
        app.delete(&format!("/api/webhooks/{id}"), Some(&admin))
            .await,
        404
    );
}

on_both_databases!(webhooks_are_for_admins_and_checked);

/// The console offers every event type the server sends, and no other.
#[test]
fn the_console_lists_every_event_type() {
    let words = include_str!("../../../admin/src/webhooks/words.ts");
    let list = words
        .split_once("export const EVENT_TYPES = [")
        .and_then(|(_, rest)| rest.split_once(']'))
        .map(|(list, _)| list)
        .expect("EVENT_TYPES in admin/src/webhooks/words.ts");
    let offered: Vec<&str> = list
        .split(',')
        .map(|s| s.trim().trim_matches('"'))
        .filter(|s| !s.is_empty())
        .collect();
    let sent: Vec<&str> = webchat::domain::events::EventType::ALL
        .iter()
        .map(|t| t.as_str())
        .collect();
    assert_eq!(offered, sent);
}
