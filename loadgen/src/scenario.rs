//! What every scenario shares: the server's address, an HTTP client for the
//! admin API (creating agents), the roles' opening moves over Socket.IO
//! (`hello`, `session:create`, `handoff:request`, `agent:claim`), error
//! counting, and the server monitor.

use std::{
    future::Future,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use anyhow::{Context, bail};
use futures::StreamExt;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::{
    cli::Cli,
    client::{Client, OnEvent, ack_error, socket_url},
    procstat::Monitor,
    report::{Report, round2},
    stats::Errors,
};

pub const AGENT_PASSWORD_LEN: usize = 24;

pub struct Ctx {
    pub base: String,
    pub ws_url: String,
    pub http: reqwest::Client,
    pub timeout: Duration,
    pub concurrency: usize,
    admin: Option<(String, String)>,
    pub errors: Arc<Errors>,
    monitor: Mutex<Option<Monitor>>,
    /// This process, to show whether the load generator itself was the limit.
    own: Mutex<Option<Monitor>>,
    started: Instant,
    started_at: String,
    measuring: Mutex<Option<Instant>>,
}

impl Ctx {
    pub fn new(cli: &Cli) -> anyhow::Result<Ctx> {
        let monitor = match cli.server_pid {
            Some(pid) => Some(Monitor::start(pid).with_context(|| format!("reading pid {pid}"))?),
            None => None,
        };
        Ok(Ctx {
            base: cli.url.trim_end_matches('/').to_string(),
            ws_url: socket_url(&cli.url)?,
            http: reqwest::Client::builder().timeout(cli.timeout).build()?,
            timeout: cli.timeout,
            concurrency: cli.connect_concurrency.max(1),
            admin: cli.admin_email.clone().zip(cli.admin_password.clone()),
            errors: Arc::default(),
            monitor: Mutex::new(monitor),
            own: Mutex::new(Monitor::start(std::process::id()).ok()),
            started: Instant::now(),
            started_at: chrono::Utc::now().to_rfc3339(),
            measuring: Mutex::new(None),
        })
    }

    /// Set-up is over: the measured phase (and the server's CPU window) starts.
    pub fn start_measuring(&self) {
        *self.measuring.lock().expect("lock") = Some(Instant::now());
        for monitor in [&self.monitor, &self.own] {
            if let Some(m) = monitor.lock().expect("lock").as_mut() {
                m.reset();
            }
        }
    }

    /// A report with the common parts filled in; call once, at the end.
    pub fn report(&self, scenario: &'static str, params: Value) -> Report {
        let measuring = self.measuring.lock().expect("lock").unwrap_or(self.started);
        let errors = self.errors.snapshot();
        Report {
            scenario,
            url: self.base.clone(),
            started_at: self.started_at.clone(),
            params,
            setup_s: round2(measuring.duration_since(self.started).as_secs_f64()),
            measured_s: round2(measuring.elapsed().as_secs_f64()),
            error_total: errors.values().sum(),
            errors,
            server: self
                .monitor
                .lock()
                .expect("lock")
                .take()
                .map(Monitor::finish),
            loadgen: self.own.lock().expect("lock").take().map(Monitor::finish),
            ..Report::default()
        }
    }

    async fn post(&self, path: &str, token: Option<&str>, body: Value) -> anyhow::Result<Value> {
        let mut req = self.http.post(format!("{}{path}", self.base)).json(&body);
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        let res = req.send().await.with_context(|| format!("POST {path}"))?;
        let status = res.status();
        let body: Value = res.json().await.unwrap_or(Value::Null);
        if !status.is_success() {
            bail!("POST {path}: {status} {body}");
        }
        Ok(body)
    }

    /// POSTs `body` with `token`; the answer's JSON.
    pub async fn post_json(&self, path: &str, token: &str, body: Value) -> anyhow::Result<Value> {
        self.post(path, Some(token), body).await
    }

    /// DELETEs `path`, best effort (clean-up).
    pub async fn delete(&self, path: &str, token: &str) {
        let url = format!("{}{path}", self.base);
        if let Err(e) = self.http.delete(url).bearer_auth(token).send().await {
            eprintln!("loadgen: DELETE {path}: {e}");
        }
    }

    /// The admin's token (`--admin-email`, `--admin-password`).
    pub async fn admin_token(&self) -> anyhow::Result<String> {
        let (email, password) = self
            .admin
            .as_ref()
            .context("--admin-email and --admin-password (or WEBCHAT_ADMIN_*) are required")?;
        self.login(email, password).await.context("admin login")
    }

    async fn login(&self, email: &str, password: &str) -> anyhow::Result<String> {
        let body = json!({"email": email, "password": password});
        let res = self.post("/api/auth/login", None, body).await?;
        Ok(res["token"]
            .as_str()
            .context("login: no token")?
            .to_string())
    }

    /// Creates `n` agents through the admin API and returns their tokens.
    pub async fn create_agents(&self, n: usize) -> anyhow::Result<Vec<String>> {
        self.create_agents_with(n, None).await
    }

    /// `create_agents`, each with `capacity` chats routed at once when set.
    pub async fn create_agents_with(
        &self,
        n: usize,
        capacity: Option<usize>,
    ) -> anyhow::Result<Vec<String>> {
        let admin = self.admin_token().await?;
        let run = Uuid::now_v7().simple().to_string();
        let results = run_all(n, 4, |i| {
            let (admin, run) = (admin.clone(), run.clone());
            async move {
                let email = format!("lg-{run}-{i}@loadgen.test");
                let password: String = Uuid::new_v4().simple().to_string()[..AGENT_PASSWORD_LEN].into();
                let mut body = json!({"email": email, "password": password, "displayName": format!("LG agent {i}")});
                if let Some(capacity) = capacity {
                    body["capacity"] = json!(capacity);
                }
                self.post("/api/agents", Some(&admin), body).await?;
                self.login(&email, &password).await
            }
        })
        .await;
        results.into_iter().collect()
    }

    /// Connects with `auth`; None (and a `connect` error) when that fails.
    pub async fn connect(&self, auth: Option<Value>, on_event: OnEvent) -> Option<Client> {
        match Client::connect(&self.ws_url, auth.as_ref(), on_event, self.timeout).await {
            Ok(c) => Some(c),
            Err(e) => {
                tracing::debug!("connect failed: {e:#}");
                self.errors.add("connect");
                None
            }
        }
    }

    /// Emits and returns the ack when it is `ok`; counts every failure.
    pub async fn call(&self, client: &Client, event: &str, data: Value) -> Option<Value> {
        match client.call(event, data).await {
            Ok(ack) => match ack_error(&ack) {
                None => Some(ack),
                Some(code) => {
                    self.errors.add(&code);
                    None
                }
            },
            Err(e) => {
                self.errors.add(e.code());
                None
            }
        }
    }

    /// A new visitor who said hello.
    pub async fn visitor(&self, name: &str, on_event: OnEvent) -> Option<Client> {
        let client = self.connect(None, on_event).await?;
        let hello = json!({"role": "user", "displayName": name});
        self.call(&client, "hello", hello).await?;
        Some(client)
    }

    /// A visitor's session, created and handed off to the agents' queue.
    pub async fn queued_session(&self, client: &Client) -> Option<String> {
        let ack = self.call(client, "session:create", json!({})).await?;
        let id = ack["session"]["id"].as_str()?.to_string();
        self.call(client, "handoff:request", json!({"sessionId": id}))
            .await?;
        Some(id)
    }

    /// An agent connected with its token that said hello.
    pub async fn agent(&self, token: &str, on_event: OnEvent) -> Option<Client> {
        let client = self
            .connect(Some(json!({"token": token})), on_event)
            .await?;
        let hello = json!({"role": "agent", "token": token});
        self.call(&client, "hello", hello).await?;
        Some(client)
    }
}

/// Runs `f(0..n)` with at most `concurrency` at once; results in index order.
pub async fn run_all<'a, T, F, Fut>(n: usize, concurrency: usize, f: F) -> Vec<T>
where
    F: FnMut(usize) -> Fut + 'a,
    Fut: Future<Output = T> + 'a,
{
    futures::stream::iter(0..n)
        .map(f)
        .buffered(concurrency.max(1))
        .collect()
        .await
}

/// An event callback that ignores everything.
pub fn ignore_events() -> OnEvent {
    Arc::new(|_, _| {})
}

/// How many of `clients` are still open.
pub fn held<'a>(clients: impl IntoIterator<Item = &'a Client>) -> usize {
    clients.into_iter().filter(|c| !c.is_closed()).count()
}
