//! Issues, checks and revokes tokens; logs staff in; creates accounts.

use std::{sync::Arc, time::Duration};

use chrono::Utc;

use super::{Passwords, hash_token, new_token, token::looks_like_token};
use crate::{
    domain::{
        console::ApiToken,
        model::{Role, User},
        validate,
    },
    error::{AppError, AppResult},
    store::{NewUser, Store, StoreError},
};

/// How long an API token lasts (revoke it to end it sooner).
const API_TOKEN_DAYS: i64 = 3650;

/// Who is calling: the token's user, and the token's hash (for logout).
#[derive(Debug, Clone)]
pub struct Identity {
    pub user: User,
    pub token_hash: String,
    pub expires_at: chrono::DateTime<Utc>,
}

#[derive(Clone)]
pub struct AuthService {
    pub(super) store: Arc<dyn Store>,
    user_ttl: Duration,
    staff_ttl: Duration,
    pub(super) passwords: Passwords,
}

impl AuthService {
    pub fn new(store: Arc<dyn Store>, user_ttl: Duration, staff_ttl: Duration) -> Self {
        AuthService {
            store,
            user_ttl,
            staff_ttl,
            passwords: Passwords::default(),
        }
    }

    /// Issues a new token for the user (visitors' last longer than staff's);
    /// returns it with its expiry.
    pub async fn issue_token(&self, user: &User) -> AppResult<(String, chrono::DateTime<Utc>)> {
        let ttl = if user.role.is_staff() {
            self.staff_ttl
        } else {
            self.user_ttl
        };
        let ttl = chrono::Duration::from_std(ttl).map_err(|e| AppError::internal(e.into()))?;
        let token = new_token();
        let expires = Utc::now() + ttl;
        self.store
            .insert_token(&hash_token(&token), user.id, expires)
            .await?;
        Ok((token, expires))
    }

    /// The identity behind a token; `unauthorized` when unknown, expired or revoked.
    pub async fn authenticate(&self, token: &str) -> AppResult<Identity> {
        let token = token.strip_prefix("Bearer ").unwrap_or(token).trim();
        if !looks_like_token(token) {
            return Err(AppError::unauthorized(
                "token invalid or expired; sign in again",
            ));
        }
        let token_hash = hash_token(token);
        match self.store.user_by_token(&token_hash, Utc::now()).await? {
            Some((user, expires_at)) => Ok(Identity {
                user,
                token_hash,
                expires_at,
            }),
            None => Err(AppError::unauthorized(
                "token invalid or expired; sign in again",
            )),
        }
    }

    /// A new anonymous visitor and its token.
    pub async fn register_visitor(&self, display_name: &str) -> AppResult<(Identity, String)> {
        let display_name = validate::display_name(display_name)?;
        let user = self
            .store
            .create_user(NewUser {
                role: Role::User,
                display_name,
                email: None,
                password_hash: None,
                external_id: None,
            })
            .await?;
        self.sign_in_visitor(user).await
    }

    /// A new token for a visitor already known (a verified customer on
    /// another device).
    pub async fn sign_in_visitor(&self, user: User) -> AppResult<(Identity, String)> {
        let (token, expires_at) = self.issue_token(&user).await?;
        let identity = Identity {
            user,
            token_hash: hash_token(&token),
            expires_at,
        };
        Ok((identity, token))
    }

    /// Email and password to a staff token. The same error (and about the same
    /// time) whether the email or the password was wrong.
    pub async fn login(&self, email: &str, password: &str) -> AppResult<(User, String)> {
        let found = self.store.credentials(email.trim()).await?;
        let Some((user, hash)) = found else {
            // Spend the time a real check takes, so timing tells nothing.
            let _ = self
                .passwords
                .verify(password.to_string(), DUMMY_HASH.to_string())
                .await;
            return Err(AppError::unauthorized("wrong email or password"));
        };
        if !self.passwords.verify(password.to_string(), hash).await {
            return Err(AppError::unauthorized("wrong email or password"));
        }
        let (token, _) = self.issue_token(&user).await?;
        Ok((user, token))
    }

    /// A long-lived token for scripts, acting with `role` (admins only); the
    /// secret is returned once and stored only as its hash.
    pub async fn create_api_token(
        &self,
        actor: &User,
        name: &str,
        role: Role,
    ) -> AppResult<(String, ApiToken)> {
        if actor.role != Role::Admin {
            return Err(AppError::forbidden("only admins create API tokens"));
        }
        if !role.is_staff() {
            return Err(AppError::invalid("role must be agent, supervisor or admin"));
        }
        let name = validate::display_name(name)?;
        let token = new_token();
        let expires = Utc::now() + chrono::Duration::days(API_TOKEN_DAYS);
        let created = self
            .store
            .create_api_token(&name, role, &hash_token(&token), expires, actor.id)
            .await?;
        Ok((token, created))
    }

    /// Admins only; the user the token acted as (its sockets must close).
    pub async fn revoke_api_token(&self, actor: &User, id: uuid::Uuid) -> AppResult<uuid::Uuid> {
        if actor.role != Role::Admin {
            return Err(AppError::forbidden("only admins revoke API tokens"));
        }
        self.store.revoke_api_token(id).await.map_err(|e| match e {
            StoreError::NotFound => AppError::not_found("no such API token"),
            other => other.into(),
        })
    }

    pub async fn api_tokens(&self, actor: &User) -> AppResult<Vec<ApiToken>> {
        if actor.role != Role::Admin {
            return Err(AppError::forbidden("only admins list API tokens"));
        }
        Ok(self.store.api_tokens().await?)
    }

    /// An admin sets a staff member's password; they are signed out everywhere.
    pub async fn reset_password(
        &self,
        actor: &User,
        id: uuid::Uuid,
        password: String,
    ) -> AppResult<()> {
        if actor.role != Role::Admin {
            return Err(AppError::forbidden("only admins reset passwords"));
        }
        validate::password(&password)?;
        let hash = self
            .passwords
            .hash(password)
            .await
            .map_err(AppError::internal)?;
        self.store
            .set_password(id, &hash)
            .await
            .map_err(|e| match e {
                StoreError::NotFound => AppError::not_found("no such staff member"),
                other => other.into(),
            })
    }

    pub async fn logout(&self, identity: &Identity) -> AppResult<()> {
        self.store.revoke_token(&identity.token_hash).await?;
        Ok(())
    }

    /// Creates (or, with `upsert`, updates) an agent or admin account.
    pub async fn save_staff(&self, account: StaffAccount, upsert: bool) -> AppResult<User> {
        let email = validate::email(&account.email)?;
        let display_name = validate::display_name(&account.display_name)?;
        validate::password(&account.password)?;
        if !account.role.is_staff() {
            return Err(AppError::invalid("role must be agent or admin"));
        }
        let hash = self
            .passwords
            .hash(account.password)
            .await
            .map_err(AppError::internal)?;
        let new = NewUser {
            role: account.role,
            display_name,
            email: Some(email),
            password_hash: Some(hash),
            external_id: None,
        };
        let saved = if upsert {
            self.store.upsert_staff(new).await
        } else {
            self.store.create_user(new).await
        };
        saved.map_err(|e| match e {
            StoreError::Conflict(_) => {
                AppError::conflict("an account with this email already exists")
            }
            other => other.into(),
        })
    }

    /// Makes sure an admin can log in: the configured one (created or updated),
    /// or, when none is configured and the store has none, one with a random
    /// password that is returned to be shown once.
    pub async fn bootstrap_admin(
        &self,
        email: Option<&str>,
        password: Option<&str>,
    ) -> AppResult<Option<(String, String)>> {
        let email = email.unwrap_or("admin@webchat.local").to_string();
        if let Some(password) = password {
            let account = StaffAccount {
                email,
                password: password.to_string(),
                display_name: "Admin".into(),
                role: Role::Admin,
            };
            self.save_staff(account, true).await?;
            return Ok(None);
        }
        if self.store.count_admins().await? > 0 {
            return Ok(None);
        }
        let password = new_token()[4..24].to_string();
        let account = StaffAccount {
            email: email.clone(),
            password: password.clone(),
            display_name: "Admin".into(),
            role: Role::Admin,
        };
        self.save_staff(account, true).await?;
        Ok(Some((email, password)))
    }
}

/// A staff account to create.
pub struct StaffAccount {
    pub email: String,
    pub password: String,
    pub display_name: String,
    pub role: Role,
}

/// A valid argon2id hash of a random string, verified against when the email
/// is unknown so that both failures take about as long.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0DjJVoRK5bEqYJ29VPX3JGjuJGYA5rGxDtFYpVJ2S+g";
