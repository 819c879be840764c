//! Start-up: `App::build(config)` opens the store, wires the services, binds
//! the listener (port 0 works) and builds the router; `App::run` serves until
//! SIGINT/SIGTERM, then shuts down gracefully.

use std::{net::SocketAddr, sync::Arc, time::Duration};

use anyhow::Context;
use axum::Router;
use tokio::net::TcpListener;
use tower_http::{cors::CorsLayer, trace::TraceLayer};

use crate::{
    assets,
    auth::AuthService,
    chat::{
        ChatConfig, ChatService,
        notify::{Notice, Notifier},
        team::PresenceConfig,
    },
    config::Config,
    events::{KafkaSink, OutboxRelay, WebhookSender},
    files::Files,
    http,
    limits::Limits,
    mail::{self, Mailer},
    rag::Rag,
    realtime::SocketServer,
    state::AppState,
    store::{self, Store},
    whatsapp::{
        self, OutboundWorker, SkippingSender, TwilioSender, WhatsAppSender, WhatsAppService,
        media::{LinkSigner, MediaFetcher},
    },
};

mod loops;

pub struct App {
    store: Arc<dyn Store>,
    listener: TcpListener,
    router: Router,
    /// The `METRICS_ADDR` listener, when set.
    metrics: Option<TcpListener>,
    state: AppState,
    relay: Option<OutboxRelay>,
    whatsapp_worker: OutboundWorker,
    mailer: Mailer,
    addr: SocketAddr,
}

impl App {
    pub async fn build(config: Config) -> anyhow::Result<App> {
        let store = store::connect(&config.database_url).await?;
        let auth = AuthService::new(store.clone(), config.user_token_ttl, config.agent_token_ttl);
        bootstrap_admin(&auth, &config).await?;
        let sockets = SocketServer::new(&config).await?;
        let notifier: Arc<dyn Notifier> = sockets.notifier();
        let relay = kafka_relay(&config, &store)?;
        let rag = Rag::from_config(&config, store.clone())?;
        let console = notifier.clone();
        rag.jobs.on_progress(Arc::new(move |id, p| {
            let event = serde_json::json!({
                "jobId": id, "site": p.site, "pagesDone": p.pages_done, "pagesFailed": p.pages_failed,
                "status": p.status, "currentUrl": p.current_url, "error": p.error,
            });
            let console = console.clone();
            tokio::spawn(async move { console.notify(Notice::IngestProgress(event)).await });
        }));
        let chat = ChatService::new(
            store.clone(),
            notifier.clone(),
            rag.bot(config.bot_handoff_on_unsure),
            rag.summarizer(),
            ChatConfig {
                presence: PresenceConfig::with_grace(config.agent_offline_grace),
                routing: config.routing,
                max_open_sessions: config.limits.open_sessions_per_visitor,
                files: Files::from_config(&config.workspace)?,
                identity_secret: config.workspace.identity_secret.as_deref().map(Arc::from),
                public_base_url: config.public_base_url.clone(),
                offline_notify: config.mail.offline_notify.clone(),
            },
        );
        let whatsapp = WhatsAppService::new(
            chat.clone(),
            config.twilio.handoff_words.clone(),
            config.ingest_public.then(|| rag.jobs.clone()),
            MediaFetcher::new(&config.twilio, config.workspace.attachment_max_bytes),
        );
        let whatsapp_worker = whatsapp_worker(&config, &store, notifier);
        let mailer = Mailer::from_config(&config.mail)?;
        let config = Arc::new(config);
        let state = AppState {
            config: config.clone(),
            auth,
            chat,
            relay: relay.as_ref().map(OutboxRelay::status),
            whatsapp,
            limits: Arc::new(Limits::new(&config.limits)),
            sockets: sockets.live(),
            rag,
        };
        let router = build_router(&state, sockets).await?;
        let listener = TcpListener::bind((config.host, config.port))
            .await
            .with_context(|| {
                format!(
                    "cannot listen on {}:{} (set HOST/PORT)",
                    config.host, config.port
                )
            })?;
        let addr = listener.local_addr()?;
        let metrics = match config.metrics_addr {
            None => None,
            Some(at) => Some(
                TcpListener::bind(at)
                    .await
                    .with_context(|| format!("cannot listen on {at} (set METRICS_ADDR)"))?,
            ),
        };
        Ok(App {
            store,
            listener,
            router,
            metrics,
            state,
            relay,
            whatsapp_worker,
            mailer,
            addr,
        })
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The port `/metrics` is served on (`METRICS_ADDR`), if any.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics
            .as_ref()
            .and_then(|l| l.local_addr().ok())
            .map(|a| a.port())
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// The store, for tests that look underneath the wire.
    pub fn store(&self) -> Arc<dyn Store> {
        self.store.clone()
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
            store,
            listener,
            router,
            metrics,
            state,
            relay,
            whatsapp_worker,
            mailer,
            addr,
        } = self;
        tracing::info!(%addr, database = state.chat.backend(), "webchat listening");
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
        let stop_relay = tokio_util::sync::CancellationToken::new();
        let relay_task = relay.map(|relay| {
            let stop = stop_relay.clone();
            tokio::spawn(async move { relay.run(stop.cancelled_owned()).await })
        });
        let stop = stop_relay.clone();
        let whatsapp_task = tokio::spawn(whatsapp_worker.run(stop.cancelled_owned()));
        let webhooks = WebhookSender::new(store.clone(), state.config.webhooks.clone())?;
        let stop = stop_relay.clone();
        let webhook_task = tokio::spawn(webhooks.run(stop.cancelled_owned()));
        let (chat, stop) = (&state.chat, &stop_relay);
        tokio::spawn(loops::expire_sockets(state.sockets.clone(), stop.clone()));
        tokio::spawn(loops::publish_stats(chat.clone(), stop.clone()));
        let grace = state.config.agent_offline_grace;
        tokio::spawn(loops::keep_presence(chat.clone(), grace, stop.clone()));
        tokio::spawn(loops::route_queue(chat.clone(), stop.clone()));
        tokio::spawn(loops::tell_positions(chat.clone(), stop.clone()));
        tokio::spawn(mail::run(store, mailer, stop.clone()));
        tokio::spawn(loops::tell_availability(chat.clone(), stop.clone()));
        tokio::spawn(loops::offline_mail(
            chat.clone(),
            state.sockets.clone(),
            stop.clone(),
        ));
        if let Some(days) = state.config.retention_days {
            tokio::spawn(loops::keep_retention(chat.clone(), days, stop.clone()));
        }
        if let Some(idle) = state.config.idle_close {
            tokio::spawn(loops::close_idle(chat.clone(), idle, stop.clone()));
        }
        if let Some(metrics) = metrics {
            tracing::info!(addr = %metrics.local_addr()?, "metrics on their own listener");
            let stop = stop_relay.clone();
            let router = http::metrics_router(&state);
            tokio::spawn(async move {
                let served = axum::serve(metrics, router)
                    .with_graceful_shutdown(stop.cancelled_owned())
                    .await;
                if let Err(e) = served {
                    tracing::error!(error = %e, "the metrics listener failed");
                }
            });
        }
        let sockets = state.sockets.clone();
        let graceful = async move {
            shutdown.await;
            tracing::info!("shutting down: closing sockets");
            sockets.close().await;
        };
        let limits = http::listener::ConnectionLimits {
            header_read_timeout: state.config.limits.header_read_timeout,
            per_ip: state.config.limits.connections_per_ip,
        };
        http::listener::serve(listener, router, limits, graceful).await;
        let tasks = state.chat.tasks();
        tasks.close();
        if tokio::time::timeout(Duration::from_secs(10), tasks.wait())
            .await
            .is_err()
        {
            tracing::warn!("background work still running after 10 s; exiting anyway");
        }
        stop_relay.cancel();
        if let Some(task) = relay_task {
            let _ = task.await;
        }
        let _ = whatsapp_task.await;
        let _ = webhook_task.await;
        tracing::info!("stopped");
        Ok(())
    }
}

/// The WhatsApp sender: Twilio when configured, else one that skips and logs.
fn whatsapp_worker(
    config: &Config,
    store: &Arc<dyn Store>,
    notifier: Arc<dyn Notifier>,
) -> OutboundWorker {
    let sender: Arc<dyn WhatsAppSender> = match TwilioSender::from_config(&config.twilio) {
        Some(twilio) => Arc::new(twilio),
        None => Arc::new(SkippingSender),
    };
    match (&config.twilio.auth_token, config.twilio.allow_unsigned) {
        (Some(_), _) => {}
        (None, true) => tracing::warn!(
            "TWILIO_AUTH_TOKEN is not set and TWILIO_ALLOW_UNSIGNED=true: WhatsApp webhooks \
             are accepted without a signature check (for local trials only)"
        ),
        (None, false) => tracing::warn!(
            "TWILIO_AUTH_TOKEN is not set: WhatsApp webhooks are refused (403); set it, or \
             TWILIO_ALLOW_UNSIGNED=true for a local trial"
        ),
    }
    let status_callback = config
        .public_base_url
        .as_deref()
        .map(|base| format!("{}/webhooks/twilio/status", base.trim_end_matches('/')));
    OutboundWorker {
        store: store.clone(),
        sender,
        notifier,
        wake: store.signals().outbound(),
        status_callback,
        media_links: config
            .public_base_url
            .clone()
            .zip(LinkSigner::from_config(&config.twilio)),
    }
}

/// The outbox relay, when Kafka is enabled; the store wakes it after commits.
fn kafka_relay(config: &Config, store: &Arc<dyn Store>) -> anyhow::Result<Option<OutboxRelay>> {
    if !config.kafka.enabled {
        return Ok(None);
    }
    let sink = KafkaSink::new(&config.kafka).context("configuring Kafka (KAFKA_* variables)")?;
    Ok(Some(OutboxRelay::new(
        store.clone(),
        Arc::new(sink),
        config.kafka.outbox_retention,
    )))
}

async fn build_router(state: &AppState, sockets: SocketServer) -> anyhow::Result<Router> {
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
    let router = http::router(state)
        .merge(whatsapp::http::routes())
        .merge(assets::router(state.config.admin_enabled))
        .layer(axum::extract::DefaultBodyLimit::max(
            state.config.max_body_bytes,
        ))
        .with_state(state.clone());
    Ok(sockets
        .install(router, state)
        .await?
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            http::security::guard,
        ))
        .layer(cors)
        .layer(TraceLayer::new_for_http()))
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
