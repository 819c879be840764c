//! The visitor side over HTTP (PROTOCOL.md Part 2, "Availability and the
//! offline path", and the widget settings): whether someone can answer,
//! and the settings behind it. Reading is open to anyone, from any origin
//! (the widget asks from the host page); changing is for admins.

use axum::{Json, extract::State};

use super::extract::{Admin, ApiJson};
use crate::{
    domain::{
        hours::BusinessHours,
        settings::{Availability, WidgetSettings},
    },
    error::AppResult,
    state::AppState,
};

/// `GET /api/availability`.
pub async fn availability(State(state): State<AppState>) -> AppResult<Json<Availability>> {
    Ok(Json(state.chat.availability().await?))
}

/// `GET /api/settings/widget`.
pub async fn widget(State(state): State<AppState>) -> AppResult<Json<WidgetSettings>> {
    Ok(Json(state.chat.widget_settings().await?))
}

/// `PUT /api/settings/widget`: the whole object.
pub async fn set_widget(
    State(state): State<AppState>,
    Admin(who): Admin,
    ApiJson(settings): ApiJson<WidgetSettings>,
) -> AppResult<Json<WidgetSettings>> {
    Ok(Json(
        state.chat.set_widget_settings(&who.user, settings).await?,
    ))
}

/// `GET /api/settings/business-hours`.
pub async fn business_hours(State(state): State<AppState>) -> AppResult<Json<BusinessHours>> {
    Ok(Json(state.chat.business_hours().await?))
}

/// `PUT /api/settings/business-hours`: the whole object.
pub async fn set_business_hours(
    State(state): State<AppState>,
    Admin(who): Admin,
    ApiJson(hours): ApiJson<BusinessHours>,
) -> AppResult<Json<BusinessHours>> {
    Ok(Json(state.chat.set_business_hours(&who.user, hours).await?))
}
