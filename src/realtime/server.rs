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
use crate::{app::AppState, chat::fanout::Notifier, config::Config};

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

    /// Registers the namespaces and puts the Socket.IO layer on `router`.
    pub fn install(self, router: Router, state: &AppState) -> Router {
        match self {
            SocketServer::Local(notifier) => {
                let builder =
                    configure(SocketIo::builder().with_state(state.clone()), &state.config);
                finish(builder, router, &notifier, state)
            }
            SocketServer::Redis(notifier, ctr) => {
                let builder = SocketIo::builder()
                    .with_state(state.clone())
                    .with_adapter::<RedisAdapter<_>>(ctr);
                finish(configure(builder, &state.config), router, &notifier, state)
            }
        }
    }
}

/// Bounds on payloads, WebSocket messages and frames (socketioxide's
/// `max_payload` covers only long-polling).
fn configure<A: Adapter>(builder: SocketIoBuilder<A>, config: &Config) -> SocketIoBuilder<A> {
    let max = config.max_socket_payload_bytes;
    builder
        .max_payload(max as u64)
        .ws_max_message_size(max)
        .ws_max_frame_size(max)
}

fn finish<A: Adapter + socketioxide_core::adapter::DefinedAdapter>(
    builder: SocketIoBuilder<A>,
    router: Router,
    notifier: &SocketNotifier<A>,
    state: &AppState,
) -> Router {
    let (layer, io) = builder.build_layer();
    notifier.attach(io.clone());
    register(&io, state.config.admin_enabled);
    router.layer(layer)
}
