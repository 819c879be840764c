//! `AppError`: the one error a client sees, as an HTTP body or a Socket.IO ack.
//!
//! Each error has a stable `code` (PROTOCOL.md) and a message safe to show.
//! Internal causes are logged once, where the error becomes a response, and
//! never sent to clients.

use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Serialize;
use serde_json::{Value, json};

use crate::{domain::validate::Invalid, store::StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Unauthorized,
    Forbidden,
    NotFound,
    Invalid,
    Conflict,
    PayloadTooLarge,
    /// An upload whose type (sniffed from its bytes) is not accepted.
    UnsupportedType,
    RateLimited,
    Unavailable,
    Internal,
}

impl ErrorCode {
    pub fn status(self) -> StatusCode {
        match self {
            ErrorCode::Unauthorized => StatusCode::UNAUTHORIZED,
            ErrorCode::Forbidden => StatusCode::FORBIDDEN,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::Invalid => StatusCode::BAD_REQUEST,
            ErrorCode::Conflict => StatusCode::CONFLICT,
            ErrorCode::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::UnsupportedType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{code:?}: {message}")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    #[source]
    pub source: Option<anyhow::Error>,
    /// Seconds to wait, for `rate_limited` (sent as `Retry-After`).
    pub retry_after: Option<u64>,
}

pub type AppResult<T> = Result<T, AppError>;

/// Every error answer: `{ error: { code, message } }` (with `Retry-After`
/// on `rate_limited` and `unavailable`); an ack's `error` is the same
/// `ErrorDetail`.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    pub code: ErrorCode,
    /// What went wrong and what to do, for people.
    pub message: String,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError {
            code,
            message: message.into(),
            source: None,
            retry_after: None,
        }
    }
    pub fn rate_limited(wait: std::time::Duration) -> Self {
        let seconds = wait.as_secs_f64().ceil().max(1.0) as u64;
        AppError {
            retry_after: Some(seconds),
            ..Self::new(
                ErrorCode::RateLimited,
                format!("too many requests; try again in {seconds} s"),
            )
        }
    }
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Invalid, message)
    }
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Unauthorized, message)
    }
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Forbidden, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Conflict, message)
    }
    /// A service we depend on failed; the message says what to do.
    pub fn unavailable(message: impl Into<String>, source: anyhow::Error) -> Self {
        AppError {
            source: Some(source),
            retry_after: Some(2),
            ..Self::new(ErrorCode::Unavailable, message)
        }
    }
    pub fn internal(source: anyhow::Error) -> Self {
        AppError {
            code: ErrorCode::Internal,
            message: "internal error; it has been logged".into(),
            source: Some(source),
            retry_after: None,
        }
    }

    /// The `error` object of an ack or a response body.
    pub fn body(&self) -> Value {
        serde_json::to_value(self.detail()).unwrap_or(Value::Null)
    }

    fn detail(&self) -> ErrorDetail {
        ErrorDetail {
            code: self.code,
            message: self.message.clone(),
        }
    }

    /// Logs what the client will not see; called where the error leaves the server.
    pub fn log(&self) {
        match (&self.code, &self.source) {
            (ErrorCode::Internal | ErrorCode::Unavailable, Some(source)) => {
                tracing::error!(error = format!("{source:#}"), code = ?self.code, "request failed");
            }
            (ErrorCode::Internal | ErrorCode::Unavailable, None) => {
                tracing::error!(message = %self.message, code = ?self.code, "request failed");
            }
            _ => tracing::debug!(message = %self.message, code = ?self.code, "request refused"),
        }
    }

    /// The Socket.IO ack form: `{ ok: false, error: { code, message } }`.
    pub fn to_ack(&self) -> Value {
        self.log();
        json!({ "ok": false, "error": self.body() })
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::not_found("not found"),
            StoreError::Conflict(reason) => AppError::conflict(reason),
            StoreError::Unavailable(reason) => AppError {
                code: ErrorCode::Unavailable,
                message: "the database is unavailable; try again shortly".into(),
                source: Some(anyhow::anyhow!(reason)),
                retry_after: Some(2),
            },
            StoreError::Other(source) => AppError::internal(source),
        }
    }
}

impl From<Invalid> for AppError {
    fn from(e: Invalid) -> Self {
        AppError::invalid(e.0)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let body = ErrorBody {
            error: self.detail(),
        };
        let mut response = (self.code.status(), Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, seconds.into());
        }
        response
    }
}
