//! A contact's data: exported whole, erased for good (search finds nothing,
//! reports still add up), and closed chats past the retention period go.

use chrono::{Duration, Utc};
use serde_json::json;

use crate::helpers::{Db, TestApp, open_session, send};
use crate::on_both_databases;

async fn a_contact_is_exported_and_erased(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin_token().await;
    let (bob, bob_token) = app.agent("Bob").await;
    let (ada, _, ada_id) = app.visitor("Ada").await;
    let session = open_session(&ada).await;
    send(&ada, &session, "My passport number is zebrafish42").await;
    ada.call("handoff:request", json!({ "sessionId": session }))
        .await;
    bob.call("agent:claim", json!({ "sessionId": session }))
        .await;
    let note = bob
        .call(
            "note:add",
            json!({ "sessionId": session, "text": "zebrafish42 checked" }),
        )
        .await;
    assert_eq!(note["ok"], true, "{note}");
    ada.call(
        "contact:update",
        json!({ "sessionId": session, "email": "ada@example.test" }),
    )
    .await;
    let found = |q: &'static str| {
        let app = &app;
        let token = bob_token.clone();
        async move {
            let (_, page) = app.get(&format!("/api/search?q={q}"), Some(&token)).await;
            page["results"].as_array().map_or(0, Vec::len)
        }
    };
    assert_eq!(found("zebrafish42").await, 1);

    // export: everything, for admins only
    let (status, _) = app
        .get(&format!("/api/contacts/{ada_id}/export"), Some(&bob_token))
        .await;
    assert_eq!(status, 403);
    let (status, export) = app
        .get(&format!("/api/contacts/{ada_id}/export"), Some(&admin))
        .await;
    assert_eq!(status, 200, "{export}");
    assert_eq!(export["contact"]["email"], "ada@example.test");
    let text = export.to_string();
    assert!(
        text.contains("My passport number is zebrafish42"),
        "{export}"
    );
    assert!(
        text.contains("zebrafish42 checked"),
        "notes are in the export"
    );

    // erase: admins only, then nothing of it is left
    assert_eq!(
        app.delete(&format!("/api/contacts/{ada_id}"), Some(&bob_token))
            .await,
        403
    );
    assert_eq!(
        app.delete(&format!("/api/contacts/{ada_id}"), Some(&admin))
            .await,
        204
    );
    assert!(ada.wait_closed().await, "the visitor's sockets close");
    let (_, contact) = app
        .get(&format!("/api/contacts/{ada_id}"), Some(&admin))
        .await;
    assert_eq!(contact["contact"]["erased"], true, "{contact}");
    assert!(contact["contact"]["email"].is_null());
    assert_ne!(contact["contact"]["displayName"], "Ada");
    let (_, transcript) = app
        .get(&format!("/api/sessions/{session}/messages"), Some(&admin))
        .await;
    let messages = transcript["messages"].as_array().unwrap();
    assert!(!messages.is_empty(), "the messages keep their places");
    let visitor_line = messages.iter().find(|m| m["senderType"] == "user").unwrap();
    assert_eq!(visitor_line["text"], "");
    assert_eq!(visitor_line["erased"], true);
    assert!(
        !transcript.to_string().contains("zebrafish42"),
        "{transcript}"
    );
    let (_, notes) = app
        .get(&format!("/api/sessions/{session}/notes"), Some(&admin))
        .await;
    assert_eq!(notes["notes"].as_array().unwrap().len(), 0);
    assert_eq!(found("zebrafish42").await, 0, "search finds nothing");
    let period = format!(
        "from={}&to={}",
        (Utc::now() - Duration::hours(1)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        (Utc::now() + Duration::hours(1)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    );
    let (_, report) = app
        .get(&format!("/api/reports/summary?{period}"), Some(&admin))
        .await;
    assert_eq!(report["conversations"], 1, "the session still counts");
    assert_eq!(report["handedOff"], 1);
    let (_, log) = app.get("/api/audit", Some(&admin)).await;
    assert!(log.to_string().contains("contact.erased"));
    assert!(log.to_string().contains("contact.exported"));
    assert_eq!(
        app.delete(
            &format!("/api/contacts/{}", uuid::Uuid::now_v7()),
            Some(&admin)
        )
        .await,
        404
    );
}

async fn retention_deletes_old_closed_chats(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin_token().await;
    let (ada, _, _) = app.visitor("Ada").await;
    let closed = open_session(&ada).await;
    send(&ada, &closed, "old news").await;
    ada.call("session:close", json!({ "sessionId": closed }))
        .await;
    let open = open_session(&ada).await;
    send(&ada, &open, "still talking").await;
    // the sweep as RETENTION_DAYS runs it, with a cutoff just after the close
    let deleted = app
        .store
        .delete_closed_before(Utc::now() + Duration::seconds(1), 100)
        .await
        .unwrap();
    assert_eq!(deleted, 1);
    let (status, _) = app
        .get(&format!("/api/sessions/{closed}/messages"), Some(&admin))
        .await;
    assert_eq!(status, 404, "gone");
    let (status, _) = app
        .get(&format!("/api/sessions/{open}/messages"), Some(&admin))
        .await;
    assert_eq!(status, 200, "open chats stay");
}

on_both_databases!(
    a_contact_is_exported_and_erased,
    retention_deletes_old_closed_chats
);
