//! A real HTTP receiver for webhooks that a test stops and starts, makes
//! fail (500) a number of times, or makes slower than the sender's timeout.
//! It keeps every request it answered, with its headers and body.

use std::{
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, AtomicUsize, Ordering},
    },
    time::Duration,
};

use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    routing::post,
};
use serde_json::Value;

/// One request the receiver answered.
#[derive(Debug, Clone)]
pub struct Received {
    pub status: u16,
    pub event_id: String,
    pub event_type: String,
    pub signature: String,
    pub body: String,
}

impl Received {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap()
    }
}

#[derive(Default)]
struct Inner {
    got: Mutex<Vec<Received>>,
    failures_left: AtomicUsize,
    delay_ms: AtomicU64,
}

pub struct Receiver {
    port: u16,
    inner: Arc<Inner>,
    task: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

async fn take(State(inner): State<Arc<Inner>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let delay = inner.delay_ms.load(Ordering::SeqCst);
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    let failing = inner
        .failures_left
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok();
    let status = if failing {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::NO_CONTENT
    };
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    inner.got.lock().unwrap().push(Received {
        status: status.as_u16(),
        event_id: header("webchat-event-id"),
        event_type: header("webchat-event-type"),
        signature: header("webchat-signature"),
        body: String::from_utf8_lossy(&body).into_owned(),
    });
    status
}

impl Receiver {
    pub async fn start() -> Receiver {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let receiver = Receiver {
            port,
            inner: Arc::new(Inner::default()),
            task: Mutex::new(None),
        };
        receiver.serve(listener);
        receiver
    }

    fn serve(&self, listener: tokio::net::TcpListener) {
        let app = axum::Router::new()
            .route("/hook", post(take))
            .with_state(self.inner.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        *self.task.lock().unwrap() = Some(task);
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/hook", self.port)
    }

    /// Down: the port refuses connections.
    pub fn stop(&self) {
        if let Some(task) = self.task.lock().unwrap().take() {
            task.abort();
        }
    }

    /// Up again on the same port.
    pub async fn restart(&self) {
        let listener = loop {
            match tokio::net::TcpListener::bind(("127.0.0.1", self.port)).await {
                Ok(l) => break l,
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        };
        self.serve(listener);
    }

    /// The next `n` requests are answered 500.
    pub fn fail_next(&self, n: usize) {
        self.inner.failures_left.store(n, Ordering::SeqCst);
    }

    /// Every answer waits this long first.
    pub fn delay(&self, d: Duration) {
        self.inner
            .delay_ms
            .store(d.as_millis() as u64, Ordering::SeqCst);
    }

    /// Every request answered so far.
    pub fn all(&self) -> Vec<Received> {
        self.inner.got.lock().unwrap().clone()
    }

    /// The requests it accepted (2xx), in arrival order.
    pub fn delivered(&self) -> Vec<Received> {
        self.all().into_iter().filter(|r| r.status < 300).collect()
    }

    /// Waits until the accepted requests satisfy `done`, and returns them.
    pub async fn until(&self, what: &str, done: impl Fn(&[Received]) -> bool) -> Vec<Received> {
        let end = tokio::time::Instant::now() + Duration::from_secs(30);
        loop {
            let got = self.delivered();
            if done(&got) {
                return got;
            }
            assert!(
                tokio::time::Instant::now() < end,
                "timed out waiting for {what}; got {:?}",
                got.iter().map(|r| &r.event_type).collect::<Vec<_>>()
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.stop();
    }
}
