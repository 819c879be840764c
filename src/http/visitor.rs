//! The visitor side over HTTP (PROTOCOL.md Part 2, "Availability and the
//! offline path", and the widget settings): whether someone can answer,
//! and the settings behind it. Reading is open to anyone, from any origin
//! (the widget asks from the host page); changing is for admins.

use axum::{Json, extract::State};

use super::{
    extract::{Admin, ApiJson},
    openapi::{PublicRefusals, Refusals},
};
use crate::{
    domain::{
        hours::BusinessHours,
        settings::{Availability, WidgetSettings},
    },
    error::AppResult,
    state::AppState,
};

/// Whether someone can answer now, and when they will.
#[utoipa::path(get, path = "/api/availability", tag = "visitor",
    responses((status = 200, body = Availability), PublicRefusals))]
pub async fn availability(State(state): State<AppState>) -> AppResult<Json<Availability>> {
    Ok(Json(state.chat.availability().await?))
}

/// The widget's look and greeting: anyone, any origin.
#[utoipa::path(get, path = "/api/settings/widget", tag = "visitor",
    responses((status = 200, body = WidgetSettings), PublicRefusals))]
pub async fn widget(State(state): State<AppState>) -> AppResult<Json<WidgetSettings>> {
    Ok(Json(state.chat.widget_settings().await?))
}

/// Replaces the widget settings (the whole object): admins.
#[utoipa::path(put, path = "/api/settings/widget", tag = "visitor", security(("bearer" = [])),
    request_body = WidgetSettings, responses((status = 200, body = WidgetSettings), Refusals))]
pub async fn set_widget(
    State(state): State<AppState>,
    Admin(who): Admin,
    ApiJson(settings): ApiJson<WidgetSettings>,
) -> AppResult<Json<WidgetSettings>> {
    Ok(Json(
        state.chat.set_widget_settings(&who.user, settings).await?,
    ))
}

/// The team's business hours: anyone, any origin.
#[utoipa::path(get, path = "/api/settings/business-hours", tag = "visitor",
    responses((status = 200, body = BusinessHours), PublicRefusals))]
pub async fn business_hours(State(state): State<AppState>) -> AppResult<Json<BusinessHours>> {
    Ok(Json(state.chat.business_hours().await?))
}

/// Replaces the business hours (the whole object): admins.
#[utoipa::path(put, path = "/api/settings/business-hours", tag = "visitor", security(("bearer" = [])),
    request_body = BusinessHours, responses((status = 200, body = BusinessHours), Refusals))]
pub async fn set_business_hours(
    State(state): State<AppState>,
    Admin(who): Admin,
    ApiJson(hours): ApiJson<BusinessHours>,
) -> AppResult<Json<BusinessHours>> {
    Ok(Json(state.chat.set_business_hours(&who.user, hours).await?))
}
