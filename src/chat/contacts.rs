//! Contacts and what the workspace keeps on a chat: who the visitor is
//! (and, for a signed-in customer, the HMAC that proves it), where they are,
//! and the conversation's tags.

use uuid::Uuid;

use super::{ChatService, notify::Notice, rules};
use crate::{
    domain::{
        locale::Locale,
        model::{Session, User, VisitorPage},
        validate::{self, workspace as check},
        workspace::Contact,
    },
    error::{AppError, AppResult},
    store::{Identity, StoreError},
};

/// The most of a contact's sessions the side panel lists.
const CONTACT_SESSIONS: i64 = 50;

/// A signed-in customer as the host page presents them (`hello.identity`).
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct IdentityClaim {
    pub external_id: String,
    pub email: Option<String>,
    pub name: Option<String>,
    /// Hex HMAC-SHA256 of `external_id` under `IDENTITY_SECRET`.
    pub hash: String,
}

impl ChatService {
    /// A contact and their sessions, newest first (staff).
    pub async fn contact(&self, actor: &User, id: Uuid) -> AppResult<(Contact, Vec<Session>)> {
        rules::can_use_workspace(actor)?;
        let store = &self.inner.store;
        let contact = store.contact(id).await.map_err(|e| match e {
            StoreError::NotFound => AppError::not_found("no such contact"),
            other => other.into(),
        })?;
        let sessions = store.contact_sessions(id, CONTACT_SESSIONS).await?;
        Ok((contact, sessions))
    }

    /// The one user of a signed-in customer: the hash must be the HMAC of
    /// their id under `IDENTITY_SECRET`, or the claim is refused.
    pub async fn identify(&self, claim: IdentityClaim) -> AppResult<User> {
        let Some(secret) = &self.inner.identity_secret else {
            return Err(AppError::unauthorized(
                "identity is not enabled here (the server has no IDENTITY_SECRET)",
            ));
        };
        let external_id = claim.external_id.trim();
        if external_id.is_empty() || external_id.len() > 200 {
            return Err(AppError::invalid(
                "identity.externalId must be 1 to 200 characters",
            ));
        }
        if !hash_matches(secret.as_bytes(), external_id, &claim.hash) {
            return Err(AppError::unauthorized("the identity's hash does not match"));
        }
        let display_name = claim
            .name
            .as_deref()
            .map(validate::display_name)
            .transpose()?;
        let email = claim.email.as_deref().map(validate::email).transpose()?;
        Ok(self
            .inner
            .store
            .identify(Identity {
                external_id: external_id.to_string(),
                display_name,
                email,
            })
            .await?)
    }

    /// Marks a returning visitor seen.
    pub async fn seen(&self, user: &User) {
        if let Err(e) = self.inner.store.touch_contact(user.id).await {
            tracing::debug!(error = %e, "could not mark the contact seen");
        }
    }

    /// The visitor's language (`hello { locale }`), for the system messages
    /// and mails written to them.
    pub async fn set_locale(&self, user: &User, locale: Locale) -> AppResult<()> {
        Ok(self
            .inner
            .store
            .set_locale(user.id, locale.as_str())
            .await?)
    }

    /// `contact:update`: the session's visitor leaves an address or a name.
    pub async fn update_contact(
        &self,
        actor: &User,
        session_id: Uuid,
        email: Option<&str>,
        display_name: Option<&str>,
    ) -> AppResult<Contact> {
        let session = self
            .session(session_id)
            .await
            .map_err(rules::hide_missing)?;
        rules::can_act_as_visitor(actor, &session)?;
        let email = email.map(validate::email).transpose()?;
        let display_name = display_name.map(validate::display_name).transpose()?;
        Ok(self
            .inner
            .store
            .update_contact(actor.id, email, display_name)
            .await?)
    }

    /// `visitor:page`: where the session's visitor is; the agent on it sees
    /// it at once.
    pub async fn set_page(
        &self,
        actor: &User,
        session_id: Uuid,
        url: &str,
        title: Option<&str>,
        referrer: Option<&str>,
    ) -> AppResult<Session> {
        let session = self
            .session(session_id)
            .await
            .map_err(rules::hide_missing)?;
        rules::can_act_as_visitor(actor, &session)?;
        let page = VisitorPage {
            url: check::page_url(url, "url")?,
            title: title.and_then(check::page_title),
            referrer: match referrer.map(str::trim) {
                None | Some("") => None,
                Some(r) => Some(check::page_url(r, "referrer")?),
            },
        };
        if session.page.as_ref() == Some(&page) {
            return Ok(session);
        }
        let session = self.inner.store.set_page(session_id, page).await?;
        self.notify(Notice::SessionUpdate(session.clone())).await;
        Ok(session)
    }

    /// Replaces a conversation's tags (the agent on it, supervisors, admins).
    pub async fn set_tags(
        &self,
        actor: &User,
        session_id: Uuid,
        tags: &[String],
    ) -> AppResult<Session> {
        let session = self
            .session(session_id)
            .await
            .map_err(rules::hide_missing)?;
        rules::can_tag(actor, &session)?;
        let tags = check::tags(tags)?;
        let session = self.inner.store.set_tags(session_id, tags).await?;
        self.notify(Notice::SessionUpdate(session.clone())).await;
        Ok(session)
    }
}

/// Whether `hash` is the hex HMAC-SHA256 of `id` under `secret`, compared in
/// constant time.
pub fn hash_matches(secret: &[u8], id: &str, hash: &str) -> bool {
    crate::domain::signing::hmac_sha256_matches(secret, id.as_bytes(), hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_the_hmac_of_the_id() {
        // printf 'cust-42' | openssl dgst -sha256 -hmac 'a-secret-of-16-chars'
        let secret = b"a-secret-of-16-chars";
        let good = hex::encode(crate::domain::signing::hmac_sha256(secret, b"cust-42"));
        assert!(hash_matches(secret, "cust-42", &good));
        assert!(hash_matches(secret, "cust-42", &good.to_uppercase()));
        assert!(!hash_matches(secret, "cust-43", &good));
        assert!(!hash_matches(b"another-secret-16", "cust-42", &good));
        assert!(!hash_matches(secret, "cust-42", "zz"));
        assert!(!hash_matches(secret, "cust-42", &good[..10]));
    }
}
