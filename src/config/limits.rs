//! The abuse limits' settings (`RATE_LIMIT_*`, `LOGIN_FAILURES_*`,
//! `MAX_*`, `HTTP_HEADER_READ_TIMEOUT_SECS`, `INGEST_QUEUE_*`), listed with
//! their defaults in the README's "Limits and abuse".

use std::time::Duration;

use super::{ConfigError, Env};

/// Abuse limits. Rate limits are (burst, steady rate per second) per key.
#[derive(Clone, Debug)]
pub struct LimitsConfig {
    pub socket_events: (u32, f64),
    pub handshakes_per_ip: (u32, f64),
    pub logins_per_ip: (u32, f64),
    /// Failed logins allowed per account and address before each attempt
    /// waits (1 s, doubling, up to 15 minutes).
    pub login_failures_free: u32,
    /// The same per address, over all accounts.
    pub login_failures_free_per_ip: u32,
    /// `session:create` per client IP.
    pub sessions_per_ip: (u32, f64),
    /// `handoff:request` per client IP.
    pub handoffs_per_ip: (u32, f64),
    /// Open sessions one visitor may hold at once.
    pub open_sessions_per_visitor: usize,
    /// How long a client may take to send a request's headers (and how
    /// long a keep-alive connection may sit idle between requests).
    pub header_read_timeout: Duration,
    /// HTTP connections one address may hold open at once.
    pub connections_per_ip: usize,
    /// Unfinished ingest jobs per user (or address), and in all.
    pub ingest_jobs_per_user: usize,
    pub ingest_jobs_total: usize,
}

impl LimitsConfig {
    pub(super) fn from_env(env: &Env<'_>) -> Result<Self, ConfigError> {
        Ok(LimitsConfig {
            socket_events: (
                env.parse("RATE_LIMIT_SOCKET_BURST", 60)?,
                env.parse("RATE_LIMIT_SOCKET_PER_SEC", 20.0)?,
            ),
            handshakes_per_ip: (
                env.parse("RATE_LIMIT_HANDSHAKE_BURST", 60)?,
                env.parse("RATE_LIMIT_HANDSHAKE_PER_SEC", 5.0)?,
            ),
            logins_per_ip: (
                env.parse("RATE_LIMIT_LOGIN_BURST", 20)?,
                env.parse("RATE_LIMIT_LOGIN_PER_SEC", 0.5)?,
            ),
            login_failures_free: env.parse("LOGIN_FAILURES_FREE", 5)?,
            login_failures_free_per_ip: env.parse("LOGIN_FAILURES_FREE_PER_IP", 20)?,
            sessions_per_ip: (
                env.parse("RATE_LIMIT_SESSION_BURST", 20)?,
                env.parse("RATE_LIMIT_SESSION_PER_SEC", 0.05)?,
            ),
            handoffs_per_ip: (
                env.parse("RATE_LIMIT_HANDOFF_BURST", 10)?,
                env.parse("RATE_LIMIT_HANDOFF_PER_SEC", 0.05)?,
            ),
            open_sessions_per_visitor: env.parse("MAX_OPEN_SESSIONS_PER_VISITOR", 5)?,
            header_read_timeout: Duration::from_secs(
                env.parse("HTTP_HEADER_READ_TIMEOUT_SECS", 10u64)?,
            ),
            connections_per_ip: env.parse("MAX_CONNECTIONS_PER_IP", 256)?,
            ingest_jobs_per_user: env.parse("INGEST_QUEUE_PER_USER", 20)?,
            ingest_jobs_total: env.parse("INGEST_QUEUE_MAX", 200)?,
        })
    }
}
