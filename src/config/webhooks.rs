//! Outgoing webhooks (`WEBHOOK_TIMEOUT_SECS`, `WEBHOOK_ALLOW_PRIVATE`,
//! `WEBHOOK_RETRY_HOURS`).

use std::time::Duration;

use super::{ConfigError, Env};
use crate::domain::webhooks::FIRST_RETRY;

#[derive(Clone, Debug)]
pub struct WebhookConfig {
    /// How long a receiver has to answer (default 10 s); no answer is a failure.
    pub timeout: Duration,
    /// Private, loopback and metadata addresses are allowed as targets.
    pub allow_private: bool,
    /// How long a failing delivery is retried before it is marked failed.
    pub retry_for: Duration,
    /// The first retry's delay (doubling from there); tests shorten it.
    pub first_retry: Duration,
}

impl Default for WebhookConfig {
    fn default() -> Self {
        WebhookConfig {
            timeout: Duration::from_secs(10),
            allow_private: false,
            retry_for: Duration::from_secs(24 * 3600),
            first_retry: FIRST_RETRY,
        }
    }
}

impl WebhookConfig {
    pub(super) fn from_env(env: &Env<'_>) -> Result<Self, ConfigError> {
        let timeout: u64 = env.parse("WEBHOOK_TIMEOUT_SECS", 10)?;
        let hours: u64 = env.parse("WEBHOOK_RETRY_HOURS", 24)?;
        if !(1..=120).contains(&timeout) {
            return Err(ConfigError {
                var: "WEBHOOK_TIMEOUT_SECS",
                reason: "must be 1 to 120 seconds".into(),
            });
        }
        if !(1..=24 * 30).contains(&hours) {
            return Err(ConfigError {
                var: "WEBHOOK_RETRY_HOURS",
                reason: "must be 1 to 720 hours".into(),
            });
        }
        Ok(WebhookConfig {
            timeout: Duration::from_secs(timeout),
            allow_private: env.bool("WEBHOOK_ALLOW_PRIVATE", false)?,
            retry_for: Duration::from_secs(hours * 3600),
            first_retry: FIRST_RETRY,
        })
    }
}
