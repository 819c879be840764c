//! The team's canned responses: managed by supervisors and admins, read by
//! every agent, and filled in by the server when sent.

use uuid::Uuid;

use super::{ChatService, rules};
use crate::{
    domain::{
        model::{Session, User},
        validate::workspace::{canned_text, shortcut, title},
        workspace::CannedResponse,
    },
    error::{AppError, AppResult},
    store::{CannedDraft, StoreError},
};

/// A canned response as the console sends it, unchecked.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CannedInput {
    pub shortcut: String,
    pub title: String,
    pub text: String,
}

impl CannedInput {
    fn check(&self) -> AppResult<CannedDraft> {
        Ok(CannedDraft {
            shortcut: shortcut(&self.shortcut)?,
            title: title(&self.title)?,
            text: canned_text(&self.text)?,
        })
    }
}

impl ChatService {
    pub async fn canned_responses(&self, actor: &User) -> AppResult<Vec<CannedResponse>> {
        rules::can_use_workspace(actor)?;
        Ok(self.inner.store.canned_responses().await?)
    }

    pub async fn add_canned(&self, actor: &User, input: CannedInput) -> AppResult<CannedResponse> {
        rules::can_manage_canned(actor)?;
        Ok(self
            .inner
            .store
            .add_canned(input.check()?, actor.id)
            .await?)
    }

    pub async fn update_canned(
        &self,
        actor: &User,
        id: Uuid,
        input: CannedInput,
    ) -> AppResult<CannedResponse> {
        rules::can_manage_canned(actor)?;
        let draft = input.check()?;
        self.inner
            .store
            .update_canned(id, draft, actor.id)
            .await
            .map_err(missing)
    }

    pub async fn delete_canned(&self, actor: &User, id: Uuid) -> AppResult<()> {
        rules::can_manage_canned(actor)?;
        self.inner.store.delete_canned(id).await.map_err(missing)
    }

    /// The response's text for this chat, its variables filled in from the
    /// visitor's contact and the sending agent.
    pub(super) async fn canned_text(
        &self,
        actor: &User,
        session: &Session,
        id: Uuid,
    ) -> AppResult<String> {
        rules::can_use_workspace(actor)?;
        let canned = self
            .inner
            .store
            .canned_response(id)
            .await
            .map_err(missing)?;
        let email = if canned.text.contains("visitor.email") {
            let contact = self.inner.store.contact(session.user_id).await.ok();
            contact.and_then(|c| c.email)
        } else {
            None
        };
        let filled = fill(
            &canned.text,
            &session.user_display_name,
            email.as_deref(),
            &actor.display_name,
        );
        Ok(crate::domain::validate::message_text(&filled)?)
    }
}

/// Replaces `{{visitor.name}}`, `{{visitor.email}}` and `{{agent.name}}`
/// (spaces inside the braces allowed); an unknown email becomes "your email
/// address" so the sentence still reads.
pub fn fill(template: &str, visitor: &str, email: Option<&str>, agent: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            out.push_str(&rest[open..]);
            return out;
        };
        match after[..close].trim() {
            "visitor.name" => out.push_str(visitor),
            "visitor.email" => out.push_str(email.unwrap_or("your email address")),
            "agent.name" => out.push_str(agent),
            other => {
                out.push_str("{{");
                out.push_str(other);
                out.push_str("}}");
            }
        }
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    out
}

fn missing(e: StoreError) -> AppError {
    match e {
        StoreError::NotFound => AppError::not_found("no such canned response"),
        other => other.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_are_filled() {
        let text = "Hi {{visitor.name}}, {{ agent.name }} here. We wrote to {{visitor.email}}.";
        assert_eq!(
            fill(text, "Ada", Some("ada@example.com"), "Bob"),
            "Hi Ada, Bob here. We wrote to ada@example.com."
        );
        assert_eq!(
            fill("Mail {{visitor.email}}", "Ada", None, "Bob"),
            "Mail your email address"
        );
        assert_eq!(fill("{{visitor.name", "Ada", None, "Bob"), "{{visitor.name");
    }
}
