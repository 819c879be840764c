//! The console's knowledge: sites with their pages and last crawl, the
//! crawl's progress live on `/admin`, forgetting a site; and a chat on a
//! site with no pages is answered from what is known.

use serde_json::json;

use crate::helpers::{Db, TestApp, fresh_database};
use crate::on_both_databases;
use crate::rag::{
    fixture::Fixture,
    wire::{ask, ingest, session_on},
};
use crate::socket::Client;

async fn sites_are_listed_watched_and_forgotten(db: Db) {
    let fixture = Fixture::start().await;
    let app = TestApp::spawn_on(&fresh_database(db).await, |c| c.ingest_allow_private = true).await;
    let admin = app.admin_token().await;
    let agent = app.agent_token("Bob").await;
    let console = Client::connect(app.port, "/admin", Some(json!({ "token": admin })))
        .await
        .expect("the console connects");
    let done = ingest(&app, Some(&admin), &fixture.base, Some(5)).await;
    assert_eq!(done["pagesDone"], 5, "{done}");
    let progress = console
        .wait_for("ingest:progress", |p| p["status"] == "done")
        .await;
    assert_eq!(progress["pagesDone"], 5);
    let steps = console.events("ingest:progress");
    assert!(
        steps
            .iter()
            .any(|p| p["status"] == "running" && p["currentUrl"].is_string()),
        "each page is reported as it is read: {steps:?}"
    );

    let (status, _) = app.get("/api/knowledge/sites", Some(&agent)).await;
    assert_eq!(status, 403);
    let (status, sites) = app.get("/api/knowledge/sites", Some(&admin)).await;
    assert_eq!(status, 200, "{sites}");
    let site = &sites["sites"][0];
    assert_eq!(site["pages"], 5, "{sites}");
    assert!(site["lastIngestAt"].is_string());
    assert_eq!(site["lastJob"]["status"], "done");
    let name = site["site"].as_str().unwrap().to_string();

    // a widget on another origin: its site has no pages, so all knowledge answers
    let (visitor, _, _) = app.visitor("Ada").await;
    let session = session_on(&visitor, "https://elsewhere.example").await;
    let reply = ask(
        &visitor,
        &session,
        "Can I send a bike back for a refund?",
        0,
    )
    .await;
    assert!(
        reply["citations"][0]["url"]
            .as_str()
            .unwrap()
            .starts_with(&fixture.base),
        "{reply}"
    );

    let forget = format!(
        "/api/knowledge/sites?site={}",
        name.replace(':', "%3A").replace('/', "%2F")
    );
    assert_eq!(app.delete(&forget, Some(&agent)).await, 403);
    assert_eq!(app.delete(&forget, Some(&admin)).await, 204);
    let (_, after) = app.get("/api/knowledge/sites", Some(&admin)).await;
    assert!(
        after["sites"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["pages"] == 0),
        "{after}"
    );
    assert_eq!(app.delete(&forget, Some(&admin)).await, 404);
}

on_both_databases!(sites_are_listed_watched_and_forgotten);
