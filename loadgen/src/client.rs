//! A lean Socket.IO v4 client over one WebSocket (Engine.IO v4 framing), made
//! for load: it connects to the default namespace with handshake auth, emits
//! events with acks, answers the server's pings, and hands every server event
//! to a callback the moment it arrives (nothing is buffered, so thousands of
//! idle clients cost little). Same wire approach as `tests/api/socket.rs`.

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::Duration,
};

use anyhow::{Context, anyhow, bail};
use futures::{
    SinkExt, Stream, StreamExt,
    stream::{SplitSink, SplitStream},
};
use serde_json::{Value, json};
use tokio::sync::{mpsc, oneshot};
use tokio_tungstenite::tungstenite::{Error as WsError, Message as Frame};

/// Called with `(event name, first argument)` for every server event.
pub type OnEvent = Arc<dyn Fn(&str, Value) + Send + Sync>;

type Acks = Arc<Mutex<HashMap<u64, oneshot::Sender<Value>>>>;

/// Why an emit got no acknowledgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallError {
    Timeout,
    Closed,
}

impl CallError {
    pub fn code(self) -> &'static str {
        match self {
            CallError::Timeout => "timeout",
            CallError::Closed => "closed",
        }
    }
}

pub struct Client {
    out: mpsc::UnboundedSender<Frame>,
    acks: Acks,
    next_id: AtomicU64,
    closed: Arc<AtomicBool>,
    timeout: Duration,
}

/// `http://host:port` → `ws://host:port/socket.io/?EIO=4&transport=websocket`.
pub fn socket_url(base: &str) -> anyhow::Result<String> {
    let base = base.trim_end_matches('/');
    let rest = if let Some(rest) = base.strip_prefix("http://") {
        rest
    } else if let Some(rest) = base.strip_prefix("ws://") {
        rest
    } else {
        bail!("only http:// (plain WebSocket) URLs are supported, got {base}");
    };
    Ok(format!("ws://{rest}/socket.io/?EIO=4&transport=websocket"))
}

impl Client {
    /// Opens the WebSocket, joins namespace `/` with `auth`, and starts the
    /// reader and writer tasks. Err when the server refuses or hangs up.
    pub async fn connect(
        ws_url: &str,
        auth: Option<&Value>,
        on_event: OnEvent,
        timeout: Duration,
    ) -> anyhow::Result<Client> {
        let (mut sink, mut stream) = tokio::time::timeout(timeout, handshake(ws_url, auth))
            .await
            .map_err(|_| anyhow!("connect timed out"))??;
        let (out, mut out_rx) = mpsc::unbounded_channel::<Frame>();
        let client = Client {
            out,
            acks: Arc::default(),
            next_id: AtomicU64::new(1),
            closed: Arc::default(),
            timeout,
        };
        tokio::spawn(async move {
            while let Some(frame) = out_rx.recv().await {
                let last = matches!(frame, Frame::Close(_));
                if sink.send(frame).await.is_err() || last {
                    break;
                }
            }
            let _ = sink.close().await;
        });
        let reader = Reader {
            out: client.out.clone(),
            acks: client.acks.clone(),
            on_event,
        };
        let closed = client.closed.clone();
        tokio::spawn(async move {
            while let Some(text) = next_text(&mut stream).await {
                if !reader.handle(&text) {
                    break;
                }
            }
            closed.store(true, Ordering::Relaxed);
            // dropping the pending senders fails their calls with `Closed`
            reader.acks.lock().expect("acks lock").clear();
        });
        Ok(client)
    }

    /// Emits `event` with `data`; Ok with the ack's first argument.
    pub async fn call(&self, event: &str, data: Value) -> Result<Value, CallError> {
        if self.is_closed() {
            return Err(CallError::Closed);
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = oneshot::channel();
        self.acks.lock().expect("acks lock").insert(id, tx);
        let packet = format!("42{id}{}", json!([event, data]));
        if self.out.send(Frame::text(packet)).is_err() {
            self.acks.lock().expect("acks lock").remove(&id);
            return Err(CallError::Closed);
        }
        match tokio::time::timeout(self.timeout, rx).await {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(_)) => Err(CallError::Closed),
            Err(_) => {
                self.acks.lock().expect("acks lock").remove(&id);
                Err(CallError::Timeout)
            }
        }
    }

    pub fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Relaxed)
    }

    /// Closes the WebSocket (a normal close frame).
    pub fn close(&self) {
        let _ = self.out.send(Frame::Close(None));
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        self.close();
    }
}

struct Reader {
    out: mpsc::UnboundedSender<Frame>,
    acks: Acks,
    on_event: OnEvent,
}

impl Reader {
    /// Handles one Engine.IO packet; false when the server closed the session.
    fn handle(&self, text: &str) -> bool {
        if text == "2" {
            let _ = self.out.send(Frame::text("3"));
            return true;
        }
        if text == "1" || text.starts_with("41") {
            return false;
        }
        let Some(rest) = text.strip_prefix('4') else {
            return true;
        };
        let Some(kind) = rest.chars().next() else {
            return true;
        };
        let rest = &rest[1..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let body: Value = serde_json::from_str(&rest[digits..]).unwrap_or(Value::Null);
        match (kind, body) {
            ('2', Value::Array(mut args)) if !args.is_empty() => {
                let data = if args.len() > 1 {
                    args.swap_remove(1)
                } else {
                    Value::Null
                };
                if let Some(name) = args.first().and_then(Value::as_str) {
                    (self.on_event)(name, data);
                }
            }
            ('3', Value::Array(mut args)) => {
                let id: u64 = rest[..digits].parse().unwrap_or(0);
                let tx = self.acks.lock().expect("acks lock").remove(&id);
                if let Some(tx) = tx {
                    let first = if args.is_empty() {
                        Value::Null
                    } else {
                        args.swap_remove(0)
                    };
                    let _ = tx.send(first);
                }
            }
            _ => {}
        }
        true
    }
}

type WsStream =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// The Engine.IO open packet, then the Socket.IO connect to `/` with `auth`.
async fn handshake(
    ws_url: &str,
    auth: Option<&Value>,
) -> anyhow::Result<(SplitSink<WsStream, Frame>, SplitStream<WsStream>)> {
    let (ws, _) = tokio_tungstenite::connect_async(ws_url)
        .await
        .context("websocket")?;
    let (mut sink, mut stream) = ws.split();
    let open = next_text(&mut stream).await.context("no open packet")?;
    if !open.starts_with('0') {
        bail!("expected an Engine.IO open packet, got {open}");
    }
    let connect = match auth {
        Some(auth) => format!("40{auth}"),
        None => "40".to_string(),
    };
    sink.send(Frame::text(connect)).await?;
    loop {
        let reply = next_text(&mut stream).await.context("closed in connect")?;
        if reply == "2" {
            sink.send(Frame::text("3")).await?;
        } else if reply.starts_with("40") {
            return Ok((sink, stream));
        } else {
            bail!("connect refused: {reply}");
        }
    }
}

async fn next_text<S>(stream: &mut S) -> Option<String>
where
    S: Stream<Item = Result<Frame, WsError>> + Unpin,
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

/// The error code of a `{ ok: false, error: { code } }` ack, None when ok.
pub fn ack_error(ack: &Value) -> Option<String> {
    if ack["ok"] == true {
        return None;
    }
    Some(
        ack["error"]["code"]
            .as_str()
            .unwrap_or("bad_ack")
            .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn socket_urls() {
        assert_eq!(
            socket_url("http://127.0.0.1:3001/").unwrap(),
            "ws://127.0.0.1:3001/socket.io/?EIO=4&transport=websocket"
        );
        assert!(socket_url("https://example.com").is_err());
    }

    #[test]
    fn ack_errors() {
        assert_eq!(ack_error(&json!({"ok": true})), None);
        let conflict = json!({"ok": false, "error": {"code": "conflict"}});
        assert_eq!(ack_error(&conflict).as_deref(), Some("conflict"));
    }

    #[tokio::test]
    async fn reader_dispatches_events_and_acks() {
        let (out, mut out_rx) = mpsc::unbounded_channel();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        let reader = Reader {
            out,
            acks: Arc::default(),
            on_event: Arc::new(move |name, data| log.lock().unwrap().push((name.into(), data))),
        };
        let (tx, rx) = oneshot::channel();
        reader.acks.lock().unwrap().insert(7, tx);
        assert!(reader.handle(r#"42["message:new",{"seq":1}]"#));
        assert!(reader.handle(r#"437[{"ok":true}]"#));
        assert!(reader.handle("2"));
        assert!(!reader.handle("41"));
        let seen: Vec<(String, Value)> = seen.lock().unwrap().clone();
        assert_eq!(seen, vec![("message:new".into(), json!({"seq": 1}))]);
        assert_eq!(rx.await.unwrap(), json!({"ok": true}));
        assert_eq!(out_rx.recv().await.unwrap(), Frame::text("3"));
    }
}
