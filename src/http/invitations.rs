//! Invitations over HTTP: admins invite, list, resend and withdraw; the
//! person the link reaches looks it up and accepts it (no token: the link
//! is the credential, and both are rate limited per address like logins).

use std::net::SocketAddr;

use axum::{
    Json,
    extract::{ConnectInfo, State},
    http::{HeaderMap, StatusCode, header},
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::{
    auth::SignedIn,
    extract::{Admin, ApiJson, IdPath},
    openapi::{PublicRefusals, Refusals},
};
use crate::{
    auth::{InviteRequest, Invited, LinkMail},
    domain::{
        console::{Invitation, action},
        model::Role,
    },
    error::{AppError, AppResult},
    state::AppState,
};

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewInvitation {
    #[schema(format = Email, max_length = 254)]
    email: String,
    /// `agent` (the default), `supervisor` or `admin`.
    role: Option<String>,
    display_name: Option<String>,
    /// Chats at once; the team's default when absent.
    #[schema(minimum = 1, maximum = 50)]
    capacity: Option<i64>,
}

/// An invitation and its link (shown in this answer only).
#[derive(Serialize, ToSchema)]
pub struct InvitationSent {
    invitation: Invitation,
    /// The page that accepts it; send it yourself when `mailed` is false.
    link: String,
    /// Whether the server mails the link (`SMTP_URL` is set).
    mailed: bool,
}

impl From<Invited> for InvitationSent {
    fn from(i: Invited) -> Self {
        InvitationSent {
            invitation: i.invitation,
            link: i.link,
            mailed: i.mailed,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct InvitationList {
    invitations: Vec<Invitation>,
}

/// The server's address as the caller reached it, for the link: the
/// configured `PUBLIC_BASE_URL`, else the request's origin or host.
fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(base) = &state.config.public_base_url {
        return base.clone();
    }
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(origin) = text(header::ORIGIN).filter(|o| o.starts_with("http")) {
        return origin.to_string();
    }
    let scheme = text(header::HeaderName::from_static("x-forwarded-proto")).unwrap_or("http");
    let host = text(header::HOST).unwrap_or("localhost");
    format!("{scheme}://{host}")
}

fn link_mail<'a>(state: &AppState, base_url: &'a str) -> LinkMail<'a> {
    LinkMail {
        base_url,
        send: state.config.mail.smtp_url.is_some(),
    }
}

/// Invites a person by email: admins. A pending invitation for the same
/// email is replaced (its link stops working).
#[utoipa::path(post, path = "/api/invitations", tag = "invitations", security(("bearer" = [])),
    request_body = NewInvitation, responses((status = 201, body = InvitationSent), Refusals))]
pub async fn create(
    State(state): State<AppState>,
    Admin(who): Admin,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewInvitation>,
) -> AppResult<(StatusCode, Json<InvitationSent>)> {
    let role = body
        .role
        .as_deref()
        .map_or(Ok(Role::Agent), super::auth::staff_role)?;
    let request = InviteRequest {
        email: body.email,
        role,
        display_name: body.display_name,
        capacity: body.capacity,
    };
    let base = base_url(&state, &headers);
    let sent = state
        .auth
        .invite(&who.user, request, link_mail(&state, &base))
        .await?;
    let detail = json!({ "email": sent.invitation.email, "role": role, "mailed": sent.mailed });
    state
        .chat
        .audit(
            &who.user,
            action::INVITATION_SENT,
            Some(sent.invitation.id.to_string()),
            Some(detail),
        )
        .await;
    Ok((StatusCode::CREATED, Json(sent.into())))
}

/// The invitations not withdrawn, newest first: admins.
#[utoipa::path(get, path = "/api/invitations", tag = "invitations", security(("bearer" = [])),
    responses((status = 200, body = InvitationList), Refusals))]
pub async fn list(
    State(state): State<AppState>,
    Admin(who): Admin,
) -> AppResult<Json<InvitationList>> {
    let invitations = state.auth.invitations(&who.user).await?;
    Ok(Json(InvitationList { invitations }))
}

/// A new link for an invitation not yet accepted, mailed again: admins.
#[utoipa::path(post, path = "/api/invitations/{id}/resend", tag = "invitations", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The invitation")),
    responses((status = 200, body = InvitationSent), Refusals))]
pub async fn resend(
    State(state): State<AppState>,
    Admin(who): Admin,
    IdPath(id): IdPath,
    headers: HeaderMap,
) -> AppResult<Json<InvitationSent>> {
    let base = base_url(&state, &headers);
    let sent = state
        .auth
        .resend_invitation(&who.user, id, link_mail(&state, &base))
        .await?;
    let detail = json!({ "email": sent.invitation.email, "resent": true, "mailed": sent.mailed });
    state
        .chat
        .audit(
            &who.user,
            action::INVITATION_SENT,
            Some(id.to_string()),
            Some(detail),
        )
        .await;
    Ok(Json(sent.into()))
}

/// Withdraws an invitation (its link stops working): admins.
#[utoipa::path(delete, path = "/api/invitations/{id}", tag = "invitations", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The invitation")),
    responses((status = 204, description = "Withdrawn"), Refusals))]
pub async fn withdraw(
    State(state): State<AppState>,
    Admin(who): Admin,
    IdPath(id): IdPath,
) -> AppResult<StatusCode> {
    state.auth.withdraw_invitation(&who.user, id).await?;
    state
        .chat
        .audit(
            &who.user,
            action::INVITATION_WITHDRAWN,
            Some(id.to_string()),
            None,
        )
        .await;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkToken {
    /// The `token` of the link's fragment.
    token: String,
}

/// What the person following a link is invited to.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InvitationPreview {
    email: String,
    role: Role,
    display_name: Option<String>,
    expires_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct PreviewAnswer {
    invitation: InvitationPreview,
}

fn limited(state: &AppState, peer: SocketAddr) -> AppResult<()> {
    state
        .limits
        .logins_per_ip
        .check(&peer.ip().to_string())
        .map_err(AppError::rate_limited)
}

/// What a link invites to, while it can be accepted: anyone with the link.
#[utoipa::path(post, path = "/api/invitations/lookup", tag = "invitations",
    request_body = LinkToken, responses((status = 200, body = PreviewAnswer), PublicRefusals))]
pub async fn lookup(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(body): ApiJson<LinkToken>,
) -> AppResult<Json<PreviewAnswer>> {
    limited(&state, peer)?;
    let i = state.auth.invitation_for_link(&body.token).await?;
    Ok(Json(PreviewAnswer {
        invitation: InvitationPreview {
            email: i.email,
            role: i.role,
            display_name: i.display_name,
            expires_at: i.expires_at,
        },
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Acceptance {
    token: String,
    #[schema(min_length = 8, max_length = 256)]
    password: String,
    /// The invitation's, or the email's local part, when absent.
    display_name: Option<String>,
}

/// Makes the invited person's account and signs them in (the link works once).
#[utoipa::path(post, path = "/api/invitations/accept", tag = "invitations",
    request_body = Acceptance, responses((status = 201, body = SignedIn), PublicRefusals))]
pub async fn accept(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(body): ApiJson<Acceptance>,
) -> AppResult<(StatusCode, Json<SignedIn>)> {
    limited(&state, peer)?;
    if body.password.len() > 1024 {
        return Err(AppError::invalid("password must be at most 256 characters"));
    }
    let (user, token) = state
        .auth
        .accept_invitation(&body.token, body.password, body.display_name.as_deref())
        .await?;
    tracing::info!(user.id = %user.id, "invitation accepted");
    let detail = json!({ "role": user.role });
    state
        .chat
        .audit(
            &user,
            action::INVITATION_ACCEPTED,
            Some(user.id.to_string()),
            Some(detail),
        )
        .await;
    Ok((StatusCode::CREATED, Json(SignedIn { token, user })))
}
