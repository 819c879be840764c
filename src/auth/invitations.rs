//! Inviting people by email: an admin names the email and role, the person
//! gets a link (a random token, stored only as its hash, good for 7 days
//! and one use) and makes their own password. The invitation and its mail
//! are committed together; the account and the invitation's acceptance too.

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use super::{AuthService, hash_token, new_token};
use crate::{
    chat::rules,
    domain::{
        console::{INVITATION_DAYS, Invitation, InvitationStatus},
        model::{Role, User},
        validate,
    },
    error::{AppError, AppResult},
    store::{MailKind, NewInvitation, NewMail, StoreError},
};

/// Who is invited, as the admin asked.
pub struct InviteRequest {
    pub email: String,
    pub role: Role,
    pub display_name: Option<String>,
    pub capacity: Option<i64>,
}

/// Where the link goes and whether it is mailed.
pub struct LinkMail<'a> {
    /// The server's address as people reach it, e.g. `https://chat.example.com`.
    pub base_url: &'a str,
    /// Mail is configured (`SMTP_URL`): queue the link's mail.
    pub send: bool,
}

/// An invitation and its link, shown once.
pub struct Invited {
    pub invitation: Invitation,
    pub link: String,
    pub mailed: bool,
}

const NOT_VALID: &str = "this invitation link is not valid any more (used, withdrawn or replaced): \
    ask whoever invited you for a new one";

impl AuthService {
    /// Admins invite a person; a pending invitation for the same email is replaced.
    pub async fn invite(
        &self,
        actor: &User,
        request: InviteRequest,
        link: LinkMail<'_>,
    ) -> AppResult<Invited> {
        rules::can_administer(actor, "invite people")?;
        let email = validate::email(&request.email)?;
        let display_name = request
            .display_name
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .map(validate::display_name)
            .transpose()?;
        if let Some(capacity) = request.capacity {
            crate::chat::staff::check_capacity(capacity)?;
        }
        if !request.role.is_staff() {
            return Err(AppError::invalid("role must be agent, supervisor or admin"));
        }
        let (token, expires_at) = fresh_link();
        let url = accept_url(link.base_url, &token);
        let mail = link
            .send
            .then(|| invitation_mail(&email, request.role, actor, &url, expires_at));
        let new = NewInvitation {
            email,
            role: request.role,
            display_name,
            capacity: request.capacity,
            token_hash: hash_token(&token),
            invited_by: actor.id,
            expires_at,
            mail,
        };
        let invitation = self.store.create_invitation(new).await?;
        Ok(Invited {
            invitation,
            link: url,
            mailed: link.send,
        })
    }

    pub async fn invitations(&self, actor: &User) -> AppResult<Vec<Invitation>> {
        rules::can_administer(actor, "list invitations")?;
        Ok(self.store.invitations(500).await?)
    }

    /// A new link (the old one stops working), mailed again.
    pub async fn resend_invitation(
        &self,
        actor: &User,
        id: Uuid,
        link: LinkMail<'_>,
    ) -> AppResult<Invited> {
        rules::can_administer(actor, "resend invitations")?;
        let current = self
            .store
            .invitation(id)
            .await?
            .ok_or_else(|| AppError::not_found("no such invitation"))?;
        let (token, expires_at) = fresh_link();
        let url = accept_url(link.base_url, &token);
        let mail = link
            .send
            .then(|| invitation_mail(&current.email, current.role, actor, &url, expires_at));
        let invitation = self
            .store
            .renew_invitation(id, &hash_token(&token), expires_at, mail)
            .await
            .map_err(|e| match e {
                StoreError::NotFound => AppError::not_found("no such invitation"),
                other => other.into(),
            })?;
        Ok(Invited {
            invitation,
            link: url,
            mailed: link.send,
        })
    }

    pub async fn withdraw_invitation(&self, actor: &User, id: Uuid) -> AppResult<()> {
        rules::can_administer(actor, "withdraw invitations")?;
        self.store
            .withdraw_invitation(id)
            .await
            .map_err(|e| match e {
                StoreError::NotFound => AppError::not_found("no such invitation to withdraw"),
                other => other.into(),
            })
    }

    /// The invitation a link names, while it can be accepted (anyone with the link).
    pub async fn invitation_for_link(&self, token: &str) -> AppResult<Invitation> {
        let invitation = self
            .store
            .invitation_by_token(&hash_token(token.trim()))
            .await?
            .ok_or_else(|| AppError::not_found(NOT_VALID))?;
        match invitation.status {
            InvitationStatus::Pending => Ok(invitation),
            InvitationStatus::Accepted => Err(AppError::not_found(NOT_VALID)),
            InvitationStatus::Expired => Err(AppError::not_found(format!(
                "this invitation expired on {}: ask whoever invited you for a new one",
                invitation.expires_at.format("%Y-%m-%d")
            ))),
        }
    }

    /// Makes the invited person's account and signs them in: their user and token.
    pub async fn accept_invitation(
        &self,
        token: &str,
        password: String,
        display_name: Option<&str>,
    ) -> AppResult<(User, String)> {
        let invitation = self.invitation_for_link(token).await?;
        let fallback = invitation
            .display_name
            .clone()
            .unwrap_or_else(|| local_part(&invitation.email));
        let name = validate::display_name(display_name.unwrap_or(&fallback))?;
        validate::password(&password)?;
        let hash = self
            .passwords
            .hash(password)
            .await
            .map_err(AppError::internal)?;
        let user = self
            .store
            .accept_invitation(&hash_token(token.trim()), &name, &hash, Utc::now())
            .await
            .map_err(|e| match e {
                StoreError::NotFound => AppError::not_found(NOT_VALID),
                StoreError::Conflict(_) => {
                    AppError::conflict("someone already has an account with this email")
                }
                other => other.into(),
            })?;
        let (token, _) = self.issue_token(&user).await?;
        Ok((user, token))
    }
}

fn fresh_link() -> (String, DateTime<Utc>) {
    (new_token(), Utc::now() + Duration::days(INVITATION_DAYS))
}

/// The page that accepts it; the token rides in the fragment, which
/// browsers never send, so it stays out of every log.
fn accept_url(base_url: &str, token: &str) -> String {
    format!(
        "{}/agent/invite#token={token}",
        base_url.trim_end_matches('/')
    )
}

fn local_part(email: &str) -> String {
    email.split('@').next().unwrap_or(email).to_string()
}

fn invitation_mail(
    to: &str,
    role: Role,
    by: &User,
    url: &str,
    expires_at: DateTime<Utc>,
) -> NewMail {
    let as_role = match role {
        Role::Admin => "an admin",
        Role::Supervisor => "a supervisor",
        _ => "an agent",
    };
    NewMail {
        kind: MailKind::Invitation,
        session_id: None,
        to: to.to_string(),
        subject: format!("{} invited you to answer chats on Webchat", by.display_name),
        body: format!(
            "{} invited you to join the support team on Webchat as {as_role}.\n\n\
             Choose your password and sign in here (the link works once, until {}):\n{url}\n\n\
             If you were not expecting this, you can ignore this mail.\n",
            by.display_name,
            expires_at.format("%Y-%m-%d %H:%M UTC"),
        ),
    }
}
