//! Start-up: `App::build(config)` opens the store, wires the services, binds
//! the listener (port 0 works) and builds the router; `App::run` serves until
//! SIGINT/SIGTERM, then shuts down gracefully.

use std::{net::SocketAddr, sync::Arc, time::Duration};

use anyhow::Context;
use axum::{Router, serve::ListenerExt};
use socketioxide::SocketIo;
use tokio::net::TcpListener;
use tower_http::{cors::CorsLayer, trace::TraceLayer};

use crate::{
    assets,
    auth::AuthService,
    chat::ChatService,
    config::Config,
    http,
    rag::Rag,
    realtime::{self, SocketNotifier},
    store::{self, Store},
};

/// Shared by axum handlers and Socket.IO handlers; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub auth: AuthService,
    pub chat: ChatService,
    pub rag: Rag,
}

pub struct App {
    listener: TcpListener,
    router: Router,
    state: AppState,
    io: SocketIo,
    addr: SocketAddr,
}

impl App {
    pub async fn build(config: Config) -> anyhow::Result<App> {
        let store = store::connect(&config.database_url).await?;
        let auth = AuthService::new(store.clone(), config.user_token_ttl, config.agent_token_ttl);
        bootstrap_admin(&auth, &config).await?;
        let rag = Rag::from_config(&config).await?;
        let notifier = Arc::new(SocketNotifier::default());
        let chat = ChatService::new(store.clone(), notifier.clone(), rag.bot(), rag.summarizer());
        let config = Arc::new(config);
        let state = AppState {
            config: config.clone(),
            auth,
            chat,
            rag,
        };
        let (layer, io) = socket_io(&state);
        notifier.attach(io.clone());
        let router = build_router(&state, layer);
        let listener = TcpListener::bind((config.host, config.port))
            .await
            .with_context(|| {
                format!(
                    "cannot listen on {}:{} (set HOST/PORT)",
                    config.host, config.port
                )
            })?;
        let addr = listener.local_addr()?;
        realtime::register(&io, config.admin_enabled);
        Ok(App {
            listener,
            router,
            state,
            io,
            addr,
        })
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub fn store(&self) -> Arc<dyn Store> {
        self.state.chat.store().clone()
    }

    /// Serves until SIGINT or SIGTERM.
    pub async fn run(self) -> anyhow::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `shutdown` resolves; then tells every socket, lets
    /// in-flight work (bot replies, summaries) finish, and returns.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let App {
            listener,
            router,
            state,
            io,
            addr,
        } = self;
        tracing::info!(%addr, database = state.chat.store().backend(), "webchat listening");
        let backfill = state.chat.clone();
        state.chat.tasks().spawn(async move {
            match backfill.backfill_summaries().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(count = n, "wrote summaries missed before a restart"),
                Err(e) => e.log(),
            }
        });
        let rag = state.rag.clone();
        state.chat.tasks().spawn(async move {
            match rag.reembed().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(count = n, "re-embedded passages for the current embedder"),
                Err(e) => tracing::error!(error = format!("{e:#}"), "re-embedding failed"),
            }
        });
        let listener = listener.tap_io(|tcp| {
            // Without it, two back-to-back emits stall ~40 ms (Nagle).
            let _ = tcp.set_nodelay(true);
        });
        let graceful = async move {
            shutdown.await;
            tracing::info!("shutting down: closing sockets");
            io.close().await;
        };
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(graceful)
        .await?;
        let tasks = state.chat.tasks();
        tasks.close();
        if tokio::time::timeout(Duration::from_secs(10), tasks.wait())
            .await
            .is_err()
        {
            tracing::warn!("background work still running after 10 s; exiting anyway");
        }
        tracing::info!("stopped");
        Ok(())
    }
}

fn socket_io(state: &AppState) -> (socketioxide::layer::SocketIoLayer, SocketIo) {
    let max = state.config.max_socket_payload_bytes;
    SocketIo::builder()
        .with_state(state.clone())
        .max_payload(max as u64)
        .ws_max_message_size(max)
        .ws_max_frame_size(max)
        .build_layer()
}

fn build_router(state: &AppState, socket_layer: socketioxide::layer::SocketIoLayer) -> Router {
    let cors = CorsLayer::new()
        .allow_origin(
            state
                .config
                .cors_origins
                .iter()
                .filter_map(|o| o.parse().ok())
                .collect::<Vec<axum::http::HeaderValue>>(),
        )
        .allow_methods([axum::http::Method::GET, axum::http::Method::POST])
        .allow_headers([
            axum::http::header::AUTHORIZATION,
            axum::http::header::CONTENT_TYPE,
        ]);
    http::router(state)
        .merge(assets::router(state.config.admin_enabled))
        .with_state(state.clone())
        .layer(socket_layer)
        .layer(cors)
        .layer(TraceLayer::new_for_http())
}

async fn bootstrap_admin(auth: &AuthService, config: &Config) -> anyhow::Result<()> {
    let created = auth
        .bootstrap_admin(
            config.admin_email.as_deref(),
            config.admin_password.as_deref(),
        )
        .await
        .map_err(|e| anyhow::anyhow!("creating the admin account: {}", e.message))?;
    if let Some((email, password)) = created {
        // Printed once, on purpose: there is no other way to learn it.
        tracing::warn!(
            "created admin account {email} with password {password} (shown once; \
             set WEBCHAT_ADMIN_EMAIL and WEBCHAT_ADMIN_PASSWORD to choose your own)"
        );
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
