//! Engine.IO v4 heartbeat timing (the patched engineioxide in `vendor/`): the
//! server sends the first ping `pingInterval` after the open packet, as the
//! reference Node.js server does, not at once, and drops a client that never
//! answers `pingTimeout` after that ping. The lower bounds are the point; the
//! upper ones are loose, for a loaded machine.

use std::time::{Duration, Instant};

use futures::StreamExt;
use serde_json::Value;
use tokio_tungstenite::tungstenite::Message as Frame;

use crate::helpers::{Db, TestApp, fresh_database};

const INTERVAL: Duration = Duration::from_millis(800);
const TIMEOUT: Duration = Duration::from_millis(400);
/// Scheduling slack: how early a timer may look (the lower bounds).
const SLACK: Duration = Duration::from_millis(150);
/// How late a loaded machine may be (the upper bounds).
const LATE: Duration = Duration::from_secs(3);

/// The next text frame, `None` once the server closes; panics after `within`.
async fn next_text<S>(ws: &mut S, within: Duration) -> Option<String>
where
    S: futures::Stream<Item = Result<Frame, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    let read = async {
        while let Some(frame) = ws.next().await {
            match frame {
                Ok(Frame::Text(t)) => return Some(t.to_string()),
                Ok(Frame::Close(_)) | Err(_) => return None,
                Ok(_) => {}
            }
        }
        None
    };
    tokio::time::timeout(within, read)
        .await
        .unwrap_or_else(|_| panic!("no frame within {within:?}"))
}

fn assert_handshake(open: &str) -> Value {
    let handshake: Value =
        serde_json::from_str(open.strip_prefix('0').expect("an Engine.IO open packet")).unwrap();
    assert_eq!(
        handshake["pingInterval"],
        INTERVAL.as_millis() as u64,
        "{open}"
    );
    assert_eq!(
        handshake["pingTimeout"],
        TIMEOUT.as_millis() as u64,
        "{open}"
    );
    handshake
}

async fn check_ws_heartbeat(port: u16) {
    let url = format!("ws://127.0.0.1:{port}/socket.io/?EIO=4&transport=websocket");
    let (mut ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
    let open = next_text(&mut ws, Duration::from_secs(5))
        .await
        .expect("open packet");
    let opened = Instant::now();
    assert_handshake(&open);

    let ping = next_text(&mut ws, INTERVAL + LATE).await;
    let first = opened.elapsed();
    assert_eq!(
        ping.as_deref(),
        Some("2"),
        "the first frame after the open packet is a ping"
    );
    assert!(
        first + SLACK >= INTERVAL,
        "the first ping came {first:?} after the open packet, before pingInterval ({INTERVAL:?})"
    );
    assert!(
        first <= INTERVAL + LATE,
        "the first ping came late: {first:?}"
    );

    // Never answer: the server gives up pingTimeout after that ping.
    let give_up = INTERVAL + TIMEOUT;
    while let Some(text) = next_text(&mut ws, give_up + LATE).await {
        assert_ne!(text, "2", "no second ping without a pong");
    }
    let closed = opened.elapsed();
    assert!(
        closed + SLACK >= give_up,
        "closed {closed:?} after the open packet, before pingInterval + pingTimeout ({give_up:?})"
    );
    assert!(closed <= give_up + LATE, "closed late: {closed:?}");
}

async fn check_polling_heartbeat(http: &reqwest::Client, base: &str) {
    let path = "/socket.io/?EIO=4&transport=polling";
    let open = http.get(format!("{base}{path}")).send().await.unwrap();
    assert_eq!(open.status().as_u16(), 200);
    let open = open.text().await.unwrap();
    let opened = Instant::now();
    let sid = assert_handshake(&open)["sid"].as_str().unwrap().to_string();

    // The long-poll is held until the server has something: the first ping.
    let poll = http.get(format!("{base}{path}&sid={sid}")).send();
    let poll = tokio::time::timeout(INTERVAL + LATE, poll)
        .await
        .expect("a ping")
        .unwrap();
    let body = poll.text().await.unwrap();
    let first = opened.elapsed();
    assert_eq!(body, "2");
    assert!(
        first + SLACK >= INTERVAL,
        "the first ping came {first:?} after the open packet, before pingInterval ({INTERVAL:?})"
    );
}

async fn app() -> TestApp {
    let url = fresh_database(Db::Sqlite).await;
    TestApp::spawn_on(&url, |c| {
        c.socket_ping_interval = INTERVAL;
        c.socket_ping_timeout = TIMEOUT;
    })
    .await
}

#[tokio::test]
async fn websocket_first_ping_after_the_interval() {
    let app = app().await;
    check_ws_heartbeat(app.port).await;
}

#[tokio::test]
async fn polling_first_ping_after_the_interval() {
    let app = app().await;
    check_polling_heartbeat(&app.http, &app.base).await;
}
