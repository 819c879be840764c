//! Login, logout, the current user, and the admin's agent accounts.

use std::net::SocketAddr;

use axum::{
    Json,
    extract::{ConnectInfo, State},
    http::StatusCode,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::{
    extract::{Admin, ApiJson, Caller, IdPath, Staff},
    openapi::{PublicRefusals, Refusals},
};
use crate::{
    auth::StaffAccount,
    chat::staff::AgentPatch,
    domain::{
        console::action,
        model::{Agent, Role, User},
    },
    error::{AppError, AppResult},
    limits::login_key,
    state::AppState,
};

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Login {
    #[schema(format = Email, max_length = 254)]
    email: String,
    #[schema(max_length = 256)]
    password: String,
}

/// A signed-in staff member: their bearer token and who they are.
#[derive(Serialize, ToSchema)]
pub struct SignedIn {
    pub token: String,
    pub user: User,
}

#[derive(Serialize, ToSchema)]
pub struct UserAnswer {
    user: User,
}

/// Limited per client IP, and with a growing delay after repeated failures
/// per address and per account and address (429 with Retry-After): the
/// guesser waits, the account's owner on another address does not.
#[utoipa::path(post, path = "/api/auth/login", tag = "auth", request_body = Login,
    responses((status = 200, body = SignedIn), (status = 401, description = "Wrong email or password",
        body = super::openapi::ErrorBody), PublicRefusals))]
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(body): ApiJson<Login>,
) -> AppResult<Json<SignedIn>> {
    let limits = &state.limits;
    let ip = peer.ip().to_string();
    limits
        .logins_per_ip
        .check(&ip)
        .map_err(AppError::rate_limited)?;
    let account = login_key(&body.email.trim().to_lowercase(), &ip);
    limits
        .failed_logins_per_ip
        .check(&ip)
        .and_then(|()| limits.logins.check(&account))
        .map_err(AppError::rate_limited)?;
    if body.email.len() > 254 || body.password.len() > 256 {
        return Err(AppError::unauthorized("wrong email or password"));
    }
    match state.auth.login(&body.email, &body.password).await {
        Ok((user, token)) => {
            limits.logins.succeeded(&account);
            tracing::info!(user.id = %user.id, "staff logged in");
            state
                .chat
                .audit(&user, action::LOGIN, None, Some(json!({ "address": ip })))
                .await;
            Ok(Json(SignedIn { token, user }))
        }
        Err(e) => {
            if e.code == crate::error::ErrorCode::Unauthorized {
                limits.logins.failed(&account);
                limits.failed_logins_per_ip.failed(&ip);
            }
            Err(e)
        }
    }
}

/// Revokes the token and disconnects the sockets that used it.
#[utoipa::path(post, path = "/api/auth/logout", tag = "auth", security(("bearer" = [])),
    responses((status = 204, description = "Signed out"), Refusals))]
pub async fn logout(
    State(state): State<AppState>,
    Caller(identity): Caller,
) -> AppResult<StatusCode> {
    state.auth.logout(&identity).await?;
    state.chat.agent_logged_out(&identity.user).await?;
    state
        .sockets
        .disconnect_token(identity.user.id, &identity.token_hash)
        .await;
    tracing::info!(user.id = %identity.user.id, "logged out");
    Ok(StatusCode::NO_CONTENT)
}

/// The caller.
#[utoipa::path(get, path = "/api/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = UserAnswer), Refusals))]
pub async fn me(Caller(identity): Caller) -> Json<UserAnswer> {
    Json(UserAnswer {
        user: identity.user,
    })
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewAgent {
    #[schema(format = Email, max_length = 254)]
    email: String,
    #[schema(min_length = 8, max_length = 256)]
    password: String,
    #[schema(min_length = 1, max_length = 80)]
    display_name: String,
    role: Option<String>,
    capacity: Option<i64>,
}

/// A staff role from the wire: agent, supervisor or admin.
pub(super) fn staff_role(role: &str) -> AppResult<Role> {
    match Role::parse(role) {
        Some(role) if role.is_staff() => Ok(role),
        _ => Err(AppError::invalid("role must be agent, supervisor or admin")),
    }
}

/// Creates a staff account with a password: admins.
#[utoipa::path(post, path = "/api/agents", tag = "auth", security(("bearer" = [])),
    request_body = NewAgent, responses((status = 201, body = UserAnswer), Refusals))]
pub async fn create_agent(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ApiJson(body): ApiJson<NewAgent>,
) -> AppResult<(StatusCode, Json<UserAnswer>)> {
    let role = body.role.as_deref().map_or(Ok(Role::Agent), staff_role)?;
    if let Some(capacity) = body.capacity {
        // Checked before the account exists, so a bad capacity creates nothing.
        crate::chat::staff::check_capacity(capacity)?;
    }
    let account = StaffAccount {
        email: body.email,
        password: body.password,
        display_name: body.display_name,
        role,
    };
    let user = state.auth.save_staff(account, false).await?;
    if body.capacity.is_some() {
        let patch = AgentPatch {
            capacity: body.capacity,
            ..AgentPatch::default()
        };
        state.chat.update_agent(&admin.user, user.id, patch).await?;
    }
    let detail =
        json!({ "displayName": user.display_name, "role": user.role, "capacity": body.capacity });
    state
        .chat
        .audit(
            &admin.user,
            action::AGENT_CREATED,
            Some(user.id.to_string()),
            Some(detail),
        )
        .await;
    Ok((StatusCode::CREATED, Json(UserAnswer { user })))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPassword {
    #[schema(min_length = 8, max_length = 256)]
    password: String,
}

/// Sets a staff member's password: admins; the person is signed out everywhere.
#[utoipa::path(post, path = "/api/agents/{id}/password", tag = "auth", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The staff member")), request_body = NewPassword,
    responses((status = 204, description = "Changed"), Refusals))]
pub async fn reset_password(
    State(state): State<AppState>,
    Admin(admin): Admin,
    IdPath(id): IdPath,
    ApiJson(body): ApiJson<NewPassword>,
) -> AppResult<StatusCode> {
    state
        .auth
        .reset_password(&admin.user, id, body.password)
        .await?;
    state.sockets.disconnect_user(id).await;
    state
        .chat
        .audit(
            &admin.user,
            action::PASSWORD_RESET,
            Some(id.to_string()),
            None,
        )
        .await;
    Ok(StatusCode::NO_CONTENT)
}

/// The team with status and load: admins, supervisors, and agents (who pick
/// a colleague to transfer a chat to).
#[utoipa::path(get, path = "/api/agents", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = AgentList), Refusals))]
pub async fn list_agents(
    State(state): State<AppState>,
    Staff(_staff): Staff,
) -> AppResult<Json<AgentList>> {
    let agents = state.chat.team().await?;
    Ok(Json(AgentList { agents }))
}

#[derive(Serialize, ToSchema)]
pub struct AgentList {
    agents: Vec<Agent>,
}

#[derive(Serialize, ToSchema)]
pub struct AgentAnswer {
    agent: Agent,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AgentChanges {
    display_name: Option<String>,
    role: Option<String>,
    capacity: Option<i64>,
    active: Option<bool>,
}

/// `PATCH /api/agents/{id}`: an admin renames, re-roles, resizes or
/// (de)activates a staff account. Deactivating revokes its tokens (they stop
/// authenticating), closes its sockets and requeues its chats.
#[utoipa::path(patch, path = "/api/agents/{id}", tag = "auth", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The staff member")), request_body = AgentChanges,
    responses((status = 200, body = AgentAnswer), Refusals))]
pub async fn update_agent(
    State(state): State<AppState>,
    Admin(admin): Admin,
    IdPath(id): IdPath,
    ApiJson(body): ApiJson<AgentChanges>,
) -> AppResult<Json<AgentAnswer>> {
    let detail = json!({
        "displayName": body.display_name, "role": body.role,
        "capacity": body.capacity, "active": body.active,
    });
    let patch = AgentPatch {
        display_name: body.display_name,
        role: body.role.as_deref().map(staff_role).transpose()?,
        capacity: body.capacity,
        active: body.active,
    };
    let agent = state.chat.update_agent(&admin.user, id, patch).await?;
    if !agent.active {
        state.sockets.disconnect_user(id).await;
    }
    tracing::info!(agent.id = %id, active = agent.active, "staff account changed");
    state
        .chat
        .audit(
            &admin.user,
            action::AGENT_UPDATED,
            Some(id.to_string()),
            Some(detail),
        )
        .await;
    Ok(Json(AgentAnswer { agent }))
}
