//! The OpenAPI document (`GET /api/openapi.json`) lists every route with
//! who may call it, and `GET /api/docs` renders it from this server alone.

use serde_json::Value;

use crate::helpers::{Db, TestApp};

/// Every HTTP route of PROTOCOL.md and the README's extensions, and
/// whether it needs a token.
const ROUTES: &[(&str, &str, bool)] = &[
    ("get", "/health", false),
    ("get", "/ready", false),
    ("get", "/api/openapi.json", false),
    ("get", "/api/docs", false),
    ("post", "/api/auth/login", false),
    ("post", "/api/auth/logout", true),
    ("get", "/api/me", true),
    ("get", "/api/agents", true),
    ("post", "/api/agents", true),
    ("patch", "/api/agents/{id}", true),
    ("post", "/api/agents/{id}/password", true),
    ("get", "/api/invitations", true),
    ("post", "/api/invitations", true),
    ("delete", "/api/invitations/{id}", true),
    ("post", "/api/invitations/{id}/resend", true),
    ("post", "/api/invitations/lookup", false),
    ("post", "/api/invitations/accept", false),
    ("get", "/api/sessions", true),
    ("get", "/api/sessions/{id}/messages", true),
    ("get", "/api/sessions/{id}/notes", true),
    ("put", "/api/sessions/{id}/tags", true),
    ("get", "/api/search", true),
    ("get", "/api/contacts/{id}", true),
    ("delete", "/api/contacts/{id}", true),
    ("get", "/api/contacts/{id}/export", true),
    ("get", "/api/reports/summary", true),
    ("get", "/api/reports/conversations.csv", true),
    ("get", "/api/audit", true),
    ("get", "/api/tokens", true),
    ("post", "/api/tokens", true),
    ("delete", "/api/tokens/{id}", true),
    ("get", "/api/knowledge/sites", true),
    ("delete", "/api/knowledge/sites", true),
    ("get", "/api/canned-responses", true),
    ("post", "/api/canned-responses", true),
    ("put", "/api/canned-responses/{id}", true),
    ("delete", "/api/canned-responses/{id}", true),
    ("post", "/api/attachments", true),
    ("get", "/api/attachments/{id}", true),
    ("get", "/api/webhooks", true),
    ("post", "/api/webhooks", true),
    ("patch", "/api/webhooks/{id}", true),
    ("delete", "/api/webhooks/{id}", true),
    ("get", "/api/webhooks/{id}/deliveries", true),
    (
        "post",
        "/api/webhooks/{id}/deliveries/{delivery_id}/retry",
        true,
    ),
    ("post", "/ingest", true),
    ("get", "/ingest/{job_id}", true),
    ("get", "/api/config", false),
    ("get", "/api/availability", false),
    ("get", "/api/settings/widget", false),
    ("put", "/api/settings/widget", true),
    ("get", "/api/settings/business-hours", false),
    ("put", "/api/settings/business-hours", true),
];

fn needs_token(operation: &Value) -> bool {
    operation["security"]
        .as_array()
        .is_some_and(|s| s.iter().any(|r| r.get("bearer").is_some()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_document_lists_every_route_and_who_may_call_it() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let (status, doc) = app.get("/api/openapi.json", None).await;
    assert_eq!(status, 200, "anyone reads it");
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc["openapi"]
    );
    assert_eq!(doc["info"]["title"], "Webchat");
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    let paths = doc["paths"].as_object().unwrap();
    for (method, path, protected) in ROUTES {
        let operation = &paths
            .get(*path)
            .unwrap_or_else(|| panic!("{path} is not in the document"))[*method];
        assert!(
            operation.is_object(),
            "{method} {path} is not in the document"
        );
        assert_eq!(
            needs_token(operation),
            *protected,
            "{method} {path}'s security"
        );
        assert!(
            operation["responses"]
                .as_object()
                .is_some_and(|r| !r.is_empty()),
            "{method} {path} documents its answers"
        );
    }
    let documented: usize = paths
        .values()
        .map(|item| {
            ["get", "post", "put", "patch", "delete"]
                .iter()
                .filter(|m| item.get(**m).is_some())
                .count()
        })
        .sum();
    assert_eq!(
        documented,
        ROUTES.len(),
        "a route here is missing from the list above"
    );

    // Bodies and answers are typed, so clients and fuzzers can use them.
    let invite =
        &paths["/api/invitations"]["post"]["requestBody"]["content"]["application/json"]["schema"];
    assert_eq!(
        invite["$ref"], "#/components/schemas/NewInvitation",
        "{invite}"
    );
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["NewInvitation"]["required"],
        serde_json::json!(["email"])
    );
    for name in [
        "Session",
        "Message",
        "Agent",
        "ReportSummary",
        "ErrorBody",
        "WidgetSettings",
    ] {
        assert!(schemas[name].is_object(), "the {name} schema");
    }

    // The page that renders it comes from this server, with its assets.
    let page = reqwest::get(app.url("/api/docs")).await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Webchat API"), "{html}");
    let script = html
        .split("src=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("a script in {html}"));
    assert!(
        script.starts_with("/admin/assets/"),
        "served here, no CDN: {script}"
    );
    let asset = reqwest::get(app.url(script)).await.unwrap();
    assert_eq!(asset.status(), 200, "{script}");
    assert!(!html.contains("https://"), "no outside address in the page");
}
