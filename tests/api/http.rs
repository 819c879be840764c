//! The HTTP API, the binary itself (several processes, the CLI), restarts,
//! and the repository's own promises (.env.example, migrations).

use std::collections::BTreeSet;

use futures::future::join_all;
use serde_json::{Value, json};

use crate::helpers::{
    ADMIN_EMAIL, Db, TestApp, error_code, fresh_database, open_session, send, spawn_binary,
};
use crate::on_both_databases;
use crate::socket::Client;

async fn auth_and_accounts(db: Db) {
    let app = TestApp::spawn(db).await;
    let (status, body) = app.get("/health", None).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("ok")));
    assert_eq!(app.get("/ready", None).await.0, 200);

    let (status, body) = app
        .post(
            "/api/auth/login",
            None,
            json!({ "email": ADMIN_EMAIL, "password": "wrong" }),
        )
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (401, Some("unauthorized"))
    );
    let (status, _) = app
        .post(
            "/api/auth/login",
            None,
            json!({ "email": "nobody@x.io", "password": "whatever1" }),
        )
        .await;
    assert_eq!(
        status, 401,
        "unknown email: same answer as a wrong password"
    );

    let admin = app.admin_token().await;
    let (status, me) = app.get("/api/me", Some(&admin)).await;
    assert_eq!((status, me["user"]["role"].as_str()), (200, Some("admin")));

    let agent =
        json!({ "email": "Carol@Example.com", "password": "carol-pass-1", "displayName": "Carol" });
    let (status, created) = app.post("/api/agents", Some(&admin), agent.clone()).await;
    assert_eq!(
        (status, created["user"]["role"].as_str()),
        (201, Some("agent"))
    );
    let (status, dup) = app.post("/api/agents", Some(&admin), agent).await;
    assert_eq!(
        (status, dup["error"]["code"].as_str()),
        (409, Some("conflict"))
    );
    let weak = json!({ "email": "d@example.com", "password": "short", "displayName": "D" });
    assert_eq!(app.post("/api/agents", Some(&admin), weak).await.0, 400);

    let carol = app.login("carol@example.com", "carol-pass-1").await;
    let (status, _) = app
        .post(
            "/api/agents",
            Some(&carol),
            json!({ "email": "e@x.io", "password": "12345678", "displayName": "E" }),
        )
        .await;
    assert_eq!(status, 403, "agents cannot create accounts");
    let (status, list) = app.get("/api/agents", Some(&admin)).await;
    assert_eq!(status, 200);
    assert!(
        list["agents"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["email"] == "Carol@Example.com")
    );

    let live = Client::connect(app.port, "/", Some(json!({ "token": carol }))).await;
    assert!(live.is_ok());
    assert_eq!(
        app.post("/api/auth/logout", Some(&carol), json!({}))
            .await
            .0,
        204
    );
    assert_eq!(
        app.get("/api/me", Some(&carol)).await.0,
        401,
        "logout revokes the token"
    );
    assert!(
        Client::connect(app.port, "/", Some(json!({ "token": carol })))
            .await
            .is_err()
    );
}

async fn bad_http_bodies(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin_token().await;
    let res = app
        .http
        .post(app.url("/api/auth/login"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid");

    let huge = json!({ "email": "x".repeat(100_000), "password": "y" });
    let (status, body) = app.post("/api/auth/login", None, huge).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (413, Some("payload_too_large"))
    );
    let (status, body) = app
        .post("/api/agents", Some(&admin), json!({ "email": 5 }))
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("invalid"))
    );
    let (status, body) = app.get("/api/nothing-here", None).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("not_found"))
    );
    let (status, _) = app.get("/api/sessions?status=sideways", Some(&admin)).await;
    assert_eq!(status, 400);
    let (status, _) = app
        .get("/api/sessions/not-a-uuid/messages", Some(&admin))
        .await;
    assert_eq!(status, 400);
    let count: i64 = app.store.list_staff().await.unwrap().len() as i64;
    assert_eq!(count, 1, "nothing was created");
}

async fn sessions_and_transcripts(db: Db) {
    let app = TestApp::spawn(db).await;
    let (ada, ada_token, _) = app.visitor("Ada").await;
    let (_, eve_token, _) = app.visitor("Eve").await;
    let session = open_session(&ada).await;
    send(&ada, &session, "first").await;
    let second = send(&ada, &session, "second").await;
    let path = format!("/api/sessions/{session}/messages");
    let (status, own) = app.get(&path, Some(&ada_token)).await;
    assert_eq!(status, 200);
    assert!(own["messages"].as_array().unwrap().len() >= 2);
    assert_eq!(app.get(&path, Some(&eve_token)).await.0, 403);
    assert_eq!(app.get(&path, None).await.0, 401);
    let (_, after) = app
        .get(
            &format!("{path}?afterSeq={}", second["seq"].as_i64().unwrap() - 1),
            Some(&ada_token),
        )
        .await;
    assert_eq!(after["messages"][0]["text"], "second");
    let agent = app.agent_token("Bob").await;
    let (status, list) = app
        .get("/api/sessions?status=bot_pending", Some(&agent))
        .await;
    assert_eq!(status, 200);
    assert!(
        list["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["id"] == session.as_str())
    );
    assert_eq!(
        app.get(&path, Some(&agent)).await.0,
        200,
        "agents read transcripts"
    );
}

/// A restart keeps queued sessions queued and active ones assigned; agents'
/// queue is rebuilt from the store.
async fn restart_keeps_state(db: Db) {
    let app = TestApp::spawn(db).await;
    let (ada, ada_token, _) = app.visitor("Ada").await;
    let queued = open_session(&ada).await;
    ada.call("handoff:request", json!({ "sessionId": queued }))
        .await;
    let active = open_session(&ada).await;
    ada.call("handoff:request", json!({ "sessionId": active }))
        .await;
    let bob_token = app.agent_token("Bob").await;
    let bob = app.socket(Some(&bob_token)).await;
    bob.call("hello", json!({ "role": "agent", "token": bob_token }))
        .await;
    bob.call("agent:claim", json!({ "sessionId": active }))
        .await;
    let url = app.database_url.clone();
    app.shutdown().await;
    assert!(ada.wait_closed().await, "sockets are told on shutdown");

    let app = TestApp::spawn_on(&url, |_| {}).await;
    let bob = app.socket(Some(&bob_token)).await;
    let hello = bob
        .call("hello", json!({ "role": "agent", "token": bob_token }))
        .await;
    assert_eq!(
        hello["sessions"][0]["id"],
        active.as_str(),
        "still assigned: {hello}"
    );
    let queue = bob.wait_for("queue:bootstrap", |_| true).await;
    assert_eq!(
        queue["items"][0]["sessionId"],
        queued.as_str(),
        "still queued: {queue}"
    );
    let ada = app.socket(Some(&ada_token)).await;
    let hello = ada
        .call("hello", json!({ "role": "user", "token": ada_token }))
        .await;
    assert_eq!(hello["sessions"].as_array().unwrap().len(), 2);
}

on_both_databases!(
    auth_and_accounts,
    bad_http_bodies,
    sessions_and_transcripts,
    restart_keeps_state
);

/// Two webchat processes on one Postgres: agents on both race for the same
/// sessions and each session has exactly one winner.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn claims_are_exactly_once_across_processes() {
    if !crate::helpers::postgres_available() {
        return;
    }
    let url = fresh_database(Db::Postgres).await;
    let app = TestApp::spawn_on(&url, |_| {}).await;
    let (_one, port_one) = spawn_binary(&url).await;
    let (_two, port_two) = spawn_binary(&url).await;
    let mut agents = Vec::new();
    for (i, port) in [port_one, port_two, port_one, port_two]
        .into_iter()
        .enumerate()
    {
        let token = app.agent_token(&format!("Agent {i}")).await;
        let c = Client::connect(port, "/", Some(json!({ "token": token })))
            .await
            .unwrap();
        c.call("hello", json!({ "role": "agent", "token": token }))
            .await;
        agents.push(c);
    }
    let (ada, _, _) = app.visitor("Ada").await;
    for _ in 0..5 {
        let session = open_session(&ada).await;
        ada.call("handoff:request", json!({ "sessionId": session }))
            .await;
        let acks = join_all(
            agents
                .iter()
                .map(|a| a.call("agent:claim", json!({ "sessionId": session }))),
        )
        .await;
        let wins = acks.iter().filter(|a| a["ok"] == true).count();
        assert_eq!(wins, 1, "one winner across processes: {acks:?}");
        assert!(
            acks.iter()
                .filter(|a| a["ok"] == false)
                .all(|a| error_code(a) == "conflict")
        );
    }
}

/// `webchat agent add` creates an account that can log in.
#[tokio::test]
async fn cli_adds_agents() {
    let url = fresh_database(Db::Sqlite).await;
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_webchat"))
        .args([
            "agent",
            "add",
            "--email",
            "dana@example.com",
            "--name",
            "Dana",
        ])
        .env("DATABASE_URL", &url)
        .env("WEBCHAT_AGENT_PASSWORD", "dana-password")
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("agent Dana"), "{said}");
    let file = url.strip_prefix("sqlite://").unwrap();
    assert!(
        said.contains(&format!("in the SQLite database {file}")),
        "says where: {said}"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("did not exist"),
        "warns that the database is new"
    );
    // no password anywhere and no terminal: refused, nothing saved
    let refused = tokio::process::Command::new(env!("CARGO_BIN_EXE_webchat"))
        .args([
            "agent",
            "add",
            "--email",
            "eli@example.com",
            "--name",
            "Eli",
        ])
        .env("DATABASE_URL", &url)
        .env_remove("WEBCHAT_AGENT_PASSWORD")
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("WEBCHAT_AGENT_PASSWORD"));
    let app = TestApp::spawn_on(&url, |_| {}).await;
    let token = app.login("dana@example.com", "dana-password").await;
    assert_eq!(
        app.get("/api/me", Some(&token)).await.1["user"]["displayName"],
        "Dana"
    );
    let bad = tokio::process::Command::new(env!("CARGO_BIN_EXE_webchat"))
        .env("PORT", "not-a-port")
        .output()
        .await
        .unwrap();
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("PORT"),
        "a bad value names its variable"
    );
}

/// `.env.example` documents every variable the code reads.
#[test]
fn env_example_lists_every_variable() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut config = String::new();
    let mut files = vec![format!("{root}/src/config.rs")];
    for entry in std::fs::read_dir(format!("{root}/src/config")).unwrap() {
        files.push(entry.unwrap().path().display().to_string());
    }
    for file in files {
        let source = std::fs::read_to_string(file).unwrap();
        config.push_str(source.split("#[cfg(test)]").next().unwrap());
    }
    let example = std::fs::read_to_string(format!("{root}/.env.example")).unwrap();
    let mut read = BTreeSet::new();
    for part in config.split('"').skip(1).step_by(2) {
        let name = part.len() > 2 && !part.ends_with('_');
        if name && part.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
            read.insert(part.to_string());
        }
    }
    assert!(read.len() > 20, "found the variables: {read:?}");
    let missing: Vec<_> = read
        .iter()
        .filter(|v| !example.contains(&format!("{v}=")))
        .collect();
    assert!(missing.is_empty(), ".env.example lacks {missing:?}");
}

/// Both migration folders carry the same versions.
#[test]
fn migrations_match() {
    let root = env!("CARGO_MANIFEST_DIR");
    let names = |dir: &str| -> BTreeSet<String> {
        std::fs::read_dir(format!("{root}/migrations/{dir}"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect()
    };
    assert_eq!(names("sqlite"), names("postgres"));
}

/// The three apps are served from the binary, with the right types and caching.
#[tokio::test]
async fn embedded_apps() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let get = |path: &'static str| {
        let http = app.http.clone();
        let url = app.url(path);
        async move { http.get(url).send().await.unwrap() }
    };
    for path in [
        "/",
        "/chat",
        "/agent/",
        "/agent/queue",
        "/admin/",
        "/admin/monitor",
    ] {
        let res = get(path).await;
        assert_eq!(res.status().as_u16(), 200, "{path}");
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{path}"
        );
        assert_eq!(res.headers()["cache-control"], "no-cache", "{path}");
    }
    let user_html = get("/").await.text().await.unwrap();
    let agent_html = get("/agent/").await.text().await.unwrap();
    assert_ne!(user_html, agent_html, "two different apps");
    let asset = user_html
        .split("src=\"/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a script tag");
    let res = app
        .http
        .get(app.url(&format!("/{asset}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200, "{asset}");
    assert!(
        res.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("javascript")
    );
    let admin_html = get("/admin/").await.text().await.unwrap();
    let admin_js = admin_html
        .split("src=\"/admin/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("the admin app's script tag");
    let res = app
        .http
        .get(app.url(&format!("/admin/{admin_js}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200, "{admin_js}");
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("javascript")
    );
    assert!(
        res.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert_eq!(
        get("/assets/missing.js").await.status().as_u16(),
        404,
        "a missing file is not the SPA"
    );
    let api = get("/api/unknown").await;
    assert_eq!(api.status().as_u16(), 404);
    assert!(
        api.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("json"),
        "the SPA never hides the API"
    );
    assert_eq!(get("/webhooks/nothing").await.status().as_u16(), 404);
}
