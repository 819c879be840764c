//! The settings operators change from the console (the widget, the business
//! hours), kept in the store and cached here: a node reads them again at
//! most every few seconds, so another node's change shows up quickly
//! without a read per request.

use std::{
    sync::Mutex,
    time::{Duration, Instant},
};

use super::{ChatService, rules};
use crate::{
    domain::{
        console::action,
        hours::{BusinessHours, Schedule},
        model::User,
        settings::WidgetSettings,
        validate,
    },
    error::{AppError, AppResult},
};

pub const WIDGET: &str = "widget";
pub const BUSINESS_HOURS: &str = "business_hours";
const FRESH_FOR: Duration = Duration::from_secs(3);

/// What a node last read.
#[derive(Default)]
pub(super) struct SettingsCache(Mutex<Option<Cached>>);

#[derive(Clone)]
struct Cached {
    read_at: Instant,
    widget: WidgetSettings,
    hours: BusinessHours,
    schedule: Schedule,
}

impl SettingsCache {
    fn fresh(&self) -> Option<Cached> {
        self.0
            .lock()
            .expect("not poisoned")
            .clone()
            .filter(|c| c.read_at.elapsed() < FRESH_FOR)
    }

    fn forget(&self) {
        *self.0.lock().expect("not poisoned") = None;
    }
}

impl ChatService {
    async fn settings(&self) -> AppResult<Cached> {
        if let Some(cached) = self.inner.settings.fresh() {
            return Ok(cached);
        }
        let store = &self.inner.store;
        let widget = match store.setting(WIDGET).await? {
            Some(v) => serde_json::from_value(v).unwrap_or_default(),
            None => WidgetSettings::default(),
        };
        let hours: BusinessHours = match store.setting(BUSINESS_HOURS).await? {
            Some(v) => serde_json::from_value(v).unwrap_or_default(),
            None => BusinessHours::default(),
        };
        let schedule = hours.schedule().unwrap_or_else(|e| {
            tracing::warn!(error = %e, "stored business hours are invalid; treating as always open");
            Schedule::always()
        });
        let cached = Cached {
            read_at: Instant::now(),
            widget,
            hours,
            schedule,
        };
        *self.inner.settings.0.lock().expect("not poisoned") = Some(cached.clone());
        Ok(cached)
    }

    pub async fn widget_settings(&self) -> AppResult<WidgetSettings> {
        Ok(self.settings().await?.widget)
    }

    pub async fn business_hours(&self) -> AppResult<BusinessHours> {
        Ok(self.settings().await?.hours)
    }

    pub(super) async fn schedule(&self) -> AppResult<Schedule> {
        Ok(self.settings().await?.schedule)
    }

    /// Admins only; the settings as stored.
    pub async fn set_widget_settings(
        &self,
        actor: &User,
        settings: WidgetSettings,
    ) -> AppResult<WidgetSettings> {
        rules::can_change_settings(actor)?;
        let settings = settings
            .checked(validate::site)
            .map_err(|e| AppError::invalid(e.0))?;
        self.inner
            .store
            .put_setting(
                WIDGET,
                &serde_json::to_value(&settings).expect("serializes"),
                actor.id,
            )
            .await?;
        self.inner.settings.forget();
        let detail = serde_json::to_value(&settings).ok();
        self.audit(actor, action::SETTINGS_WIDGET, None, detail)
            .await;
        Ok(settings)
    }

    /// Admins only; the hours as stored. Visitors hear the new availability.
    pub async fn set_business_hours(
        &self,
        actor: &User,
        hours: BusinessHours,
    ) -> AppResult<BusinessHours> {
        rules::can_change_settings(actor)?;
        hours.schedule().map_err(|e| AppError::invalid(e.0))?;
        self.inner
            .store
            .put_setting(
                BUSINESS_HOURS,
                &serde_json::to_value(&hours).expect("serializes"),
                actor.id,
            )
            .await?;
        self.inner.settings.forget();
        self.wake_availability();
        let detail = serde_json::to_value(&hours).ok();
        self.audit(actor, action::SETTINGS_HOURS, None, detail)
            .await;
        Ok(hours)
    }
}
