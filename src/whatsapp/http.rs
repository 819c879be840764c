//! Twilio's webhooks: the signature is checked on the raw form before
//! anything else (403 and nothing stored when it is wrong); inbound messages
//! are answered with an empty `<Response/>` once stored, the bot works after.

use axum::{
    Router,
    body::Bytes,
    extract::{OriginalUri, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
    routing::post,
};

use super::{Inbound, StatusCallback, signature};
use crate::{
    error::{AppError, AppResult, ErrorCode},
    state::AppState,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/webhooks/twilio/whatsapp", post(inbound))
        .route("/twilio/whatsapp", post(inbound))
        .route("/webhooks/twilio/status", post(status))
}

async fn inbound(
    State(state): State<AppState>,
    uri: OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let params = verified(&state, &uri, &headers, &body)?;
    let message = Inbound::parse(&params)?;
    state.whatsapp.inbound(message).await?;
    Ok(twiml())
}

async fn status(
    State(state): State<AppState>,
    uri: OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let params = verified(&state, &uri, &headers, &body)?;
    state
        .whatsapp
        .status(StatusCallback::parse(&params)?)
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn twiml() -> Response {
    (
        [(header::CONTENT_TYPE, "text/xml")],
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>",
    )
        .into_response()
}

/// The form's parameters, once `X-Twilio-Signature` matches. Without
/// `TWILIO_AUTH_TOKEN` every webhook is refused, unless
/// `TWILIO_ALLOW_UNSIGNED=true` (local trials; start-up says which).
fn verified(
    state: &AppState,
    uri: &OriginalUri,
    headers: &HeaderMap,
    body: &[u8],
) -> AppResult<Vec<(String, String)>> {
    let params: Vec<(String, String)> = serde_urlencoded::from_bytes(body)
        .map_err(|_| AppError::invalid("the body must be a URL-encoded form"))?;
    let forbidden = || AppError::new(ErrorCode::Forbidden, "bad or missing X-Twilio-Signature");
    let Some(token) = state.config.twilio.auth_token.as_deref() else {
        return if state.config.twilio.allow_unsigned {
            Ok(params)
        } else {
            Err(AppError::new(
                ErrorCode::Forbidden,
                "webhooks are refused: no TWILIO_AUTH_TOKEN is configured",
            ))
        };
    };
    let signature = headers
        .get("x-twilio-signature")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(forbidden)?;
    let url = public_url(state, uri, headers);
    if signature::verify(token, &url, &params, signature) {
        Ok(params)
    } else {
        tracing::warn!(%url, "rejected a webhook with a bad Twilio signature");
        Err(forbidden())
    }
}

/// The URL Twilio called: `PUBLIC_BASE_URL` plus the path and query, or,
/// without it, what the Host header and `X-Forwarded-Proto` say.
fn public_url(state: &AppState, uri: &OriginalUri, headers: &HeaderMap) -> String {
    let path = uri
        .path_and_query()
        .map_or("/", axum::http::uri::PathAndQuery::as_str);
    match state.config.public_base_url.as_deref() {
        Some(base) => format!("{}{path}", base.trim_end_matches('/')),
        None => {
            let host = headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("localhost");
            let proto = headers
                .get("x-forwarded-proto")
                .and_then(|h| h.to_str().ok())
                .unwrap_or("http");
            format!("{proto}://{host}{path}")
        }
    }
}
