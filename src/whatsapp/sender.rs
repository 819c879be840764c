//! Sending through Twilio's Messages API (base URL configurable, so tests
//! use a local stand-in speaking the same wire format).

use std::time::Duration;

use async_trait::async_trait;
use serde::Deserialize;

use crate::config::TwilioConfig;

#[derive(Debug, Clone, PartialEq)]
pub enum SendError {
    /// Worth retrying (429, 5xx, network): after `after` when Twilio said so.
    Retry {
        after: Option<Duration>,
        reason: String,
    },
    /// Twilio refused the message; retrying will not help.
    Reject { reason: String },
}

#[async_trait]
pub trait WhatsAppSender: Send + Sync + 'static {
    /// Sends `body` (and the files at `media`, links Twilio fetches) to `to`
    /// (`whatsapp:+…`); Twilio's message SID on success.
    async fn send(
        &self,
        to: &str,
        body: &str,
        media: &[String],
        status_callback: Option<&str>,
    ) -> Result<String, SendError>;
}

pub struct TwilioSender {
    http: reqwest::Client,
    url: String,
    account_sid: String,
    auth_token: String,
    from: String,
}

#[derive(Deserialize)]
struct Created {
    sid: String,
}

#[derive(Deserialize)]
struct TwilioError {
    code: Option<i64>,
    message: Option<String>,
}

impl TwilioSender {
    /// `None` without credentials and a sender number.
    pub fn from_config(config: &TwilioConfig) -> Option<TwilioSender> {
        let account_sid = config.account_sid.clone()?;
        let auth_token = config.auth_token.clone()?;
        let from = config.whatsapp_from.clone()?;
        let from = if from.starts_with("whatsapp:") {
            from
        } else {
            format!("whatsapp:{from}")
        };
        let base = config.api_base.trim_end_matches('/');
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(15))
            .connect_timeout(Duration::from_secs(5))
            .build()
            .expect("http client");
        Some(TwilioSender {
            http,
            url: format!("{base}/2010-04-01/Accounts/{account_sid}/Messages.json"),
            account_sid,
            auth_token,
            from,
        })
    }
}

#[async_trait]
impl WhatsAppSender for TwilioSender {
    async fn send(
        &self,
        to: &str,
        body: &str,
        media: &[String],
        status_callback: Option<&str>,
    ) -> Result<String, SendError> {
        let mut form = vec![("From", self.from.as_str()), ("To", to), ("Body", body)];
        form.extend(media.iter().map(|url| ("MediaUrl", url.as_str())));
        if let Some(callback) = status_callback {
            form.push(("StatusCallback", callback));
        }
        let response = self
            .http
            .post(&self.url)
            .basic_auth(&self.account_sid, Some(&self.auth_token))
            .form(&form)
            .send()
            .await
            .map_err(|e| SendError::Retry {
                after: None,
                reason: format!("network: {e}"),
            })?;
        let status = response.status();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(|s| Duration::from_secs(s.min(300)));
        if status.is_success() {
            let created: Created = response.json().await.map_err(|e| SendError::Reject {
                reason: format!("unreadable answer from Twilio: {e}"),
            })?;
            return Ok(created.sid);
        }
        let error: Option<TwilioError> = response.json().await.ok();
        let reason = match &error {
            Some(TwilioError {
                code: Some(code),
                message,
            }) => {
                format!(
                    "{code}: {}",
                    message.as_deref().unwrap_or("rejected by Twilio")
                )
            }
            _ => format!("Twilio answered {status}"),
        };
        if status.as_u16() == 429 || status.is_server_error() {
            Err(SendError::Retry {
                after: retry_after,
                reason,
            })
        } else {
            Err(SendError::Reject { reason })
        }
    }
}

/// Used without Twilio credentials: every send is skipped (and logged).
pub struct SkippingSender;

#[async_trait]
impl WhatsAppSender for SkippingSender {
    async fn send(
        &self,
        to: &str,
        _body: &str,
        _media: &[String],
        _callback: Option<&str>,
    ) -> Result<String, SendError> {
        tracing::warn!(to = %mask(to), "WhatsApp send skipped: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_WHATSAPP_FROM");
        Err(SendError::Reject {
            reason: "not sent: Twilio is not configured".into(),
        })
    }
}

/// A number for logs: only its last four digits.
pub fn mask(number: &str) -> String {
    let digits = number.trim_start_matches("whatsapp:");
    format!("…{}", &digits[digits.len().saturating_sub(4)..])
}
