//! The visitor's side (PROTOCOL.md Part 2, "Availability and the offline
//! path"): settings, availability, the offline path through a real SMTP
//! server, the rating after a chat, transcripts by email, and the visitor's
//! language.

mod feedback;
mod offline;
mod settings;
mod whatsapp;

use std::{path::PathBuf, process::Stdio, time::Duration};

use serde_json::Value;
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, ChildStdout},
    sync::Mutex,
};

/// A real SMTP server (PyPI aiosmtpd, `tests/support/smtp_sink.py`) whose
/// received mails the test reads back.
pub struct Smtp {
    _child: Child,
    lines: Mutex<tokio::io::Lines<BufReader<ChildStdout>>>,
    pub url: String,
}

impl Smtp {
    /// `None` outside CI when the test virtualenv lacks aiosmtpd.
    pub async fn start() -> Option<Smtp> {
        let venv = std::env::var("WEBCHAT_VENV").map_or_else(
            |_| {
                PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cache/webchat/venv")
            },
            PathBuf::from,
        );
        let python = venv.join("bin/python");
        let has_aiosmtpd = std::process::Command::new(&python)
            .args(["-c", "import aiosmtpd"])
            .status()
            .is_ok_and(|s| s.success());
        if !has_aiosmtpd {
            assert!(
                std::env::var("CI").is_err(),
                "the mail tests need aiosmtpd in CI (pip install aiosmtpd)"
            );
            eprintln!("no aiosmtpd: skipping a mail test");
            return None;
        }
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/smtp_sink.py");
        let mut child = tokio::process::Command::new(python)
            .arg(script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .expect("the SMTP sink starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let ready = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
            .await
            .expect("the SMTP sink is ready in time")
            .unwrap()
            .expect("a READY line");
        let port = ready
            .strip_prefix("READY ")
            .expect("READY <port>")
            .to_string();
        Some(Smtp {
            _child: child,
            lines: Mutex::new(lines),
            url: format!("smtp://127.0.0.1:{port}"),
        })
    }

    /// The next mail the server accepted: `{ from, to, subject, body }`.
    pub async fn next_mail(&self, within: Duration) -> Value {
        let mut lines = self.lines.lock().await;
        let line = tokio::time::timeout(within, lines.next_line())
            .await
            .expect("a mail arrives in time")
            .unwrap()
            .expect("the SMTP sink is running");
        serde_json::from_str(&line).unwrap()
    }
}

/// The test's own connection to the app's database, for what the wire does
/// not show (mails queued, events written).
pub enum Underneath {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

impl Underneath {
    pub async fn open(app: &crate::helpers::TestApp) -> Underneath {
        let url = &app.database_url;
        if url.starts_with("sqlite") {
            Underneath::Sqlite(sqlx::SqlitePool::connect(url).await.unwrap())
        } else {
            let pool = sqlx::postgres::PgPoolOptions::new()
                .max_connections(1)
                .connect(url)
                .await
                .unwrap();
            Underneath::Postgres(pool)
        }
    }

    /// A `select count(*)`-like statement with one bound value.
    pub async fn count<T>(&self, sql: &'static str, value: T) -> i64
    where
        T: for<'q> sqlx::Encode<'q, sqlx::Sqlite>
            + sqlx::Type<sqlx::Sqlite>
            + for<'q> sqlx::Encode<'q, sqlx::Postgres>
            + sqlx::Type<sqlx::Postgres>
            + Send,
    {
        match self {
            Underneath::Sqlite(pool) => sqlx::query_scalar(sql).bind(value).fetch_one(pool).await,
            Underneath::Postgres(pool) => sqlx::query_scalar(sql).bind(value).fetch_one(pool).await,
        }
        .unwrap()
    }

    pub async fn close(self) {
        match self {
            Underneath::Sqlite(pool) => pool.close().await,
            Underneath::Postgres(pool) => pool.close().await,
        }
    }
}
