//! An admin resets a staff member's password: they are signed out
//! everywhere at once, and only the new password works.

use serde_json::json;

use crate::helpers::{Db, TestApp};
use crate::on_both_databases;

async fn a_reset_password_signs_the_person_out(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin_token().await;
    let (_, created) = app
        .post(
            "/api/agents",
            Some(&admin),
            json!({ "email": "pat@agents.test", "password": "old-password-1", "displayName": "Pat" }),
        )
        .await;
    let id = created["user"]["id"].as_str().unwrap().to_string();
    let pat = app.login("pat@agents.test", "old-password-1").await;
    let socket = app.socket(Some(&pat)).await;
    let hello = socket
        .call("hello", json!({ "role": "agent", "token": pat }))
        .await;
    assert_eq!(hello["ok"], true, "{hello}");
    let path = format!("/api/agents/{id}/password");

    let (status, _) = app
        .post(&path, Some(&pat), json!({ "password": "mine-now-123" }))
        .await;
    assert_eq!(status, 403, "only admins reset passwords");
    let (status, body) = app
        .post(&path, Some(&admin), json!({ "password": "short" }))
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["code"], "invalid");
    let (status, _) = app
        .post(
            &format!("/api/agents/{}/password", uuid::Uuid::now_v7()),
            Some(&admin),
            json!({ "password": "new-password-2" }),
        )
        .await;
    assert_eq!(status, 404);

    let (status, _) = app
        .post(&path, Some(&admin), json!({ "password": "new-password-2" }))
        .await;
    assert_eq!(status, 204);
    assert!(socket.wait_closed().await, "their sockets close");
    let (status, _) = app.get("/api/me", Some(&pat)).await;
    assert_eq!(status, 401, "their tokens are revoked");
    let (status, refused) = app
        .post(
            "/api/auth/login",
            None,
            json!({ "email": "pat@agents.test", "password": "old-password-1" }),
        )
        .await;
    assert_eq!(status, 401, "the old password no longer works: {refused}");
    let fresh = app.login("pat@agents.test", "new-password-2").await;
    assert_eq!(app.get("/api/me", Some(&fresh)).await.0, 200);
    let (_, log) = app.get("/api/audit", Some(&admin)).await;
    assert!(log.to_string().contains("agent.password_reset"));
}

on_both_databases!(a_reset_password_signs_the_person_out);
