//! Failed logins slow the guesser, never the account's owner elsewhere.

use std::net::IpAddr;

use serde_json::json;

use crate::helpers::{ADMIN_EMAIL, ADMIN_PASSWORD, Db, TestApp};

/// A client whose connections come from `ip` (any of 127.0.0.0/8 reaches
/// the server on 127.0.0.1), so one test can play several addresses.
fn from(ip: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(ip.parse::<IpAddr>().unwrap())
        .build()
        .unwrap()
}

async fn login(app: &TestApp, client: &reqwest::Client, email: &str, password: &str) -> u16 {
    client
        .post(app.url("/api/auth/login"))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Wrong passwords for the admin from one address make that address wait
/// (per account and address, and per address over many accounts); the
/// admin logs in at once from another address.
#[tokio::test]
async fn a_guesser_cannot_lock_the_owner_out() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let guesser = from("127.0.0.2");
    let mut statuses = Vec::new();
    for _ in 0..8 {
        statuses.push(login(&app, &guesser, ADMIN_EMAIL, "wrong-password").await);
    }
    assert_eq!(statuses[..5], [401; 5], "{statuses:?}");
    assert_eq!(*statuses.last().unwrap(), 429, "the guesser waits");
    assert_eq!(
        login(&app, &guesser, ADMIN_EMAIL, ADMIN_PASSWORD).await,
        429,
        "even with the right password, from the guessing address"
    );
    let owner = from("127.0.0.3");
    assert_eq!(
        login(&app, &owner, ADMIN_EMAIL, ADMIN_PASSWORD).await,
        200,
        "the owner, on another address, is not slowed"
    );

    // Spreading guesses over many accounts: the address itself slows down.
    let spreader = from("127.0.0.4");
    let mut last = 0;
    for i in 0..30 {
        last = login(&app, &spreader, &format!("nobody{i}@test.local"), "wrong").await;
    }
    assert_eq!(last, 429, "one address guessing many accounts waits");
    assert_eq!(login(&app, &owner, ADMIN_EMAIL, ADMIN_PASSWORD).await, 200);
}
