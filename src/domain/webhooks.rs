//! Outgoing webhooks (PROTOCOL.md Part 2, "Outgoing webhooks"): which
//! events a webhook is told, how a delivery is signed, and when a failed
//! one is tried again.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::{
    events::EventType,
    signing::hmac_sha256,
    validate::{Checked, Invalid},
};

/// At most this many event types per webhook (more is "*").
const MAX_EVENT_NAMES: usize = 32;
/// The first retry comes about this long after a failure, then doubles.
pub const FIRST_RETRY: Duration = Duration::from_secs(1);
/// Retries are never further apart than this.
pub const MAX_RETRY_GAP: Duration = Duration::from_secs(600);

/// A receiver of events (`/api/webhooks`); its secret is shown once.
#[derive(Debug, Clone, PartialEq, Serialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Webhook {
    pub id: Uuid,
    pub url: String,
    /// Event types (`message.created`, …), or `["*"]` for all.
    pub events: Vec<String>,
    /// False while paused: events wait, nothing is sent.
    pub active: bool,
    pub created_at: DateTime<Utc>,
    /// Deliveries not yet made (waiting or being retried).
    pub pending: i64,
    /// Deliveries given up on (retry them by hand).
    pub failed: i64,
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    Pending,
    Delivered,
    Failed,
}

impl DeliveryState {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Pending => "pending",
            DeliveryState::Delivered => "delivered",
            DeliveryState::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(DeliveryState::Pending),
            "delivered" => Some(DeliveryState::Delivered),
            "failed" => Some(DeliveryState::Failed),
            _ => None,
        }
    }
}

/// One event for one webhook, and how sending it went (`GET
/// /api/webhooks/{id}/deliveries`).
#[derive(Debug, Clone, PartialEq, Serialize, TS, utoipa::ToSchema)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Delivery {
    pub id: Uuid,
    pub event_id: Uuid,
    pub event_type: String,
    pub state: DeliveryState,
    pub attempts: i32,
    /// The HTTP status of the last attempt; null when none came back.
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    /// When it is tried next, while pending.
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// The event types a webhook asks for: `["*"]`, or known names, each once.
pub fn check_events(events: &[String]) -> Checked<Vec<String>> {
    if events.is_empty() {
        return Err(Invalid(
            "events must name at least one event type, or [\"*\"] for all".into(),
        ));
    }
    if events.len() > MAX_EVENT_NAMES {
        return Err(Invalid(format!(
            "at most {MAX_EVENT_NAMES} event types; use [\"*\"] for all"
        )));
    }
    if events.iter().any(|e| e == "*") {
        return Ok(vec!["*".into()]);
    }
    let mut names = Vec::new();
    for name in events {
        if !EventType::ALL.iter().any(|t| t.as_str() == name) {
            let known: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
            return Err(Invalid(format!(
                "unknown event type {:?}; known: {}",
                name.chars().take(60).collect::<String>(),
                known.join(", ")
            )));
        }
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
    Ok(names)
}

/// Whether a webhook asking for `events` is told of `event_type`.
pub fn wants(events: &[String], event_type: &str) -> bool {
    events.iter().any(|e| e == "*" || e == event_type)
}

/// `Webchat-Signature`: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
pub fn signature(secret: &str, t: i64, body: &[u8]) -> String {
    let mut signed = format!("{t}.").into_bytes();
    signed.extend_from_slice(body);
    format!(
        "t={t},v1={}",
        hex::encode(hmac_sha256(secret.as_bytes(), &signed))
    )
}

/// How long to wait after the `attempts`-th failed attempt: `first`
/// doubling, capped at `cap`, times `jitter` (0.8 to 1.2 as drawn), so
/// receivers coming back are not hit by every sender at once.
pub fn retry_after(attempts: u32, first: Duration, cap: Duration, jitter: f64) -> Duration {
    let doublings = attempts.saturating_sub(1).min(30);
    let gap = first.saturating_mul(1 << doublings).min(cap);
    gap.mul_f64(jitter.clamp(0.5, 1.5)).min(cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_the_documented_recipe() {
        // Python: hmac.new(b"whsec_test", b"1700000000." + body, "sha256").hexdigest()
        let body = br#"{"type":"message.created"}"#;
        let sig = signature("whsec_test", 1_700_000_000, body);
        let mut expected = b"1700000000.".to_vec();
        expected.extend_from_slice(body);
        assert_eq!(
            sig,
            format!(
                "t=1700000000,v1={}",
                hex::encode(hmac_sha256(b"whsec_test", &expected))
            )
        );
        assert_ne!(sig, signature("whsec_other", 1_700_000_000, body));
        assert_ne!(sig, signature("whsec_test", 1_700_000_001, body));
    }

    #[test]
    fn retries_double_from_a_second_up_to_ten_minutes() {
        let at = |n| retry_after(n, FIRST_RETRY, MAX_RETRY_GAP, 1.0);
        assert_eq!(at(1), Duration::from_secs(1));
        assert_eq!(at(2), Duration::from_secs(2));
        assert_eq!(at(5), Duration::from_secs(16));
        assert_eq!(at(11), Duration::from_secs(600));
        assert_eq!(at(400), Duration::from_secs(600));
        assert_eq!(
            retry_after(3, FIRST_RETRY, MAX_RETRY_GAP, 0.8),
            Duration::from_millis(3200)
        );
    }

    #[test]
    fn events_are_known_names_or_all() {
        assert_eq!(check_events(&["*".into()]).unwrap(), vec!["*"]);
        assert_eq!(
            check_events(&["message.created".into(), "*".into()]).unwrap(),
            vec!["*"]
        );
        assert_eq!(
            check_events(&["message.created".into(), "message.created".into()]).unwrap(),
            vec!["message.created"]
        );
        assert!(check_events(&[]).is_err());
        assert!(check_events(&["message.sent".into()]).is_err());
        assert!(wants(&["*".into()], "csat.submitted"));
        assert!(!wants(&["message.created".into()], "csat.submitted"));
    }
}
