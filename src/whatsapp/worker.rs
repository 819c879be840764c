//! Drains the WhatsApp outbound queue in order: sends, records Twilio's SID
//! (so an accepted message is never sent twice by us), retries 429 and 5xx
//! with backoff (honouring Retry-After), and gives up on refusals.

use std::{sync::Arc, time::Duration};

use super::{
    media::LinkSigner,
    sender::{SendError, WhatsAppSender, mask},
};
use crate::{
    chat::notify::{Notice, Notifier},
    domain::model::SenderType,
    store::{OutboundWhatsApp, Store, Wakeup},
};

const MAX_ATTEMPTS: i64 = 8;

pub struct OutboundWorker {
    pub store: Arc<dyn Store>,
    pub sender: Arc<dyn WhatsAppSender>,
    pub notifier: Arc<dyn Notifier>,
    /// Raised by the store after a commit that queued a WhatsApp message.
    pub wake: Wakeup,
    /// Where Twilio posts delivery statuses (from `PUBLIC_BASE_URL`).
    pub status_callback: Option<String>,
    /// `PUBLIC_BASE_URL` and the signer of attachment links: an agent's
    /// files go out as links Twilio fetches. Without them files are named
    /// in the text instead.
    pub media_links: Option<(String, LinkSigner)>,
}

impl OutboundWorker {
    pub async fn run(mut self, stop: impl std::future::Future<Output = ()>) {
        tokio::pin!(stop);
        let mut backoff = Duration::from_millis(250);
        loop {
            // A retry waits its full time (Retry-After); idling wakes on new messages.
            let (wait, wakeable) = match self.drain().await {
                Ok(None) => {
                    backoff = Duration::from_millis(250);
                    (Duration::from_secs(5), true)
                }
                Ok(Some(after)) => (after.unwrap_or(backoff), false),
                Err(e) => {
                    tracing::warn!(error = %e, "WhatsApp queue unavailable");
                    (backoff, false)
                }
            };
            if !wakeable {
                backoff = (backoff * 2).min(Duration::from_secs(60));
            }
            tokio::select! {
                _ = &mut stop => return,
                _ = self.wake.raised(), if wakeable => {}
                _ = tokio::time::sleep(wait) => {}
            }
        }
    }

    /// Sends what is queued; `Some(wait)` when a retryable failure stopped it
    /// (later messages wait, to keep the order the customer reads them in).
    async fn drain(&self) -> anyhow::Result<Option<Option<Duration>>> {
        loop {
            let batch = self.store.whatsapp_pending(20).await?;
            if batch.is_empty() {
                return Ok(None);
            }
            for item in batch {
                if let Some(wait) = self.send_one(item).await? {
                    return Ok(Some(wait));
                }
            }
        }
    }

    async fn send_one(&self, item: OutboundWhatsApp) -> anyhow::Result<Option<Option<Duration>>> {
        let m = &item.message;
        let mut body = match &m.sender_name {
            Some(name) if m.sender_type == SenderType::Agent => format!("{name}: {}", m.text),
            _ => m.text.clone(),
        };
        let files = m.attachments.as_deref().unwrap_or_default();
        let media: Vec<String> = match &self.media_links {
            Some((base, signer)) => files
                .iter()
                .filter(|a| !a.id.is_nil())
                .map(|a| signer.link(base, a.id, chrono::Utc::now()))
                .collect(),
            None => {
                for file in files {
                    body.push_str(&format!("\n[file: {}]", file.name));
                }
                Vec::new()
            }
        };
        match self
            .sender
            .send(&item.to, &body, &media, self.status_callback.as_deref())
            .await
        {
            Ok(sid) => {
                self.store.whatsapp_sent(m.id, &sid).await?;
                self.announce(m.session_id, m.id, "queued", None).await;
                Ok(None)
            }
            Err(SendError::Retry { after, reason }) if item.attempts + 1 < MAX_ATTEMPTS => {
                tracing::info!(to = %mask(&item.to), reason, "WhatsApp send will be retried");
                self.store.whatsapp_failed(m.id, &reason, false).await?;
                Ok(Some(after))
            }
            Err(SendError::Retry { reason, .. } | SendError::Reject { reason }) => {
                tracing::warn!(to = %mask(&item.to), reason, "WhatsApp send failed");
                self.store.whatsapp_failed(m.id, &reason, true).await?;
                self.announce(m.session_id, m.id, "failed", Some(reason))
                    .await;
                Ok(None)
            }
        }
    }

    async fn announce(
        &self,
        session_id: uuid::Uuid,
        message_id: uuid::Uuid,
        status: &str,
        error: Option<String>,
    ) {
        let event = Notice::DeliveryStatus {
            session_id,
            message_id,
            status: status.to_string(),
            error,
        };
        self.notifier.notify(event).await;
    }
}
