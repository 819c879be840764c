//! Outgoing webhooks, as the console manages them (admins only): create
//! (the secret shown once), list, change or pause, delete, and read the
//! delivery log; sending is the webhook sender's (`events::webhooks`).

use chrono::Utc;
use url::Url;
use uuid::Uuid;

use super::{
    ChatService,
    console::{page_cursor, parse_cursor},
    rules,
};
use crate::{
    domain::{
        model::User,
        webhooks::{Delivery, Webhook, check_events},
    },
    error::{AppError, AppResult},
    rag::ssrf::AddressPolicy,
    store::{NewWebhook, StoreError, WebhookPatch},
};

const MAX_URL_CHARS: usize = 2000;

/// A webhook's target, as asked for.
pub struct Target<'a> {
    pub url: &'a str,
    /// `WEBHOOK_ALLOW_PRIVATE`.
    pub allow_private: bool,
}

/// A target URL: http(s), a host, and no private or metadata address
/// unless they are allowed (a name is checked at every send too).
pub async fn check_target(target: Target<'_>) -> AppResult<String> {
    let bad = |why: &str| AppError::invalid(format!("url {why}"));
    if target.url.chars().count() > MAX_URL_CHARS {
        return Err(bad("is longer than 2000 characters"));
    }
    let url = Url::parse(target.url.trim()).map_err(|e| {
        bad(&format!(
            "is not a URL ({e}); e.g. https://crm.example.com/hooks/webchat"
        ))
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("must start with https:// (or http://)"));
    }
    let host = url
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| bad("has no host"))?;
    let policy = AddressPolicy::new(target.allow_private, "WEBHOOK_ALLOW_PRIVATE");
    let refused = |r: crate::rag::ssrf::Refused| AppError::invalid(format!("url: {r}"));
    policy.check_host(host).map_err(refused)?;
    if !target.allow_private {
        let port = url.port_or_known_default().unwrap_or(443);
        // a name that resolves only to private addresses is refused now;
        // one that does not resolve yet is checked at each send
        if let Ok(Ok(addrs)) = tokio::time::timeout(
            std::time::Duration::from_secs(3),
            tokio::net::lookup_host((host.trim_matches(['[', ']']), port)),
        )
        .await
        {
            let addrs: Vec<_> = addrs.collect();
            if !addrs.is_empty() && !addrs.iter().any(|a| policy.allows(a.ip())) {
                return Err(refused(
                    policy.refused(host, "it resolves only to non-public addresses"),
                ));
            }
        }
    }
    Ok(url.to_string())
}

/// Changes asked for, unchecked.
#[derive(Default)]
pub struct WebhookChanges {
    pub url: Option<String>,
    pub events: Option<Vec<String>>,
    pub active: Option<bool>,
}

fn missing(e: StoreError) -> AppError {
    match e {
        StoreError::NotFound => AppError::not_found("no such webhook"),
        other => other.into(),
    }
}

impl ChatService {
    /// A new webhook and its secret (returned this once).
    pub async fn create_webhook(
        &self,
        actor: &User,
        target: Target<'_>,
        events: &[String],
    ) -> AppResult<(Webhook, String)> {
        rules::can_administer(actor, "manage webhooks")?;
        let events = check_events(events)?;
        let url = check_target(target).await?;
        let secret = format!("whsec_{}", &crate::auth::new_token()[4..]);
        let new = NewWebhook {
            url,
            events,
            secret: secret.clone(),
            created_by: actor.id,
        };
        Ok((self.inner.store.create_webhook(new).await?, secret))
    }

    pub async fn webhooks(&self, actor: &User) -> AppResult<Vec<Webhook>> {
        rules::can_administer(actor, "manage webhooks")?;
        Ok(self.inner.store.webhooks().await?)
    }

    /// Changes the URL or events, or pauses (`active: false`: events wait)
    /// and resumes it.
    pub async fn update_webhook(
        &self,
        actor: &User,
        id: Uuid,
        changes: WebhookChanges,
        allow_private: bool,
    ) -> AppResult<Webhook> {
        rules::can_administer(actor, "manage webhooks")?;
        let url = match changes.url.as_deref() {
            Some(url) => Some(check_target(Target { url, allow_private }).await?),
            None => None,
        };
        let events = changes.events.as_deref().map(check_events).transpose()?;
        let patch = WebhookPatch {
            url,
            events,
            active: changes.active,
        };
        self.inner
            .store
            .update_webhook(id, patch)
            .await
            .map_err(missing)
    }

    pub async fn delete_webhook(&self, actor: &User, id: Uuid) -> AppResult<()> {
        rules::can_administer(actor, "manage webhooks")?;
        self.inner.store.delete_webhook(id).await.map_err(missing)
    }

    /// A webhook's delivery log, newest first, `cursor` from the last page.
    pub async fn webhook_deliveries(
        &self,
        actor: &User,
        id: Uuid,
        limit: Option<i64>,
        cursor: Option<&str>,
    ) -> AppResult<(Vec<Delivery>, Option<String>)> {
        rules::can_administer(actor, "manage webhooks")?;
        let limit = limit.unwrap_or(50);
        if !(1..=500).contains(&limit) {
            return Err(AppError::invalid("limit must be 1 to 500"));
        }
        if self.inner.store.webhook(id).await?.is_none() {
            return Err(AppError::not_found("no such webhook"));
        }
        let before = cursor.map(parse_cursor).transpose()?;
        let deliveries = self.inner.store.deliveries(id, before, limit).await?;
        let next = page_cursor(&deliveries, limit, |d| (d.created_at, d.id));
        Ok((deliveries, next))
    }

    /// Deliveries not made yet, over all webhooks (for `/metrics`).
    pub async fn webhook_backlog(&self) -> AppResult<i64> {
        Ok(self.inner.store.webhook_backlog().await?)
    }

    /// Sends a delivery again now (also one already delivered).
    pub async fn retry_delivery(&self, actor: &User, webhook: Uuid, id: Uuid) -> AppResult<()> {
        rules::can_administer(actor, "manage webhooks")?;
        self.inner
            .store
            .retry_delivery(webhook, id, Utc::now())
            .await
            .map_err(|e| match e {
                StoreError::NotFound => AppError::not_found("this webhook has no such delivery"),
                other => other.into(),
            })
    }
}
