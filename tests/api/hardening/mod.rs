//! Faults, abuse and hostile input: origins, rate limits, logout, headers,
//! a database that goes away, a process killed mid-chat, random payloads.
//! The second pass (issue 19) is in the submodules.

mod access;
mod exposure;
mod floods;
mod logins;
mod secrets;
mod slow;

use std::{collections::HashSet, time::Duration};

use futures::future::join_all;
use proptest::{prelude::*, test_runner::TestRunner};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{
    ADMIN_EMAIL, Db, TestApp, error_code, fresh_database, open_session, patient, send, spawn_binary,
};
use crate::on_both_databases;
use crate::socket::Client;

pub(super) async fn ws_with_origin(port: u16, origin: &str) -> Result<(), String> {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let mut request = format!("ws://127.0.0.1:{port}/socket.io/?EIO=4&transport=websocket")
        .into_client_request()
        .unwrap();
    request
        .headers_mut()
        .insert("origin", origin.parse().unwrap());
    tokio_tungstenite::connect_async(request)
        .await
        .map(drop)
        .map_err(|e| e.to_string())
}

/// Browsers on other sites cannot open sockets (cross-site WebSocket hijacking).
#[tokio::test]
async fn sockets_from_other_origins_are_refused() {
    let url = fresh_database(Db::Sqlite).await;
    let app = TestApp::spawn_on(&url, |c| {
        c.cors_origins = vec!["https://shop.example".into()];
    })
    .await;
    let refused = ws_with_origin(app.port, "https://evil.example")
        .await
        .unwrap_err();
    assert!(refused.contains("403"), "{refused}");
    ws_with_origin(app.port, &format!("http://127.0.0.1:{}", app.port))
        .await
        .expect("own origin");
    ws_with_origin(app.port, "https://shop.example")
        .await
        .expect("configured origin");
    let polling = app
        .http
        .get(app.url("/socket.io/?EIO=4&transport=polling"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(polling.status().as_u16(), 403, "long-polling too");
}

/// Every response carries the security headers; apps may not be framed.
#[tokio::test]
async fn security_headers() {
    let app = TestApp::spawn(Db::Sqlite).await;
    for path in ["/", "/agent/", "/health", "/api/me"] {
        let res = app.http.get(app.url(path)).send().await.unwrap();
        let h = res.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert!(
            h["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
    }
}

/// A flooding socket gets `rate_limited`; another visitor is not slowed.
#[tokio::test]
async fn message_floods_are_rate_limited() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let (flood, _, _) = app.visitor("Flood").await;
    let (calm, _, _) = app.visitor("Calm").await;
    let session = open_session(&flood).await;
    let calm_session = open_session(&calm).await;
    let sends = (0..80).map(|i| {
        flood.call("message:send", json!({ "sessionId": session, "text": format!("spam {i}"), "clientMsgId": format!("s{i}") }))
    });
    let acks = join_all(sends).await;
    let limited = acks
        .iter()
        .filter(|a| a["ok"] == false && a["error"]["code"] == "rate_limited")
        .count();
    assert!(limited > 0, "a flood is limited");
    assert!(acks.iter().any(|a| a["ok"] == true), "a burst is allowed");
    send(&calm, &calm_session, "I am not slowed down").await;
    assert!(!flood.is_closed(), "limited, not disconnected");
}

/// Repeated wrong passwords make that account wait, growing; others are free.
#[tokio::test]
async fn failed_logins_slow_down() {
    let app = TestApp::spawn(Db::Sqlite).await;
    app.agent_token("Carol").await;
    for _ in 0..5 {
        let (status, _) = app
            .post(
                "/api/auth/login",
                None,
                json!({ "email": ADMIN_EMAIL, "password": "wrong-password" }),
            )
            .await;
        assert_eq!(status, 401);
    }
    let res = app
        .http
        .post(app.url("/api/auth/login"))
        .json(&json!({ "email": ADMIN_EMAIL, "password": crate::helpers::ADMIN_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 429, "even the right password waits");
    assert!(res.headers().contains_key("retry-after"));
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limited");
}

/// Logout disconnects the sockets that used the token; expiry does too.
#[tokio::test]
async fn logout_and_expiry_disconnect_sockets() {
    let url = fresh_database(Db::Sqlite).await;
    let app = TestApp::spawn_on(&url, |c| c.agent_token_ttl = Duration::from_secs(2)).await;
    let (bob, bob_token) = app.agent("Bob").await;
    let (carol, _) = app.agent("Carol").await;
    assert_eq!(
        app.post("/api/auth/logout", Some(&bob_token), json!({}))
            .await
            .0,
        204
    );
    assert!(bob.wait_closed().await, "logout closes the socket");
    assert!(
        carol.wait_closed().await,
        "an expired token's socket is closed too"
    );
    let (_, visitor_token, _) = app.visitor("Ada").await;
    let ada = app.socket(Some(&visitor_token)).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(!ada.is_closed(), "visitors' long-lived tokens stay");
}

/// The database goes away: acks fail fast with `unavailable`, /ready says
/// 503, nothing half-written; when it returns, everything works again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn database_outage_fails_fast_and_recovers() {
    if !crate::helpers::postgres_available() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("webchat-pg-{}", Uuid::now_v7().simple()));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let pg = |args: &[&str]| {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/pg.sh");
        let out = std::process::Command::new(script)
            .args(args)
            .output()
            .expect("scripts/pg.sh runs");
        assert!(
            out.status.success(),
            "pg.sh {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .last()
            .unwrap_or("")
            .to_string()
    };
    let dir_s = dir.to_string_lossy().to_string();
    let url = pg(&["start", &dir_s, &port.to_string()]);
    let app = TestApp::spawn_on(&url, |_| {}).await;
    let (ada, _, _) = app.visitor("Ada").await;
    let session = open_session(&ada).await;
    send(&ada, &session, "before").await;

    pg(&["stop", &dir_s]);
    let started = std::time::Instant::now();
    let ack = ada
        .call(
            "message:send",
            json!({ "sessionId": session, "text": "during", "clientMsgId": "d1" }),
        )
        .await;
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "failed fast: {:?}",
        started.elapsed()
    );
    assert_eq!(error_code(&ack), "unavailable", "{ack}");
    assert_eq!(app.get("/ready", None).await.0, 503);

    pg(&["start", &dir_s, &port.to_string()]);
    let mut recovered = false;
    for _ in 0..100 {
        if app.get("/ready", None).await.0 == 200 {
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(recovered, "ready again once the database is back");
    let retry = ada
        .call(
            "message:send",
            json!({ "sessionId": session, "text": "during", "clientMsgId": "d1" }),
        )
        .await;
    assert_eq!(retry["ok"], true, "the retry goes through: {retry}");
    let stored = app
        .store
        .messages_after(session.parse().unwrap(), 0, 100)
        .await
        .unwrap();
    let texts: Vec<&str> = stored
        .iter()
        .filter(|m| m.sender_type == webchat::domain::model::SenderType::User)
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(
        texts,
        vec!["before", "during"],
        "nothing half-written, nothing twice"
    );
    drop(app);
    pg(&["stop", &dir_s]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `kill -9` mid-chat: every acked message survives; the client resumes from
/// its last seq, resends what was not acked, and sees no gap and no duplicate.
async fn kill_9_loses_no_acked_message(db: Db) {
    let url = fresh_database(db).await;
    let (mut server, port) = spawn_binary(&url).await;
    let visitor = Client::connect(port, "/", None).await.unwrap();
    let hello = visitor
        .call("hello", json!({ "role": "user", "displayName": "Ada" }))
        .await;
    let token = hello["token"].as_str().unwrap().to_string();
    let session = open_session(&visitor).await;
    let ids: Vec<String> = (0..40).map(|i| format!("msg-{i}")).collect();
    let sending = ids.iter().map(|id| {
        visitor.try_call(
            "message:send",
            json!({ "sessionId": session, "text": id, "clientMsgId": id }),
        )
    });
    let killer = async {
        tokio::time::sleep(Duration::from_millis(30)).await;
        server.kill().await.unwrap();
    };
    let (acks, _) = tokio::join!(join_all(sending), killer);
    let acked: Vec<&String> = ids
        .iter()
        .zip(&acks)
        .filter(|(_, a)| a.as_ref().is_some_and(|a| a["ok"] == true))
        .map(|(id, _)| id)
        .collect();
    let last_seen = acks
        .iter()
        .flatten()
        .filter_map(|a| a["message"]["seq"].as_i64())
        .max()
        .unwrap_or(0);

    let (_server, port) = spawn_binary(&url).await;
    let back = Client::connect(port, "/", Some(json!({ "token": token })))
        .await
        .unwrap();
    back.call("hello", json!({ "role": "user", "token": token }))
        .await;
    let missed = back
        .call(
            "session:join",
            json!({ "sessionId": session, "afterSeq": last_seen }),
        )
        .await;
    assert_eq!(missed["ok"], true, "{missed}");
    for (id, ack) in ids.iter().zip(&acks) {
        if !ack.as_ref().is_some_and(|a| a["ok"] == true) {
            let payload = json!({ "sessionId": session, "text": id, "clientMsgId": id });
            let retry = patient(&back, "message:send", payload).await;
            assert_eq!(retry["ok"], true, "{retry}");
        }
    }
    let all = patient(
        &back,
        "session:join",
        json!({ "sessionId": session, "afterSeq": 0 }),
    )
    .await;
    let messages = all["messages"].as_array().unwrap();
    let seqs: Vec<i64> = messages
        .iter()
        .map(|m| m["seq"].as_i64().unwrap())
        .collect();
    assert_eq!(seqs, (1..=seqs.len() as i64).collect::<Vec<_>>(), "no gap");
    let stored: Vec<&str> = messages
        .iter()
        .filter(|m| m["senderType"] == "user")
        .map(|m| m["clientMsgId"].as_str().unwrap())
        .collect();
    let unique: HashSet<&str> = stored.iter().copied().collect();
    assert_eq!(unique.len(), stored.len(), "no duplicate");
    assert!(
        acked.iter().all(|id| unique.contains(id.as_str())),
        "every acked message survived"
    );
    assert_eq!(
        unique.len(),
        ids.len(),
        "and every resent one is there once"
    );
}

on_both_databases!(kill_9_loses_no_acked_message);

/// Any JSON at all: never a panic, never `ok`, nothing stored, connection up.
#[tokio::test]
async fn random_payloads_are_refused() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let (ada, _, _) = app.visitor("Ada").await;
    let session = open_session(&ada).await;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,40}".prop_map(Value::from),
        Just(Value::from("\u{0}")),
        Just(Value::from(session.clone())),
        Just(Value::from("x".repeat(5000))),
    ];
    let json = leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::hash_map(
                "[a-zA-Z]{1,12}|sessionId|text|clientMsgId|afterSeq|seq|isTyping",
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    });
    let mut runner = TestRunner::deterministic();
    let events = [
        "message:send",
        "session:join",
        "handoff:request",
        "agent:claim",
        "session:end:request",
        "session:end:accept",
        "session:end:decline",
        "typing",
        "message:read",
    ];
    let mut cases = 0;
    for event in events {
        for _ in 0..25 {
            let payload = json.new_tree(&mut runner).unwrap().current();
            let ack = ada.call(event, payload.clone()).await;
            assert_eq!(ack["ok"], false, "{event} {payload} was accepted: {ack}");
            let code = ack["error"]["code"].as_str().unwrap_or("");
            assert!(
                [
                    "invalid",
                    "forbidden",
                    "not_found",
                    "conflict",
                    "rate_limited"
                ]
                .contains(&code),
                "{event} {payload}: {ack}"
            );
            cases += 1;
            if code == "rate_limited" {
                tokio::time::sleep(Duration::from_millis(150)).await;
            }
        }
    }
    assert!(!ada.is_closed());
    let stored = app
        .store
        .messages_after(session.parse().unwrap(), 0, 10)
        .await
        .unwrap();
    assert!(stored.is_empty(), "{cases} hostile payloads stored nothing");
    assert_eq!(
        app.store
            .get_session(session.parse().unwrap())
            .await
            .unwrap()
            .status,
        webchat::domain::model::SessionStatus::BotPending
    );
    for body in [
        json!([]),
        json!("x"),
        json!({ "email": ["a"], "password": {} }),
        json!({ "email": "a\u{0}b", "password": "x".repeat(300) }),
    ] {
        let (status, reply) = app.post("/api/auth/login", None, body).await;
        assert!((400..500).contains(&status), "{status} {reply}");
        assert!(reply["error"]["code"].is_string());
    }
}

/// A client that never reads: its buffer is bounded and it is disconnected
/// when it misses the heartbeat; the others keep chatting.
#[tokio::test]
async fn clients_that_never_read_are_dropped() {
    use futures::SinkExt;
    use tokio_tungstenite::tungstenite::Message as Frame;
    let url = fresh_database(Db::Sqlite).await;
    let app = TestApp::spawn_on(&url, |c| {
        c.socket_ping_interval = Duration::from_millis(300);
        c.socket_ping_timeout = Duration::from_millis(300);
        c.metrics_addr = Some("127.0.0.1:0".parse().unwrap());
    })
    .await;
    let sockets = |body: String| {
        body.lines()
            .find_map(|l| l.strip_prefix("webchat_sockets_connected "))
            .and_then(|n| n.trim().parse::<usize>().ok())
            .unwrap()
    };
    let metrics = || async {
        sockets(
            app.http
                .get(app.metrics_url("/metrics").unwrap())
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap(),
        )
    };
    let (ada, _, _) = app.visitor("Ada").await;
    let session = open_session(&ada).await;
    // The stalled client: joins Ada's session room through her token, then never reads.
    let (_, token, _) = app.visitor("Stalled").await;
    let base = metrics().await;
    let ws = format!(
        "ws://127.0.0.1:{}/socket.io/?EIO=4&transport=websocket",
        app.port
    );
    let (mut stalled, _) = tokio_tungstenite::connect_async(ws).await.unwrap();
    stalled
        .send(Frame::text(format!("40{}", json!({ "token": token }))))
        .await
        .unwrap();
    let mut seen = base;
    for _ in 0..100 {
        seen = metrics().await;
        if seen > base {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(seen, base + 1, "the stalled client connected");
    for i in 0..50 {
        send(&ada, &session, &format!("message {i} {}", "x".repeat(1000))).await;
    }
    let mut dropped = false;
    for _ in 0..200 {
        if metrics().await == base {
            dropped = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(dropped, "the client that never reads was disconnected");
    assert!(!ada.is_closed(), "the reading client stays");
    send(&ada, &session, "still chatting").await;
}
