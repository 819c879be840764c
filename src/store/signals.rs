//! `Signals`: the store's word, after a commit, that it wrote rows a relay
//! waits for (outbox events for Kafka and webhooks, outbound WhatsApp
//! messages for their sender, mails for the mailer). A waiter never misses a raise that happened
//! while it was busy.

use tokio::sync::watch;

pub struct Signals {
    outbox: watch::Sender<u64>,
    outbound: watch::Sender<u64>,
    mail: watch::Sender<u64>,
}

impl Default for Signals {
    fn default() -> Self {
        Signals {
            outbox: watch::channel(0).0,
            outbound: watch::channel(0).0,
            mail: watch::channel(0).0,
        }
    }
}

impl Signals {
    pub(crate) fn outbox_written(&self) {
        self.outbox.send_modify(|n| *n = n.wrapping_add(1));
    }

    pub(crate) fn mail_written(&self) {
        self.mail.send_modify(|n| *n = n.wrapping_add(1));
    }

    pub(crate) fn outbound_written(&self) {
        self.outbound.send_modify(|n| *n = n.wrapping_add(1));
    }

    /// After a commit that wrote outbox events and, with `outbound`, queued
    /// WhatsApp messages.
    pub(crate) fn written(&self, outbound: bool) {
        self.outbox_written();
        if outbound {
            self.outbound_written();
        }
    }

    /// Wakes after each commit that wrote outbox events.
    pub fn outbox(&self) -> Wakeup {
        Wakeup(self.outbox.subscribe())
    }

    /// Wakes after each commit that queued mails.
    pub fn mail(&self) -> Wakeup {
        Wakeup(self.mail.subscribe())
    }

    /// Wakes after each commit that queued WhatsApp messages.
    pub fn outbound(&self) -> Wakeup {
        Wakeup(self.outbound.subscribe())
    }
}

/// One waiter's end of a signal.
pub struct Wakeup(watch::Receiver<u64>);

impl Wakeup {
    /// Returns once the signal was raised since the last call (at once if it
    /// already was).
    pub async fn raised(&mut self) {
        if self.0.changed().await.is_err() {
            // The store is gone: nothing will ever be written again.
            std::future::pending::<()>().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_raise_while_busy_is_not_lost() {
        let signals = Signals::default();
        let mut wake = signals.outbox();
        signals.outbox_written();
        tokio::time::timeout(std::time::Duration::from_secs(1), wake.raised())
            .await
            .expect("woke for the earlier raise");
        let waited =
            tokio::time::timeout(std::time::Duration::from_millis(20), wake.raised()).await;
        assert!(waited.is_err(), "no raise, no wake");
    }
}
