//! Request extractors: the bearer caller, and JSON bodies whose rejections
//! are JSON errors like every other.

use axum::{
    extract::{FromRequest, FromRequestParts, Request, rejection::JsonRejection},
    http::{StatusCode, header, request::Parts},
};
use serde::de::DeserializeOwned;

use crate::{
    auth::Identity,
    domain::model::Role,
    error::{AppError, ErrorCode},
    state::AppState,
};

/// The caller named by `Authorization: Bearer <token>`.
pub struct Caller(pub Identity);

impl FromRequestParts<AppState> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        Caller::from_headers(&parts.headers, state).await
    }
}

impl Caller {
    /// The caller of a request with these headers.
    pub async fn from_headers(
        headers: &axum::http::HeaderMap,
        state: &AppState,
    ) -> Result<Self, AppError> {
        let header = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| AppError::unauthorized("send Authorization: Bearer <token>"))?;
        let token = header
            .strip_prefix("Bearer ")
            .ok_or_else(|| AppError::unauthorized("send Authorization: Bearer <token>"))?;
        Ok(Caller(state.auth.authenticate(token).await?))
    }
}

/// An agent or admin caller.
pub struct Staff(pub Identity);

impl FromRequestParts<AppState> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Caller(identity) = Caller::from_request_parts(parts, state).await?;
        if !identity.user.role.is_staff() {
            return Err(AppError::forbidden("agents and admins only"));
        }
        Ok(Staff(identity))
    }
}

/// An admin caller.
pub struct Admin(pub Identity);

impl FromRequestParts<AppState> for Admin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Caller(identity) = Caller::from_request_parts(parts, state).await?;
        if identity.user.role != Role::Admin {
            return Err(AppError::forbidden("admins only"));
        }
        Ok(Admin(identity))
    }
}

/// `axum::Json`, with rejections as JSON `invalid` (400) or 413 errors.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(json_error(rejection)),
        }
    }
}

fn json_error(rejection: JsonRejection) -> AppError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return AppError::new(ErrorCode::PayloadTooLarge, "the request body is too large");
    }
    AppError::invalid(rejection.body_text())
}

/// The one `{id}` of a path, a UUID; anything else is `invalid` (400).
pub struct IdPath(pub uuid::Uuid);

impl<S: Send + Sync> FromRequestParts<S> for IdPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let axum::extract::Path(id) =
            axum::extract::Path::<String>::from_request_parts(parts, state)
                .await
                .map_err(|rejection| AppError::invalid(rejection.body_text()))?;
        uuid::Uuid::parse_str(&id)
            .map(IdPath)
            .map_err(|_| AppError::invalid("the id in the path must be a UUID"))
    }
}

/// `axum::extract::Query`, with rejections as JSON `invalid` errors.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(ApiQuery(value)),
            Err(rejection) => Err(AppError::invalid(rejection.body_text())),
        }
    }
}
