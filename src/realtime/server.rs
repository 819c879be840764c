//! Builds the Socket.IO server with the right adapter: in process (one node),
//! or Redis (`REDIS_URL`), so a broadcast on one node reaches sockets on all.

use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use socketioxide::{
    SocketIo, SocketIoBuilder,
    adapter::{Adapter, Emitter, LocalAdapter},
};
use socketioxide_redis::{
    RedisAdapter, RedisAdapterConfig, RedisAdapterCtr,
    drivers::redis::{RedisDriver, redis_client},
};

use super::{LiveSockets, SocketNotifier, register};
use crate::{chat::notify::Notifier, config::Config, state::AppState};

pub enum SocketServer {
    Local(Arc<SocketNotifier<LocalAdapter>>),
    Redis(
        Arc<SocketNotifier<RedisAdapter<Emitter>>>,
        RedisAdapterCtr<RedisDriver>,
    ),
}

impl SocketServer {
    pub async fn new(config: &Config) -> anyhow::Result<Self> {
        let Some(url) = config.redis_url.as_deref() else {
            return Ok(SocketServer::Local(Arc::default()));
        };
        // The redis driver needs RESP3 for pub/sub pushes.
        let url = if url.contains("protocol=") {
            url.to_string()
        } else if url.contains('?') {
            format!("{url}&protocol=resp3")
        } else {
            format!("{url}?protocol=resp3")
        };
        let redacted = crate::config::redact_url(&url);
        let client = redis_client::Client::open(url)
            .with_context(|| format!("REDIS_URL {redacted} is not a Redis URL"))?;
        let adapter_config = RedisAdapterConfig::new().with_prefix(config.redis_prefix.clone());
        let ctr = RedisAdapterCtr::new_with_redis_config(&client, adapter_config)
            .await
            .with_context(|| format!("cannot reach Redis at {redacted} (REDIS_URL)"))?;
        tracing::info!(redis = %redacted, "Socket.IO shares rooms through Redis");
        Ok(SocketServer::Redis(Arc::default(), ctr))
    }

    pub fn notifier(&self) -> Arc<dyn Notifier> {
        match self {
            SocketServer::Local(n) => n.clone(),
            SocketServer::Redis(n, _) => n.clone(),
        }
    }

    pub fn live(&self) -> Arc<dyn LiveSockets> {
        match self {
            SocketServer::Local(n) => n.clone(),
            SocketServer::Redis(n, _) => n.clone(),
        }
    }

    /// Registers the namespaces (subscribed in Redis before it returns) and
    /// puts the Socket.IO layer on `router`.
    pub async fn install(self, router: Router, state: &AppState) -> anyhow::Result<Router> {
        match self {
            SocketServer::Local(notifier) => {
                let builder =
                    configure(SocketIo::builder().with_state(state.clone()), &state.config);
                let (layer, io) = builder.build_layer();
                notifier.attach(io.clone());
                register(&io, state.config.admin_enabled);
                Ok(with_owned_parts(router.layer(layer)))
            }
            SocketServer::Redis(notifier, ctr) => {
                let builder = SocketIo::builder()
                    .with_state(state.clone())
                    .with_adapter::<RedisAdapter<_>>(ctr);
                let (layer, io) = configure(builder, &state.config).build_layer();
                for init in register(&io, state.config.admin_enabled) {
                    init.await
                        .map_err(|e| anyhow::anyhow!("subscribing to Redis: {e}"))?;
                }
                notifier.attach(io.clone());
                Ok(with_owned_parts(router.layer(layer)))
            }
        }
    }
}

/// Socket.IO keeps each socket's request head (URI, headers, extensions)
/// for the socket's whole life, so at rest a connection costs what its head
/// costs. Two things are trimmed before the Socket.IO layer sees a request:
/// headers it never reads (cookies above all, which can run to kilobytes and
/// are no business of a socket; the origin was checked before), and the
/// sharing with Hyper's read buffer: the URI and header values are slices of
/// that 8 to 16 KB buffer, which stays alive while any slice does. Copied
/// out, the buffer is freed once the WebSocket takes over the connection.
fn with_owned_parts(router: Router) -> Router {
    router.layer(axum::middleware::map_request(
        async |request: axum::extract::Request| {
            if !request.uri().path().starts_with("/socket.io") {
                return request;
            }
            let (mut parts, body) = request.into_parts();
            own_parts(&mut parts);
            axum::extract::Request::from_parts(parts, body)
        },
    ))
}

/// The headers the Socket.IO layer reads: the WebSocket key (to answer the
/// upgrade) and the long-polling body's type. Host and origin were checked
/// before (`http::security`).
const SOCKET_HEADERS: [axum::http::HeaderName; 2] = [
    axum::http::header::SEC_WEBSOCKET_KEY,
    axum::http::header::CONTENT_TYPE,
];

fn own_parts(parts: &mut axum::http::request::Parts) {
    let mut kept = axum::http::HeaderMap::with_capacity(SOCKET_HEADERS.len());
    for name in SOCKET_HEADERS {
        if let Some(value) = parts.headers.get(&name)
            && let Ok(owned) = axum::http::HeaderValue::from_bytes(value.as_bytes())
        {
            kept.insert(name, owned);
        }
    }
    parts.headers = kept;
    if let Ok(owned) = axum::http::Uri::try_from(parts.uri.to_string()) {
        parts.uri = owned;
    }
    // axum's copy of the URI as it came (no socket handler asks for it)
    parts.extensions.remove::<axum::extract::OriginalUri>();
}

/// Bounds on payloads, WebSocket messages and frames (socketioxide's
/// `max_payload` covers only long-polling).
fn configure<A: Adapter>(builder: SocketIoBuilder<A>, config: &Config) -> SocketIoBuilder<A> {
    let max = config.max_socket_payload_bytes;
    builder
        .max_payload(max as u64)
        .ws_max_message_size(max)
        .ws_max_frame_size(max)
        // At most this many packets wait for a slow client; beyond, emits to it
        // are dropped, and a client that stops reading misses the heartbeat.
        .max_buffer_size(256)
        // Chat frames are a few hundred bytes; each socket's read buffer is
        // resident memory (4 KiB by default), and a larger frame grows it.
        .ws_read_buffer_size(1024)
        .ping_interval(config.socket_ping_interval)
        .ping_timeout(config.socket_ping_timeout)
}
