//! Slow and piled-up connections (slowloris): headers must arrive in time,
//! idle keep-alive connections end, and one address holds a bounded number
//! of connections while others are served.

use std::time::Duration;

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpSocket, TcpStream},
};

use crate::helpers::{Db, TestApp, fresh_database};
use crate::socket::WAIT;

async fn connect_from(ip: &str, port: u16) -> TcpStream {
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind(format!("{ip}:0").parse().unwrap()).unwrap();
    socket
        .connect(format!("127.0.0.1:{port}").parse().unwrap())
        .await
        .unwrap()
}

/// Reads until the server closes the connection; false if it stays open
/// longer than the test's patience.
async fn closed_by_server(conn: &mut TcpStream) -> bool {
    let mut buf = [0u8; 4096];
    tokio::time::timeout(WAIT, async {
        loop {
            match conn.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await
    .is_ok()
}

/// A client that never finishes its headers is cut off, and so is a
/// keep-alive connection left idle after its response.
#[tokio::test]
async fn slow_headers_and_idle_keep_alive_are_cut_off() {
    let url = fresh_database(Db::Sqlite).await;
    let app = TestApp::spawn_on(&url, |c| {
        c.limits.header_read_timeout = Duration::from_secs(1);
    })
    .await;
    let mut slow = connect_from("127.0.0.8", app.port).await;
    slow.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .await
        .unwrap();
    assert!(
        closed_by_server(&mut slow).await,
        "unfinished headers are cut off"
    );

    let mut idle = connect_from("127.0.0.8", app.port).await;
    idle.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    assert!(
        closed_by_server(&mut idle).await,
        "an idle keep-alive connection ends"
    );
}

/// One address may hold `connections_per_ip` connections; more are closed
/// at once, and another address is still served.
#[tokio::test]
async fn connections_per_address_are_capped() {
    let url = fresh_database(Db::Sqlite).await;
    let app = TestApp::spawn_on(&url, |c| {
        c.limits.connections_per_ip = 10;
        c.limits.header_read_timeout = Duration::from_secs(60);
    })
    .await;
    let mut held = Vec::new();
    for _ in 0..10 {
        let mut conn = connect_from("127.0.0.9", app.port).await;
        conn.write_all(b"GET /health HTTP/1.1\r\n").await.unwrap();
        held.push(conn);
    }
    // the server counts a connection once it accepts it: poll until the
    // eleventh is refused
    let mut refused = false;
    for _ in 0..50 {
        let mut extra = connect_from("127.0.0.9", app.port).await;
        let _ = extra
            .write_all(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .await;
        let mut buf = Vec::new();
        let _ = tokio::time::timeout(WAIT, extra.read_to_end(&mut buf)).await;
        if buf.is_empty() {
            refused = true;
            break;
        }
    }
    assert!(
        refused,
        "an eleventh connection from one address is closed unanswered"
    );
    let health = app.http.get(app.url("/health")).send().await.unwrap();
    assert_eq!(health.status().as_u16(), 200, "another address is served");
    drop(held);
}
