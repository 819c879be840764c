//! Floods from one address: Engine.IO handshakes, sessions and handoffs,
//! ingest jobs. Each is refused before it costs memory or reaches others.

use std::net::IpAddr;

use futures::future::join_all;

use crate::helpers::{Db, TestApp};

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
