//! Floods from one address: Engine.IO handshakes, sessions and handoffs,
//! ingest jobs. Each is refused before it costs memory or reaches others.

use std::net::IpAddr;

use futures::future::join_all;
use serde_json::json;

use crate::helpers::{Db, TestApp, error_code, fresh_database};
use crate::socket::Client;

fn from(ip: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(ip.parse::<IpAddr>().unwrap())
        .build()
        .unwrap()
}

/// Long-polling handshakes over the per-address limit get 429 with
/// `Retry-After` before any Engine.IO session is allocated; another
/// address is not affected.
#[tokio::test]
async fn engine_io_handshakes_are_limited_per_address() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let flood = from("127.0.0.5");
    let url = app.url("/socket.io/?EIO=4&transport=polling");
    let responses = join_all((0..150).map(|_| flood.get(&url).send())).await;
    let statuses: Vec<u16> = responses
        .iter()
        .map(|r| r.as_ref().unwrap().status().as_u16())
        .collect();
    let limited = responses
        .iter()
        .map(|r| r.as_ref().unwrap())
        .filter(|r| r.status().as_u16() == 429)
        .collect::<Vec<_>>();
    assert!(!limited.is_empty(), "a flood is limited: {statuses:?}");
    assert!(limited[0].headers().contains_key("retry-after"));
    assert!(
        statuses.iter().filter(|s| **s == 200).count() <= 70,
        "at most the burst gets a session"
    );
    let other = from("127.0.0.6").get(&url).send().await.unwrap();
    assert_eq!(
        other.status().as_u16(),
        200,
        "another address is not limited"
    );
}

/// One visitor may hold only a few open sessions, and one address may
/// create sessions and ask for agents only at a bounded rate; the agents'
/// queue stays small.
#[tokio::test]
async fn sessions_and_handoffs_are_bounded() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let (ada, _, _) = app.visitor("Ada").await;
    let mut acks = Vec::new();
    for _ in 0..8 {
        acks.push(ada.call("session:create", json!({})).await);
    }
    let created = acks.iter().filter(|a| a["ok"] == true).count();
    assert!(
        (1..=5).contains(&created),
        "{created} sessions for one visitor"
    );
    assert!(
        acks.iter().any(|a| a["error"]["code"] == "rate_limited"),
        "beyond the bound: rate_limited"
    );

    // Many visitors from one address: sessions and handoffs are bounded.
    let mut queued = 0;
    let mut limited = 0;
    for i in 0..40 {
        let (v, _, _) = app.visitor(&format!("Flood {i}")).await;
        let s = v.call("session:create", json!({})).await;
        if s["ok"] != true {
            assert_eq!(error_code(&s), "rate_limited", "{s}");
            limited += 1;
            continue;
        }
        let h = v
            .call(
                "handoff:request",
                json!({ "sessionId": s["session"]["id"] }),
            )
            .await;
        if h["ok"] == true {
            queued += 1;
        } else {
            assert_eq!(error_code(&h), "rate_limited", "{h}");
            limited += 1;
        }
    }
    assert!(limited > 0, "one address cannot queue without bound");
    assert!(queued <= 25, "{queued} handoffs from one address");

    // A real customer on another address still gets in, and agents see them.
    let customer = Client::connect_from("127.0.0.10", app.port, "/", None)
        .await
        .unwrap();
    let hello = customer
        .call(
            "hello",
            json!({ "role": "user", "displayName": "Real customer" }),
        )
        .await;
    assert_eq!(hello["ok"], true, "{hello}");
    let session = customer.call("session:create", json!({})).await;
    assert_eq!(session["ok"], true, "{session}");
    let id = session["session"]["id"].clone();
    let handoff = customer
        .call("handoff:request", json!({ "sessionId": id }))
        .await;
    assert_eq!(handoff["ok"], true, "{handoff}");
    let (agent, _) = app.agent("Bob").await;
    let bootstrap = agent
        .wait_for("queue:bootstrap", |b| b["items"].is_array())
        .await;
    let items = bootstrap["items"].as_array().unwrap();
    assert!(
        items.iter().any(|i| i["sessionId"] == id),
        "the customer is in the agents' bootstrap: {} items",
        items.len()
    );
}

/// `POST /ingest` answers 429 with `Retry-After` once the caller has too
/// many queued jobs; the jobs already queued stay.
#[tokio::test]
async fn the_ingest_queue_is_bounded_per_user() {
    // A site that accepts connections and never answers keeps jobs waiting.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let site = format!("http://{}", silent.local_addr().unwrap());
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((conn, _)) = silent.accept().await {
            held.push(conn);
        }
    });
    let url = fresh_database(Db::Sqlite).await;
    let app = TestApp::spawn_on(&url, |c| c.ingest_allow_private = true).await;
    let token = app.admin_token().await;
    let mut statuses = Vec::new();
    for _ in 0..30 {
        let res = app
            .http
            .post(app.url("/ingest"))
            .bearer_auth(&token)
            .json(&json!({ "site": site }))
            .send()
            .await
            .unwrap();
        statuses.push(res.status().as_u16());
        if res.status().as_u16() == 429 {
            assert!(res.headers().contains_key("retry-after"));
        }
    }
    let accepted = statuses.iter().filter(|s| **s == 202).count();
    assert!(statuses.contains(&429), "{statuses:?}");
    assert!(
        accepted <= 22,
        "at most the per-user bound queued: {statuses:?}"
    );
}
