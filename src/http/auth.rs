//! Login, logout, the current user, and the admin's agent accounts.

use std::net::SocketAddr;

use axum::{
    Json,
    extract::{ConnectInfo, State},
    http::StatusCode,
};
use serde::Deserialize;
use serde_json::{Value, json};

use super::extract::{Admin, ApiJson, Caller, IdPath, Staff};
use crate::{
    auth::StaffAccount,
    chat::staff::AgentPatch,
    domain::{console::action, model::Role},
    error::{AppError, AppResult},
    limits::login_key,
    state::AppState,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Login {
    email: String,
    password: String,
}

/// Limited per client IP, and with a growing delay after repeated failures
/// per address and per account and address (429 with Retry-After): the
/// guesser waits, the account's owner on another address does not.
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(body): ApiJson<Login>,
) -> AppResult<Json<Value>> {
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
            Ok(Json(json!({ "token": token, "user": user })))
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

pub async fn me(Caller(identity): Caller) -> Json<Value> {
    Json(json!({ "user": identity.user }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewAgent {
    email: String,
    password: String,
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

pub async fn create_agent(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ApiJson(body): ApiJson<NewAgent>,
) -> AppResult<(StatusCode, Json<Value>)> {
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
    Ok((StatusCode::CREATED, Json(json!({ "user": user }))))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewPassword {
    password: String,
}

/// `POST /api/agents/{id}/password`: admins; the person is signed out everywhere.
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
pub async fn list_agents(State(state): State<AppState>, Staff(_): Staff) -> AppResult<Json<Value>> {
    let agents = state.chat.team().await?;
    Ok(Json(json!({ "agents": agents })))
}

#[derive(Deserialize)]
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
pub async fn update_agent(
    State(state): State<AppState>,
    Admin(admin): Admin,
    IdPath(id): IdPath,
    ApiJson(body): ApiJson<AgentChanges>,
) -> AppResult<Json<Value>> {
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
    Ok(Json(json!({ "agent": agent })))
}
