//! API tokens for scripts (shown once, acting with their role, revoked at
//! once) and the audit log of who did what (admins only, paged).

use serde_json::json;

use crate::helpers::{Db, TestApp};
use crate::on_both_databases;

async fn api_tokens_act_with_their_role_until_revoked(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin_token().await;
    let agent = app.agent_token("Bob").await;
    let new = json!({ "name": "nightly export", "role": "supervisor" });
    let (status, _) = app.post("/api/tokens", Some(&agent), new.clone()).await;
    assert_eq!(status, 403, "agents create no tokens");
    let (status, body) = app
        .post(
            "/api/tokens",
            Some(&admin),
            json!({ "name": "x", "role": "user" }),
        )
        .await;
    assert_eq!(status, 400, "{body}");

    let (status, created) = app.post("/api/tokens", Some(&admin), new).await;
    assert_eq!(status, 201, "{created}");
    let token = created["token"].as_str().unwrap().to_string();
    let id = created["apiToken"]["id"].as_str().unwrap().to_string();
    assert_eq!(created["apiToken"]["role"], "supervisor");
    let (_, listed) = app.get("/api/tokens", Some(&admin)).await;
    assert_eq!(listed["apiTokens"].as_array().unwrap().len(), 1);
    assert!(
        !listed.to_string().contains(&token),
        "the list never shows the secret"
    );

    let period = "from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z";
    let (status, _) = app
        .get(&format!("/api/reports/summary?{period}"), Some(&token))
        .await;
    assert_eq!(status, 200, "a supervisor's token reads reports");
    let (status, _) = app.get("/api/audit", Some(&token)).await;
    assert_eq!(status, 403, "but not the audit log");
    let (_, team) = app.get("/api/agents", Some(&admin)).await;
    assert!(
        !team.to_string().contains("nightly export"),
        "a token is not a member of the team: {team}"
    );

    assert_eq!(
        app.delete(&format!("/api/tokens/{id}"), Some(&admin)).await,
        204
    );
    let (status, _) = app
        .get(&format!("/api/reports/summary?{period}"), Some(&token))
        .await;
    assert_eq!(status, 401, "revoked at once");
    assert_eq!(
        app.delete(&format!("/api/tokens/{id}"), Some(&admin)).await,
        404
    );
}

async fn the_audit_log_says_who_did_what(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin_token().await;
    let agent = app.agent_token("Bob").await;
    let (status, _) = app
        .put(
            "/api/settings/widget",
            Some(&admin),
            json!({ "title": "Acme", "greeting": "", "color": "#123456", "position": "left", "site": "", "locale": "" }),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = app.get("/api/audit", Some(&agent)).await;
    assert_eq!(status, 403, "agents read no audit log");

    let (status, log) = app.get("/api/audit?limit=500", Some(&admin)).await;
    assert_eq!(status, 200, "{log}");
    let entries = log["entries"].as_array().unwrap();
    let actions: Vec<&str> = entries
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions[0], "settings.widget", "newest first: {actions:?}");
    assert_eq!(entries[0]["detail"]["title"], "Acme");
    assert_eq!(entries[0]["actorName"], "Admin");
    assert!(actions.contains(&"agent.created"), "{actions:?}");
    assert!(actions.contains(&"login"), "{actions:?}");

    // paged: one at a time, each page older than the last, no repeats
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..entries.len() + 1 {
        let path = match &cursor {
            Some(c) => format!("/api/audit?limit=1&cursor={}", urlencode(c)),
            None => "/api/audit?limit=1".to_string(),
        };
        let (status, page) = app.get(&path, Some(&admin)).await;
        assert_eq!(status, 200, "{page}");
        for e in page["entries"].as_array().unwrap() {
            seen.push(e["id"].as_str().unwrap().to_string());
        }
        match page["nextCursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    let all: Vec<String> = entries
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(seen, all, "paging walks the whole log once, in order");
    let (status, _) = app.get("/api/audit?cursor=nonsense", Some(&admin)).await;
    assert_eq!(status, 400);
    let (status, _) = app.get("/api/audit?limit=501", Some(&admin)).await;
    assert_eq!(status, 400);
}

fn urlencode(s: &str) -> String {
    s.replace('+', "%2B")
        .replace(':', "%3A")
        .replace('|', "%7C")
}

on_both_databases!(
    api_tokens_act_with_their_role_until_revoked,
    the_audit_log_says_who_did_what
);
