//! Lesser exposures: `/metrics` only on `METRICS_ADDR`, the socket origin
//! check by scheme too, and names that hide or reorder text.

use serde_json::json;

use super::ws_with_origin;
use crate::helpers::{Db, TestApp, error_code, fresh_database};

/// `/metrics` is not on the public listener; with `METRICS_ADDR` it is
/// served there (and only there).
#[tokio::test]
async fn metrics_only_on_their_own_listener() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let public = |app: &TestApp| {
        let get = app.http.get(app.url("/metrics")).send();
        async move { get.await.unwrap().text().await.unwrap() }
    };
    // (the public port answers the web app's page for unknown paths)
    assert!(
        !public(&app).await.contains("webchat_up"),
        "not on the public port"
    );
    assert!(
        app.metrics_url("/metrics").is_none(),
        "off unless METRICS_ADDR is set"
    );

    let url = fresh_database(Db::Sqlite).await;
    let app = TestApp::spawn_on(&url, |c| {
        c.metrics_addr = Some("127.0.0.1:0".parse().unwrap());
    })
    .await;
    assert!(
        !public(&app).await.contains("webchat_up"),
        "still not on the public port"
    );
    let private = app
        .http
        .get(app.metrics_url("/metrics").unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(private.status().as_u16(), 200);
    assert!(private.text().await.unwrap().contains("webchat_up 1"));
    let other = app
        .http
        .get(app.metrics_url("/health").unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(
        other.status().as_u16(),
        404,
        "the metrics listener serves only /metrics"
    );
}

/// The server's own host on another scheme is another origin: an `https`
/// page may not open sockets on a server reached over plain `http` (nor
/// the reverse), unless that origin is configured.
#[tokio::test]
async fn the_origin_check_includes_the_scheme() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let own = format!("127.0.0.1:{}", app.port);
    ws_with_origin(app.port, &format!("http://{own}"))
        .await
        .expect("own origin");
    let refused = ws_with_origin(app.port, &format!("https://{own}"))
        .await
        .unwrap_err();
    assert!(refused.contains("403"), "{refused}");
}

/// Display names with bidi overrides, or only invisible characters, are
/// `invalid`.
#[tokio::test]
async fn names_that_hide_or_reorder_text_are_refused() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let socket = app.socket(None).await;
    for name in [
        "\u{202E}gnp.exe",
        "Ada\u{2066}x",
        "\u{200B}\u{200B}",
        "\u{200D} \u{FEFF}",
        "\u{2060}",
    ] {
        let ack = socket
            .call("hello", json!({ "role": "user", "displayName": name }))
            .await;
        assert_eq!(error_code(&ack), "invalid", "{name:?}: {ack}");
    }
    let ok = socket
        .call("hello", json!({ "role": "user", "displayName": "Zoë 李" }))
        .await;
    assert_eq!(ok["ok"], true, "{ok}");
}
