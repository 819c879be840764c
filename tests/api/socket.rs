//! A minimal Socket.IO v4 client over WebSocket (Engine.IO v4 framing), enough
//! to drive the server like a real client: namespaces, handshake auth, acks,
//! events, pings. It also sends raw frames, for hostile-input tests.

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::sync::{Notify, mpsc, oneshot};
use tokio_tungstenite::tungstenite::Message as Frame;

pub const WAIT: Duration = Duration::from_secs(10);

type Acks = Arc<Mutex<HashMap<u64, oneshot::Sender<Value>>>>;

pub struct Client {
    ns: String,
    out: mpsc::UnboundedSender<String>,
    acks: Acks,
    next_id: AtomicU64,
    events: Arc<Mutex<Vec<(String, Value)>>>,
    arrived: Arc<Notify>,
    closed: Arc<Mutex<bool>>,
}

/// Why a connection was refused (`44` packet) or failed.
#[derive(Debug)]
pub struct Refused(pub String);

impl Client {
    /// Connects to namespace `ns` with `auth` (or none); Err when refused.
    pub async fn connect(port: u16, ns: &str, auth: Option<Value>) -> Result<Client, Refused> {
        Self::connect_from("127.0.0.1", port, ns, auth).await
    }

    /// As `connect`, from the loopback address `ip` (any of 127.0.0.0/8),
    /// so one test can play clients on several addresses.
    pub async fn connect_from(
        ip: &str,
        port: u16,
        ns: &str,
        auth: Option<Value>,
    ) -> Result<Client, Refused> {
        let url = format!("ws://127.0.0.1:{port}/socket.io/?EIO=4&transport=websocket");
        let tcp = tokio::net::TcpSocket::new_v4().map_err(|e| Refused(e.to_string()))?;
        tcp.bind(format!("{ip}:0").parse().expect("an IPv4 address"))
            .map_err(|e| Refused(e.to_string()))?;
        let stream = tcp
            .connect(([127, 0, 0, 1], port).into())
            .await
            .map_err(|e| Refused(format!("tcp: {e}")))?;
        let _ = stream.set_nodelay(true);
        let (ws, _) = tokio_tungstenite::client_async(url, stream)
            .await
            .map_err(|e| Refused(format!("websocket: {e}")))?;
        let (mut sink, mut stream) = ws.split();
        let open = next_text(&mut stream)
            .await
            .ok_or_else(|| Refused("no open packet".into()))?;
        assert!(
            open.starts_with('0'),
            "expected an Engine.IO open packet, got {open}"
        );
        let prefix = if ns == "/" {
            String::new()
        } else {
            format!("{ns},")
        };
        let connect = match &auth {
            Some(auth) => format!("40{prefix}{auth}"),
            None => format!("40{prefix}"),
        };
        sink.send(Frame::text(connect))
            .await
            .map_err(|e| Refused(e.to_string()))?;
        loop {
            let reply = next_text(&mut stream)
                .await
                .ok_or_else(|| Refused("closed during connect".into()))?;
            if reply == "2" {
                sink.send(Frame::text("3"))
                    .await
                    .map_err(|e| Refused(e.to_string()))?;
                continue;
            }
            let body = reply.strip_prefix('4').unwrap_or(&reply);
            let body = body
                .get(1..)
                .unwrap_or("")
                .strip_prefix(&prefix)
                .unwrap_or("");
            if reply.starts_with("44") {
                let v: Value = serde_json::from_str(body).unwrap_or(Value::Null);
                return Err(Refused(v["message"].as_str().unwrap_or(body).to_string()));
            }
            assert!(reply.starts_with("40"), "unexpected connect reply {reply}");
            break;
        }
        let (out, mut out_rx) = mpsc::unbounded_channel::<String>();
        let client = Client {
            ns: ns.to_string(),
            out,
            acks: Arc::default(),
            next_id: AtomicU64::new(1),
            events: Arc::default(),
            arrived: Arc::default(),
            closed: Arc::default(),
        };
        tokio::spawn(async move {
            while let Some(text) = out_rx.recv().await {
                if text == "\u{0}close" || sink.send(Frame::text(text)).await.is_err() {
                    let _ = sink.close().await;
                    break;
                }
            }
        });
        let reader = Reader {
            prefix,
            out: client.out.clone(),
            acks: client.acks.clone(),
            events: client.events.clone(),
            arrived: client.arrived.clone(),
            closed: client.closed.clone(),
        };
        tokio::spawn(async move {
            while let Some(text) = next_text(&mut stream).await {
                reader.handle(&text);
            }
            *reader.closed.lock().unwrap() = true;
            reader.acks.lock().unwrap().clear(); // pending calls end now, unanswered
            reader.arrived.notify_waiters();
        });
        Ok(client)
    }

    fn prefix(&self) -> String {
        if self.ns == "/" {
            String::new()
        } else {
            format!("{},", self.ns)
        }
    }

    /// Emits `event` with `data` and waits for the ack's first argument.
    pub async fn call(&self, event: &str, data: Value) -> Value {
        self.try_call(event, data)
            .await
            .unwrap_or_else(|| panic!("no ack for {event}"))
    }

    pub async fn try_call(&self, event: &str, data: Value) -> Option<Value> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = oneshot::channel();
        self.acks.lock().unwrap().insert(id, tx);
        self.send_raw(&format!("42{}{id}{}", self.prefix(), json!([event, data])));
        tokio::time::timeout(WAIT, rx).await.ok()?.ok()
    }

    /// Emits with an arbitrary argument list (or none) and waits for the ack.
    pub async fn call_args(&self, event: &str, args: Vec<Value>) -> Option<Value> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = oneshot::channel();
        self.acks.lock().unwrap().insert(id, tx);
        let mut packet = vec![json!(event)];
        packet.extend(args);
        self.send_raw(&format!("42{}{id}{}", self.prefix(), Value::Array(packet)));
        tokio::time::timeout(WAIT, rx).await.ok()?.ok()
    }

    /// Emits without asking for an ack.
    pub fn emit(&self, event: &str, data: Value) {
        self.send_raw(&format!("42{}{}", self.prefix(), json!([event, data])));
    }

    pub fn send_raw(&self, text: &str) {
        let _ = self.out.send(text.to_string());
    }

    pub fn close(&self) {
        let _ = self.out.send("\u{0}close".into());
    }

    pub fn is_closed(&self) -> bool {
        *self.closed.lock().unwrap()
    }

    /// Every event received so far with this name.
    /// Every event received so far, with its name.
    pub fn all_events(&self) -> Vec<(String, Value)> {
        self.events.lock().unwrap().clone()
    }

    pub fn events(&self, name: &str) -> Vec<Value> {
        self.events
            .lock()
            .unwrap()
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// Waits until an event `name` matching `pred` has arrived (earlier ones count).
    pub async fn wait_for(&self, name: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let notified = self.arrived.notified();
            if let Some(v) = self.events(name).into_iter().find(|v| pred(v)) {
                return v;
            }
            if self.is_closed() {
                panic!("connection closed while waiting for {name}");
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!(
                    "no {name} event matched within {WAIT:?}; got {:?}",
                    self.events(name)
                );
            }
        }
    }

    /// Waits for the socket to be closed by the server.
    pub async fn wait_closed(&self) -> bool {
        let deadline = tokio::time::Instant::now() + WAIT;
        while !self.is_closed() {
            let notified = self.arrived.notified();
            if self.is_closed() {
                break;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return false;
            }
        }
        true
    }
}

struct Reader {
    prefix: String,
    out: mpsc::UnboundedSender<String>,
    acks: Acks,
    events: Arc<Mutex<Vec<(String, Value)>>>,
    arrived: Arc<Notify>,
    closed: Arc<Mutex<bool>>,
}

impl Reader {
    fn handle(&self, text: &str) {
        if text == "2" {
            let _ = self.out.send("3".into());
            return;
        }
        if text == "1" || text.starts_with("41") {
            *self.closed.lock().unwrap() = true;
            self.arrived.notify_waiters();
            return;
        }
        let Some(rest) = text.strip_prefix('4') else {
            return;
        };
        let (kind, rest) = rest.split_at(1);
        let rest = rest.strip_prefix(self.prefix.as_str()).unwrap_or(rest);
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let body: Value = serde_json::from_str(&rest[digits.len()..]).unwrap_or(Value::Null);
        match kind {
            "2" => {
                if let Some(name) = body.get(0).and_then(Value::as_str) {
                    let data = body.get(1).cloned().unwrap_or(Value::Null);
                    self.events.lock().unwrap().push((name.to_string(), data));
                    self.arrived.notify_waiters();
                }
            }
            "3" => {
                let id: u64 = digits.parse().unwrap_or(0);
                if let Some(tx) = self.acks.lock().unwrap().remove(&id) {
                    let _ = tx.send(body.get(0).cloned().unwrap_or(Value::Null));
                }
            }
            _ => {}
        }
    }
}

async fn next_text<S>(stream: &mut S) -> Option<String>
where
    S: futures::Stream<Item = Result<Frame, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    while let Some(frame) = stream.next().await {
        match frame {
            Ok(Frame::Text(t)) => return Some(t.to_string()),
            Ok(Frame::Close(_)) | Err(_) => return None,
            Ok(_) => continue,
        }
    }
    None
}
