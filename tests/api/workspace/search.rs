//! Search over the wire: words anywhere in any message, filters, snippets
//! that are safe to show, paging, and hostile queries that are just words.

use serde_json::json;

use super::active_chat;
use crate::helpers::{Db, TestApp, open_session, send};
use crate::on_both_databases;

async fn search_finds_conversations_by_their_words(db: Db) {
    let app = TestApp::spawn(db).await;
    let chat = active_chat(&app, "Ada", "My <b>refund</b> for order 1234 never arrived").await;
    send(&chat.agent, &chat.session, "I have sent the refunds again").await;
    let (eve, _, _) = app.visitor("Eve").await;
    let other = open_session(&eve).await;
    send(&eve, &other, "how do I change my password").await;
    let token = chat.agent_token.clone();

    let (status, body) = app.get("/api/search?q=refund", Some(&token)).await;
    assert_eq!(status, 200, "{body}");
    let results = body["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{body}");
    assert_eq!(results[0]["session"]["id"], chat.session.as_str());
    let matches = results[0]["matches"].as_array().unwrap();
    assert_eq!(matches.len(), 2, "both messages (refund, refunds): {body}");
    let snippet = matches[0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>refund</mark>"), "{snippet}");
    assert!(
        snippet.contains("&lt;b&gt;"),
        "the message's own markup is escaped: {snippet}"
    );
    assert_eq!(matches[0]["seq"], 1);

    // Words in any form, every word required.
    let (_, body) = app
        .get("/api/search?q=changing%20passwords", Some(&token))
        .await;
    assert_eq!(body["results"][0]["session"]["id"], other.as_str());
    let (_, body) = app
        .get("/api/search?q=refund%20password", Some(&token))
        .await;
    assert_eq!(body["results"], json!([]));

    // Filters.
    let (_, body) = app
        .get("/api/search?q=refund&status=closed", Some(&token))
        .await;
    assert_eq!(body["results"], json!([]));
    let (_, body) = app
        .get(
            "/api/search?q=refund&status=active_with_agent&channel=web",
            Some(&token),
        )
        .await;
    assert_eq!(body["results"].as_array().unwrap().len(), 1);
    let tags = format!("/api/sessions/{}/tags", chat.session);
    app.put(&tags, Some(&token), json!({ "tags": ["billing"] }))
        .await;
    let (_, body) = app.get("/api/search?tag=billing", Some(&token)).await;
    assert_eq!(
        body["results"][0]["session"]["id"],
        chat.session.as_str(),
        "a filter alone lists"
    );
    let (_, body) = app
        .get("/api/search?q=password&tag=billing", Some(&token))
        .await;
    assert_eq!(body["results"], json!([]));
    let (_, body) = app
        .get(
            "/api/search?q=refund&from=2000-01-01&to=2000-01-02",
            Some(&token),
        )
        .await;
    assert_eq!(body["results"], json!([]));

    // Hostile syntax is data; bad filters are clear errors.
    for q in [
        "\"",
        "refund AND",
        "*",
        "NEAR(a b)",
        "a:b",
        "((",
        "'; drop table messages; --",
        "-x",
        "^",
    ] {
        let url = format!("/api/search?q={}", urlencoding(q));
        let (status, body) = app.get(&url, Some(&token)).await;
        assert!(status == 200 || status == 400, "{q:?} → {status} {body}");
        assert_ne!(status, 500);
    }
    for bad in [
        "?q=x&status=nope",
        "?q=x&limit=0",
        "?q=x&limit=101",
        "?q=x&from=yesterday",
        "?q=x&cursor=forged",
        "?q=x&agentId=7",
        "?",
        "?q=x&extra=1",
    ] {
        let (status, body) = app.get(&format!("/api/search{bad}"), Some(&token)).await;
        assert_eq!(status, 400, "{bad} → {body}");
    }
    let (status, _) = app
        .get("/api/search?q=refund", Some(&chat.visitor_token))
        .await;
    assert_eq!(status, 403, "visitors do not search");
    let (status, _) = app.get("/api/search?q=refund", None).await;
    assert_eq!(status, 401);
}

async fn search_pages_through_every_match(db: Db) {
    let app = TestApp::spawn_on(
        &crate::helpers::fresh_database(db).await,
        crate::helpers::one_address_many_visitors,
    )
    .await;
    let token = app.agent_token("Bob").await;
    let mut ids = Vec::new();
    for i in 0..5 {
        let (v, _, _) = app.visitor(&format!("V{i}")).await;
        let s = open_session(&v).await;
        send(&v, &s, &format!("invoice question number {i}")).await;
        ids.push(s);
    }
    let mut seen = Vec::new();
    let mut url = "/api/search?q=invoice&limit=2".to_string();
    loop {
        let (status, body) = app.get(&url, Some(&token)).await;
        assert_eq!(status, 200, "{body}");
        for r in body["results"].as_array().unwrap() {
            seen.push(r["session"]["id"].as_str().unwrap().to_string());
        }
        match body["nextCursor"].as_str() {
            Some(c) => url = format!("/api/search?q=invoice&limit=2&cursor={c}"),
            None => break,
        }
    }
    ids.reverse();
    assert_eq!(seen, ids, "newest first, each once");
}

fn urlencoding(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

on_both_databases!(
    search_finds_conversations_by_their_words,
    search_pages_through_every_match,
);
