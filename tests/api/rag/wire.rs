//! The RAG bot through the real app, on both databases: `POST /ingest` and
//! its progress, then a visitor whose session names the site gets an answer
//! citing the right page; the crawl honoured robots.txt and the page cap;
//! with private addresses not allowed, the same crawl is refused.

use std::time::Duration;

use serde_json::{Value, json};

use super::fixture::Fixture;
use crate::helpers::{Db, TestApp, fresh_database, send};
use crate::on_both_databases;
use crate::socket::Client;

pub(crate) async fn ingest(
    app: &TestApp,
    token: Option<&str>,
    site: &str,
    max_pages: Option<u64>,
) -> Value {
    let mut body = json!({ "site": site });
    if let Some(n) = max_pages {
        body["max_pages"] = json!(n);
    }
    let (status, started) = app.post("/ingest", token, body).await;
    assert_eq!(status, 202, "{started}");
    let job = started["jobId"].as_str().unwrap().to_string();
    for _ in 0..600 {
        let (status, progress) = app.get(&format!("/ingest/{job}"), token).await;
        assert_eq!(status, 200, "{progress}");
        if progress["status"] == "done" || progress["status"] == "failed" {
            return progress;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("ingest did not finish");
}

/// Opens the visitor's chat about `site`; its session id.
pub(crate) async fn session_on(visitor: &Client, site: &str) -> String {
    let ack = visitor
        .call("session:create", json!({ "site": site }))
        .await;
    assert_eq!(ack["ok"], true, "{ack}");
    ack["session"]["id"].as_str().unwrap().to_string()
}

/// Sends `text` as the visitor and returns the bot's reply to it (the first
/// bot message after message `after`).
pub(crate) async fn ask(visitor: &Client, session: &str, text: &str, after: i64) -> Value {
    send(visitor, session, text).await;
    visitor
        .wait_for("message:new", |m| {
            m["senderType"] == "bot" && m["seq"].as_i64() > Some(after)
        })
        .await
}

async fn ingest_and_answer(db: Db) {
    let fixture = Fixture::start().await;
    let url = fresh_database(db).await;
    let app = TestApp::spawn_on(&url, |c| c.ingest_allow_private = true).await;
    let admin = app.admin_token().await;

    let (status, _) = app
        .post("/ingest", None, json!({ "site": fixture.base }))
        .await;
    assert_eq!(
        status, 401,
        "ingest needs a staff token unless INGEST_PUBLIC"
    );
    for bad in [
        json!({ "site": "ftp://x.test" }),
        json!({ "site": fixture.base, "max_pages": 0 }),
        json!({ "site": fixture.base, "max_pages": 501 }),
    ] {
        let (status, body) = app.post("/ingest", Some(&admin), bad).await;
        assert_eq!(status, 400, "{body}");
    }
    let (status, _) = app
        .get("/ingest/00000000-0000-0000-0000-000000000000", Some(&admin))
        .await;
    assert_eq!(status, 404);

    let capped = ingest(&app, Some(&admin), &fixture.base, Some(3)).await;
    assert_eq!(capped["pagesDone"], 3, "{capped}");
    let progress = ingest(&app, Some(&admin), &fixture.base, None).await;
    assert_eq!(progress["status"], "done", "{progress}");
    assert_eq!(
        progress["pagesDone"], 11,
        "every public page once (the redirect lands on /shipping): {progress}"
    );

    let (visitor, _, _) = app.visitor("Ada").await;
    let session = session_on(&visitor, &fixture.base).await;
    let reply = ask(
        &visitor,
        &session,
        "Can I send a bike back for a refund?",
        0,
    )
    .await;
    assert_eq!(
        reply["citations"][0]["url"],
        fixture.url("/returns"),
        "{reply}"
    );
    assert!(
        reply["text"].as_str().unwrap().contains("30 days"),
        "{reply}"
    );

    let reply = ask(&visitor, &session, "What is the staff discount code?", 3).await;
    assert!(
        !reply.to_string().contains("ZEBRA"),
        "robots.txt kept /private/ out: {reply}"
    );

    let reply = ask(
        &visitor,
        &session,
        "Any tips for baking sourdough pizza?",
        5,
    )
    .await;
    assert!(
        reply["text"].as_str().unwrap().contains("Talk to a human"),
        "{reply}"
    );
    assert!(reply.get("citations").is_none(), "{reply}");
    app.shutdown().await;
}

/// With private addresses refused (the default), a loopback site is refused
/// before any connection, and the job says why.
async fn private_sites_are_refused(db: Db) {
    let fixture = Fixture::start().await;
    let app = TestApp::spawn_on(&fresh_database(db).await, |c| c.ingest_public = true).await;
    for site in [
        fixture.base.clone(),
        format!("http://2130706433:{}", fixture.addr.port()),
        format!("http://localhost:{}", fixture.addr.port()),
    ] {
        let progress = ingest(&app, None, &site, None).await;
        assert_eq!(progress["status"], "failed", "{site}: {progress}");
        let error = progress["error"].as_str().unwrap();
        assert!(error.contains("refused"), "{site}: {error}");
    }
    app.shutdown().await;
}

on_both_databases!(ingest_and_answer, private_sites_are_refused);

#[tokio::test]
async fn widget_is_served() {
    let app = TestApp::spawn(Db::Sqlite).await;
    for (path, needle) in [
        ("/widget.js", "attachShadow"),
        ("/widget.html", "<div id=\"root\">"),
    ] {
        let res = app.http.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert!(res.text().await.unwrap().contains(needle), "{path}");
    }
    // The widget's page is the visitor app's second entry: its script is one
    // of the visitor app's hashed assets.
    let widget_html = app.http.get(app.url("/widget.html")).send().await.unwrap();
    let script = widget_html
        .text()
        .await
        .unwrap()
        .split("src=\"/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .map(str::to_string)
        .expect("a script tag");
    assert!(script.starts_with("assets/"), "{script}");
    let res = app
        .http
        .get(app.url(&format!("/{script}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{script}");
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("javascript")
    );
    let page = app.http.get(app.url("/widget.html")).send().await.unwrap();
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("frame-ancestors *"),
        "the widget page may be framed: {csp}"
    );
    assert!(!page.headers().contains_key("x-frame-options"));
    let html = page.text().await.unwrap();
    assert!(
        !html.contains("<script>"),
        "no inline script (the CSP would block it)"
    );
}

/// Switching embedders re-embeds the stored passages; until then searches
/// see no vector of the old embedder (vectors are never mixed).
async fn switching_embedders_reembeds(db: Db) {
    use std::sync::Arc;
    use webchat::{
        rag::{Rag, embed::lexical::LexicalEmbedder, ssrf::AddressPolicy},
        store,
    };

    let fixture = Fixture::start().await;
    let url = fresh_database(db).await;
    let policy = AddressPolicy {
        allow_private: true,
        ..AddressPolicy::default()
    };
    let old = Rag::with_parts(
        store::connect(&url).await.unwrap(),
        Arc::new(LexicalEmbedder::new(512)),
        None,
        policy.clone(),
    );
    let done = old.ingestor.ingest(&fixture.base, 50, &|_| {}).await;
    assert_eq!(done.pages_done, 11, "{done:?}");

    let new = Rag::with_parts(
        store::connect(&url).await.unwrap(),
        Arc::new(LexicalEmbedder::new(256)),
        None,
        policy,
    );
    let site = Some(fixture.base.as_str());
    assert!(
        new.retriever
            .vector(site, "refund", 5)
            .await
            .unwrap()
            .is_empty()
    );
    let count = new.reembed().await.unwrap();
    assert!(count > 11, "every passage re-embedded: {count}");
    let hits = new
        .retriever
        .vector(site, "refund within 30 days", 5)
        .await
        .unwrap();
    assert_eq!(hits[0].url, fixture.url("/returns"));
    assert_eq!(new.reembed().await.unwrap(), 0, "nothing left to do");
    assert!(
        old.retriever
            .vector(site, "refund", 5)
            .await
            .unwrap()
            .is_empty(),
        "the old vectors are gone"
    );
}

on_both_databases!(switching_embedders_reembeds);

/// WhatsApp's `site https://…` sets the session's site and, where anyone may
/// ingest (`INGEST_PUBLIC`), reads it first; the bot then answers from it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn whatsapp_site_command_reads_the_site() {
    let fixture = Fixture::start().await;
    let url = fresh_database(Db::Sqlite).await;
    let app = TestApp::spawn_on(&url, |c| {
        c.ingest_allow_private = true;
        c.ingest_public = true;
        c.twilio.allow_unsigned = true;
    })
    .await;
    let number = "whatsapp:+15550009999";
    let post = |sid: String, body: String| {
        let http = app.http.clone();
        let url = app.url("/webhooks/twilio/whatsapp");
        async move {
            let form = [
                ("MessageSid", sid),
                ("From", number.to_string()),
                ("Body", body),
            ];
            let res = http.post(url).form(&form).send().await.unwrap();
            assert_eq!(res.status().as_u16(), 200);
        }
    };
    let sid = || format!("SM{}", uuid::Uuid::now_v7().simple());
    post(sid(), format!("site {}", fixture.base)).await;
    let user = app
        .store
        .user_by_external_id(number)
        .await
        .unwrap()
        .unwrap();
    let session = app
        .store
        .open_sessions_for_user(user.id)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(
        session.site.as_deref(),
        Some(fixture.base.trim_end_matches('/'))
    );
    let notes = app.store.messages_after(session.id, 0, 10).await.unwrap();
    assert!(
        notes.iter().any(|m| m.text.contains("reading")),
        "{notes:?}"
    );
    for _ in 0..40 {
        post(sid(), "Can I send a bike back for a refund?".into()).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let messages = app.store.messages_after(session.id, 0, 500).await.unwrap();
        let cited = messages
            .iter()
            .rev()
            .find(|m| m.citations.as_ref().is_some_and(|c| !c.is_empty()));
        if let Some(answer) = cited {
            assert_eq!(
                answer.citations.as_ref().unwrap()[0].url,
                fixture.url("/returns")
            );
            return;
        }
    }
    panic!("the bot never answered from the site");
}
