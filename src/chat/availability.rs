//! Whether someone can answer now: online agents and the business hours,
//! with the wait a chat queued now can expect. Each node tells its own
//! visitors (`availability`) when the answer changes: woken by an agent's
//! status, a change of hours, or the clock.

use std::{sync::Mutex, time::Duration};

use chrono::{DateTime, Utc};
use tokio::sync::Notify;

use super::{
    ChatService,
    notify::Notice,
    waiting::{RECENT_WAITS, estimate_wait},
};
use crate::{domain::settings::Availability, error::AppResult};

/// How long an answer is reused (every visitor's `hello` asks).
const FRESH_FOR: Duration = Duration::from_secs(1);

#[derive(Default)]
pub(super) struct AvailabilityState {
    wake: Notify,
    /// What this node last told its visitors.
    told: Mutex<Option<Availability>>,
    /// The last answer and when it was worked out.
    last: Mutex<Option<(std::time::Instant, Availability)>>,
}

impl ChatService {
    /// Whether someone can answer now; an answer worked out within the last
    /// second is reused (a storm of visitors' `hello`s reads the team once).
    pub async fn availability(&self) -> AppResult<Availability> {
        let state = &self.inner.availability;
        if let Some((at, a)) = &*state.last.lock().expect("not poisoned")
            && at.elapsed() < FRESH_FOR
        {
            return Ok(a.clone());
        }
        let now = self.availability_at(Utc::now()).await?;
        *state.last.lock().expect("not poisoned") = Some((std::time::Instant::now(), now.clone()));
        Ok(now)
    }

    pub(super) async fn availability_at(&self, now: DateTime<Utc>) -> AppResult<Availability> {
        let schedule = self.schedule().await?;
        let within = schedule.is_open(now);
        let agents_online = self.online_agents().await?;
        let online = within && agents_online > 0;
        let estimated_wait_secs = if online {
            let queued = self.inner.store.queue_length().await?;
            let waits = self.inner.store.recent_waits(now, RECENT_WAITS).await?;
            estimate_wait(queued + 1, &waits, agents_online)
        } else {
            None
        };
        Ok(Availability {
            online,
            agents_online,
            within_business_hours: within,
            next_open_at: schedule.next_open(now),
            estimated_wait_secs,
        })
    }

    /// Something that may change availability happened (an agent's status,
    /// the hours).
    pub(super) fn wake_availability(&self) {
        *self.inner.availability.last.lock().expect("not poisoned") = None;
        self.inner.availability.wake.notify_one();
    }

    /// Waits until availability may have changed, or `timeout`.
    pub async fn availability_woken(&self, timeout: Duration) {
        let _ = tokio::time::timeout(timeout, self.inner.availability.wake.notified()).await;
    }

    /// Tells this node's visitors when the answer changed since it last did.
    pub async fn announce_availability(&self) -> AppResult<()> {
        let now = self.availability().await?;
        let changed = {
            let mut told = self.inner.availability.told.lock().expect("not poisoned");
            let changed = told.as_ref() != Some(&now);
            *told = Some(now.clone());
            changed
        };
        if changed {
            self.notify(Notice::Availability(now)).await;
        }
        Ok(())
    }
}
