//! Sending email: the queue in the store (`MailStore`) drained over SMTP by
//! `lettre`. A mail is marked sent only after the server took it; a failure
//! is retried with backoff (1 s doubling, at most 10 minutes apart) for 24
//! hours. Without `SMTP_URL` each mail is logged and marked skipped.

use std::{sync::Arc, time::Duration};

use chrono::Utc;
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
};
use tokio_util::sync::CancellationToken;

use crate::{
    config::MailConfig,
    store::{Mail, Store, Wakeup},
};

const GIVE_UP_AFTER: chrono::Duration = chrono::Duration::hours(24);
const MAX_BACKOFF_SECS: i64 = 600;

/// The SMTP side: `None` transport logs instead of sending.
#[derive(Clone)]
pub struct Mailer {
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Mailbox,
}

impl Mailer {
    pub fn from_config(config: &MailConfig) -> anyhow::Result<Mailer> {
        let transport = match &config.smtp_url {
            None => None,
            Some(url) => Some(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| anyhow::anyhow!("SMTP_URL: {e}"))?
                    .timeout(Some(Duration::from_secs(15)))
                    .build(),
            ),
        };
        Ok(Mailer {
            transport,
            from: config
                .from
                .parse()
                .map_err(|e| anyhow::anyhow!("SMTP_FROM: {e}"))?,
        })
    }

    pub fn configured(&self) -> bool {
        self.transport.is_some()
    }

    /// Sends one mail; `Ok(false)` when there is no SMTP server to send to.
    pub async fn send(&self, mail: &Mail) -> anyhow::Result<bool> {
        let Some(transport) = &self.transport else {
            tracing::info!(kind = %mail.kind, subject = %mail.subject, "SMTP_URL is not set; mail skipped");
            return Ok(false);
        };
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|e| anyhow::anyhow!("bad recipient: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&mail.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.clone())?;
        transport.send(message).await?;
        Ok(true)
    }
}

/// Drains the mail queue until `stop`: wakes when a mail is queued, and
/// every few seconds for retries.
pub async fn run(store: Arc<dyn Store>, mailer: Mailer, stop: CancellationToken) {
    let mut wake: Wakeup = store.signals().mail();
    loop {
        if let Err(e) = drain(&*store, &mailer).await {
            tracing::warn!(error = %e, "mail queue not read this round");
        }
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = wake.raised() => {}
            _ = tokio::time::sleep(Duration::from_secs(2)) => {}
        }
    }
}

async fn drain(store: &dyn Store, mailer: &Mailer) -> anyhow::Result<()> {
    loop {
        let due = store.due_mails(Utc::now(), 20).await?;
        if due.is_empty() {
            return Ok(());
        }
        for mail in &due {
            match mailer.send(mail).await {
                Ok(true) => store.mail_sent(mail.id).await?,
                Ok(false) => {
                    store
                        .mail_failed(mail.id, "skipped: SMTP_URL is not set", None)
                        .await?;
                }
                Err(e) => {
                    let error = format!("{e:#}");
                    let retry_at = (Utc::now() - mail.created_at < GIVE_UP_AFTER)
                        .then(|| Utc::now() + backoff(mail.attempts));
                    if retry_at.is_none() {
                        tracing::warn!(kind = %mail.kind, error, "mail given up after 24 hours");
                    } else {
                        tracing::debug!(kind = %mail.kind, error, "mail not sent; will retry");
                    }
                    store.mail_failed(mail.id, &error, retry_at).await?;
                }
            }
        }
    }
}

/// 1 s, 2 s, 4 s … at most 10 minutes.
fn backoff(attempts: i64) -> chrono::Duration {
    chrono::Duration::seconds((1_i64 << attempts.clamp(0, 10)).min(MAX_BACKOFF_SECS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_ten_minutes() {
        assert_eq!(backoff(0).num_seconds(), 1);
        assert_eq!(backoff(3).num_seconds(), 8);
        assert_eq!(backoff(30).num_seconds(), 600);
    }
}
