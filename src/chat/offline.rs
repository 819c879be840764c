//! The offline path's mail: the team hears about a conversation waiting
//! for an email answer (`OFFLINE_NOTIFY_EMAIL`), and agents' replies reach
//! visitors who are not connected, batched at most once a minute. Both are
//! decided from stored state by a scan any node may run: the mail is queued
//! in the transaction that marks the session, so each goes once.

use std::{future::Future, time::Duration};

use chrono::Utc;
use uuid::Uuid;

use super::{ChatService, service::MAX_HISTORY};
use crate::{
    domain::{
        locale::Phrase,
        model::{Message, SenderType, Session},
    },
    error::AppResult,
    store::{MailKind, NewMail},
};

/// A visitor who has not left an email yet: the team is told after this.
const QUIET_FOR: chrono::Duration = chrono::Duration::seconds(60);
/// A reply waits this long (the visitor may be reconnecting) before it is mailed.
const SETTLE: chrono::Duration = chrono::Duration::seconds(3);
/// Replies after the first are mailed at most this often.
const BATCH: chrono::Duration = chrono::Duration::seconds(60);
/// Sessions quiet for longer are not scanned for replies.
const ACTIVE_WITHIN: chrono::Duration = chrono::Duration::days(7);

/// How often the scans run.
pub const SCAN_EVERY: Duration = Duration::from_secs(2);

impl ChatService {
    /// Queues the team's notice for each offline conversation not yet told
    /// (once the visitor left an email, or after a minute). How many.
    pub async fn tell_team_offline(&self) -> AppResult<usize> {
        let due = self
            .inner
            .store
            .offline_notices_due(Utc::now() - QUIET_FOR)
            .await?;
        let mut told = 0;
        for session_id in due {
            let mail = match &self.inner.offline_notify {
                Some(to) => Some(self.offline_notice(session_id, to).await?),
                None => None,
            };
            told += usize::from(self.inner.store.team_told(session_id, mail).await?);
        }
        Ok(told)
    }

    async fn offline_notice(&self, session_id: Uuid, to: &str) -> AppResult<NewMail> {
        let session = self.session(session_id).await?;
        let contact = self.inner.store.contact(session.user_id).await?;
        let messages = self
            .inner
            .store
            .messages_after(session_id, 0, MAX_HISTORY)
            .await?;
        let email = contact.email.as_deref().unwrap_or("(not given yet)");
        let mut body = format!(
            "{} is waiting for an answer by email.\n\nEmail: {email}\nStarted: {}\n",
            session.user_display_name,
            session.created_at.format("%Y-%m-%d %H:%M UTC"),
        );
        if let Some(page) = &session.page {
            body.push_str(&format!("Page: {}\n", page.url));
        }
        if let Some(base) = &self.inner.public_base_url {
            body.push_str(&format!("Answer in the agent app: {base}/agent/\n"));
        }
        body.push_str("\nThe conversation so far:\n\n");
        body.push_str(&transcript_text(&messages));
        Ok(NewMail {
            kind: MailKind::OfflineNotice,
            session_id: Some(session_id),
            to: to.to_string(),
            subject: format!("Offline message from {}", session.user_display_name),
            body,
        })
    }

    /// Mails agents' replies to visitors with none of their sockets
    /// connected (`connected`: across every node), the first within seconds
    /// and later ones at most once a minute; replies a connected visitor
    /// saw live are marked seen. How many mails it queued.
    pub async fn mail_replies<F, Fut>(&self, connected: F) -> AppResult<usize>
    where
        F: Fn(Uuid) -> Fut,
        Fut: Future<Output = bool>,
    {
        let now = Utc::now();
        let due = self
            .inner
            .store
            .replies_due(now - SETTLE, now - ACTIVE_WITHIN)
            .await?;
        let mut queued = 0;
        for d in due {
            let connected = connected(d.user_id).await;
            // not yet: the last mail went less than a minute ago
            if !connected && d.mailed_at.is_some_and(|at| at > now - BATCH) {
                continue;
            }
            let session = self.session(d.session_id).await?;
            let later = self
                .inner
                .store
                .messages_after(d.session_id, d.mailed_seq, MAX_HISTORY)
                .await?;
            let upto = later.last().map_or(d.mailed_seq, |m| m.seq);
            let mail = if connected {
                None
            } else {
                self.reply_mail(&session, &later).await?
            };
            let sent = mail.is_some();
            if self
                .inner
                .store
                .replies_mailed(d.session_id, d.mailed_seq, upto, mail)
                .await?
            {
                queued += usize::from(sent);
            }
        }
        Ok(queued)
    }

    async fn reply_mail(&self, session: &Session, later: &[Message]) -> AppResult<Option<NewMail>> {
        let contact = self.inner.store.contact(session.user_id).await?;
        let Some(to) = contact.email else {
            return Ok(None);
        };
        let replies: Vec<&Message> = later
            .iter()
            .filter(|m| m.sender_type == SenderType::Agent)
            .collect();
        if replies.is_empty() {
            return Ok(None);
        }
        let locale = session.locale.unwrap_or_default();
        let title = self.widget_settings().await?.title;
        let mut body = String::new();
        for m in &replies {
            body.push_str(&message_line(m));
        }
        let link = session
            .page
            .as_ref()
            .map(|p| p.url.clone())
            .or_else(|| self.inner.public_base_url.as_ref().map(|b| format!("{b}/")));
        if let Some(url) = link {
            body.push_str(&format!(
                "\n{}\n",
                Phrase::ContinueAt { url: &url }.text(locale)
            ));
        }
        Ok(Some(NewMail {
            kind: MailKind::Reply,
            session_id: Some(session.id),
            to,
            subject: Phrase::ReplySubject { title: &title }.text(locale),
            body,
        }))
    }
}

/// One message as a line of a plain-text transcript.
pub(super) fn message_line(m: &Message) -> String {
    let who = m
        .sender_name
        .clone()
        .unwrap_or_else(|| match m.sender_type {
            SenderType::Bot => "Bot".into(),
            SenderType::System => "Webchat".into(),
            SenderType::Agent => "Agent".into(),
            SenderType::User => "You".into(),
        });
    let mut line = format!(
        "[{}] {who}: {}\n",
        m.created_at.format("%Y-%m-%d %H:%M"),
        m.text
    );
    for a in m.attachments.iter().flatten() {
        line.push_str(&format!("    (file: {})\n", a.name));
    }
    line
}

pub(super) fn transcript_text(messages: &[Message]) -> String {
    messages.iter().map(message_line).collect()
}
