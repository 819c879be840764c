//! `TestApp`: the real app on port 0 against a fresh database (a temporary
//! SQLite file, or a new Postgres database when `TEST_DATABASE_URL` is set),
//! with helpers to play each role over the wire.

use std::{process::Stdio, sync::Arc, time::Duration};

use serde_json::{Value, json};
use sqlx::Connection;
use tokio::sync::oneshot;
use uuid::Uuid;
use webchat::{app::App, chat::routing::RoutingMode, config::Config, store::Store};

use crate::socket::Client;

pub const ADMIN_EMAIL: &str = "admin@test.local";
pub const ADMIN_PASSWORD: &str = "admin-password-1";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// Runs a test body once per database: SQLite always, Postgres when
/// `TEST_DATABASE_URL` is set (and CI fails when it is not).
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::helpers::Db::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if $crate::helpers::postgres_available() {
                    super::$name($crate::helpers::Db::Postgres).await
                }
            }
        }
    )+};
}

/// True when Postgres tests can run; panics in CI when they cannot.
pub fn postgres_available() -> bool {
    if std::env::var("TEST_DATABASE_URL").is_ok() {
        return true;
    }
    if std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false") {
        panic!("TEST_DATABASE_URL must be set in CI: Postgres tests may not skip");
    }
    eprintln!("TEST_DATABASE_URL not set: skipping the Postgres variant");
    false
}

/// A new empty database URL for `db`.
pub async fn fresh_database(db: Db) -> String {
    match db {
        Db::Sqlite => {
            let dir = std::env::temp_dir().join("webchat-tests");
            std::fs::create_dir_all(&dir).unwrap();
            format!("sqlite://{}/{}.db", dir.display(), Uuid::now_v7())
        }
        Db::Postgres => {
            let base = std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL");
            let name = format!("t_{}", Uuid::now_v7().simple());
            let mut conn = sqlx::PgConnection::connect(&base)
                .await
                .expect("connect to TEST_DATABASE_URL");
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!("create database {name}")))
                .execute(&mut conn)
                .await
                .expect("create test database");
            // A finished test's app is never dropped (its sockets and its
            // chat service hold each other), so its pool is not either: the
            // server ends its idle connections, or the binary's 200-odd
            // Postgres tests would exhaust max_connections. Live pools
            // reconnect (sqlx pings before each acquire).
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "alter database {name} set idle_session_timeout = '8s'"
            )))
            .execute(&mut conn)
            .await
            .expect("bound the test database's idle sessions");
            let _ = conn.close().await;
            let (prefix, _) = base.rsplit_once('/').expect("URL has a database");
            format!("{prefix}/{name}")
        }
    }
}

pub struct TestApp {
    pub port: u16,
    /// The `METRICS_ADDR` listener's port, when one is configured.
    pub metrics_port: Option<u16>,
    pub base: String,
    pub database_url: String,
    pub http: reqwest::Client,
    pub store: Arc<dyn Store>,
    stop: Option<oneshot::Sender<()>>,
    done: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
}

impl TestApp {
    pub async fn spawn(db: Db) -> TestApp {
        let url = fresh_database(db).await;
        Self::spawn_on(&url, |_| {}).await
    }

    /// Starts an app on an existing database, with config tweaks.
    pub async fn spawn_on(database_url: &str, tweak: impl FnOnce(&mut Config)) -> TestApp {
        init_logs();
        let mut config = Config::for_database(database_url);
        config.admin_email = Some(ADMIN_EMAIL.into());
        config.admin_password = Some(ADMIN_PASSWORD.into());
        // The claim-based tests pick who takes a chat; routing's own tests
        // (team.rs, routing.rs) switch automatic assignment back on.
        config.routing.mode = RoutingMode::Manual;
        tweak(&mut config);
        let app = App::build(config).await.expect("app builds");
        let port = app.port();
        let metrics_port = app.metrics_port();
        let store = app.store();
        let (stop, stopped) = oneshot::channel::<()>();
        let done = tokio::spawn(app.run_until(async move {
            let _ = stopped.await;
        }));
        TestApp {
            port,
            metrics_port,
            base: format!("http://127.0.0.1:{port}"),

            database_url: database_url.to_string(),
            http: reqwest::Client::new(),
            store,
            stop: Some(stop),
            done: Some(done),
        }
    }

    /// Graceful shutdown, as on SIGTERM; returns once the server has stopped.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(done) = self.done.take() {
            done.await.unwrap().unwrap();
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A URL on the metrics listener, when `METRICS_ADDR` is set.
    pub fn metrics_url(&self, path: &str) -> Option<String> {
        self.metrics_port
            .map(|port| format!("http://127.0.0.1:{port}{path}"))
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> (u16, Value) {
        let mut req = self.http.post(self.url(path)).json(&body);
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    pub async fn patch(&self, path: &str, token: Option<&str>, body: Value) -> (u16, Value) {
        let mut req = self.http.patch(self.url(path)).json(&body);
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    pub async fn put(&self, path: &str, token: Option<&str>, body: Value) -> (u16, Value) {
        let mut req = self.http.put(self.url(path)).json(&body);
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    /// A DELETE's status.
    pub async fn delete(&self, path: &str, token: Option<&str>) -> u16 {
        let mut req = self.http.delete(self.url(path));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        req.send().await.unwrap().status().as_u16()
    }

    /// Creates a staff account (`extra` adds role, capacity); returns (token, id).
    pub async fn staff(&self, name: &str, extra: Value) -> (String, String) {
        let admin = self.admin_token().await;
        let email = format!("{}@agents.test", Uuid::now_v7().simple());
        let mut body = json!({"email": email, "password": "agent-password-1", "displayName": name});
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            body.extend(extra.clone());
        }
        let (status, created) = self.post("/api/agents", Some(&admin), body).await;
        assert_eq!(status, 201, "{created}");
        let id = created["user"]["id"].as_str().unwrap().to_string();
        (self.login(&email, "agent-password-1").await, id)
    }

    /// A staff member connected and said hello: (client, token, id).
    pub async fn staff_online(&self, name: &str, extra: Value) -> (Client, String, String) {
        let (token, id) = self.staff(name, extra).await;
        let client = self.socket(Some(&token)).await;
        let ack = client
            .call("hello", json!({"role": "agent", "token": token}))
            .await;
        assert_eq!(ack["ok"], true, "{ack}");
        (client, token, id)
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> (u16, Value) {
        let mut req = self.http.get(self.url(path));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    pub async fn login(&self, email: &str, password: &str) -> String {
        let (status, body) = self
            .post(
                "/api/auth/login",
                None,
                json!({"email": email, "password": password}),
            )
            .await;
        assert_eq!(status, 200, "login failed: {body}");
        body["token"].as_str().unwrap().to_string()
    }

    pub async fn admin_token(&self) -> String {
        self.login(ADMIN_EMAIL, ADMIN_PASSWORD).await
    }

    /// Creates an agent and returns its token.
    pub async fn agent_token(&self, name: &str) -> String {
        let admin = self.admin_token().await;
        let email = format!("{}@agents.test", Uuid::now_v7().simple());
        let body = json!({"email": email, "password": "agent-password-1", "displayName": name});
        let (status, created) = self.post("/api/agents", Some(&admin), body).await;
        assert_eq!(status, 201, "{created}");
        self.login(&email, "agent-password-1").await
    }

    pub async fn socket(&self, token: Option<&str>) -> Client {
        let auth = token.map(|t| json!({ "token": t }));
        Client::connect(self.port, "/", auth)
            .await
            .expect("socket connects")
    }

    /// A new visitor who said hello: (client, token, user id).
    pub async fn visitor(&self, name: &str) -> (Client, String, String) {
        let client = self.socket(None).await;
        let ack = client
            .call("hello", json!({"role": "user", "displayName": name}))
            .await;
        assert_eq!(ack["ok"], true, "{ack}");
        let token = ack["token"].as_str().unwrap().to_string();
        (
            client,
            token,
            ack["user"]["id"].as_str().unwrap().to_string(),
        )
    }

    /// An agent connected and said hello.
    pub async fn agent(&self, name: &str) -> (Client, String) {
        let token = self.agent_token(name).await;
        let client = self.socket(Some(&token)).await;
        let ack = client
            .call("hello", json!({"role": "agent", "token": token}))
            .await;
        assert_eq!(ack["ok"], true, "{ack}");
        (client, token)
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// A new session id for `client`, in `bot_pending`.
pub async fn open_session(client: &Client) -> String {
    let ack = patient(client, "session:create", json!({})).await;
    assert_eq!(ack["ok"], true, "{ack}");
    ack["session"]["id"].as_str().unwrap().to_string()
}

/// Sends a message and returns the acked message.
/// Sends a message as a well-behaved client does (waiting out `rate_limited`
/// with the same clientMsgId) and returns the acked message.
pub async fn send(client: &Client, session: &str, text: &str) -> Value {
    let payload =
        json!({"sessionId": session, "text": text, "clientMsgId": Uuid::now_v7().to_string()});
    let ack = patient(client, "message:send", payload).await;
    assert_eq!(ack["ok"], true, "{ack}");
    ack["message"].clone()
}

/// Calls `event`, retrying after `rate_limited` as a real client would.
pub async fn patient(client: &Client, event: &str, payload: Value) -> Value {
    loop {
        let ack = client.call(event, payload.clone()).await;
        if ack["error"]["code"] != "rate_limited" {
            return ack;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

pub fn error_code(ack: &Value) -> &str {
    assert_eq!(ack["ok"], false, "expected an error, got {ack}");
    ack["error"]["code"].as_str().unwrap_or("")
}

/// Server logs on stderr when `TEST_LOG` holds a filter (e.g. `webchat=debug`).
fn init_logs() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if let Ok(filter) = std::env::var("TEST_LOG") {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
                .with_test_writer()
                .try_init();
        }
    });
}

/// Raises the per-address and per-visitor chat limits, for load tests in
/// which one address plays many visitors (as `loadgen` runs need).
pub fn one_address_many_visitors(c: &mut Config) {
    c.limits.sessions_per_ip = (100_000, 100_000.0);
    c.limits.handoffs_per_ip = (100_000, 100_000.0);
    c.limits.open_sessions_per_visitor = 1_000;
}

/// Starts the real binary on `database_url`; returns the child and its port.
pub async fn spawn_binary(database_url: &str) -> (tokio::process::Child, u16) {
    spawn_binary_with(database_url, &[]).await
}

/// Starts the real binary with extra environment variables.
pub async fn spawn_binary_with(
    database_url: &str,
    env: &[(&str, &str)],
) -> (tokio::process::Child, u16) {
    spawn_binary_to(database_url, env, Stdio::null()).await
}

/// Starts the real binary with its logs (stdout) going to `logs`.
pub async fn spawn_binary_to(
    database_url: &str,
    env: &[(&str, &str)],
    logs: Stdio,
) -> (tokio::process::Child, u16) {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_webchat"))
        .env("DATABASE_URL", database_url)
        .env("HOST", "127.0.0.1")
        .env("PORT", port.to_string())
        .env("WEBCHAT_ADMIN_EMAIL", ADMIN_EMAIL)
        .env("WEBCHAT_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("RUST_LOG", "warn")
        .env("ROUTING", "manual")
        .envs(env.iter().copied())
        .stdout(logs)
        .kill_on_drop(true)
        .spawn()
        .expect("the webchat binary starts");
    let client = reqwest::Client::new();
    for _ in 0..200 {
        if client
            .get(format!("http://127.0.0.1:{port}/health"))
            .send()
            .await
            .is_ok()
        {
            return (child, port);
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("webchat did not answer /health on port {port}");
}
