//! Login, logout, the current user, and the admin's agent accounts.

use std::net::SocketAddr;

use axum::{
    Json,
    extract::{ConnectInfo, State},
    http::StatusCode,
};
use serde::Deserialize;
use serde_json::{Value, json};

use super::extract::{Admin, ApiJson, Caller};
use crate::{
    auth::StaffAccount,
    domain::model::Role,
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
}

pub async fn create_agent(
    State(state): State<AppState>,
    Admin(_): Admin,
    ApiJson(body): ApiJson<NewAgent>,
) -> AppResult<(StatusCode, Json<Value>)> {
    let role = match body.role.as_deref() {
        None | Some("agent") => Role::Agent,
        Some("admin") => Role::Admin,
        Some(_) => return Err(AppError::invalid("role must be agent or admin")),
    };
    let account = StaffAccount {
        email: body.email,
        password: body.password,
        display_name: body.display_name,
        role,
    };
    let user = state.auth.save_staff(account, false).await?;
    Ok((StatusCode::CREATED, Json(json!({ "user": user }))))
}

pub async fn list_agents(State(state): State<AppState>, Admin(_): Admin) -> AppResult<Json<Value>> {
    let agents = state.chat.team().await?;
    Ok(Json(json!({ "agents": agents })))
}
