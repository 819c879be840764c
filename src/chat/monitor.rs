//! What operators read: the database's health, the outbox backlog, the
//! counters, and the admin monitor's first view.

use std::collections::HashMap;

use serde::Serialize;

use super::ChatService;
use crate::{
    domain::model::{Session, Stats, Summary},
    error::AppResult,
    store::{SessionFilter, StoreResult},
};

/// How many recent sessions (and summaries) the admin monitor starts with.
const BOOTSTRAP_SESSIONS: i64 = 500;

/// A session in the monitor, with its summary once written.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, optional_fields)]
pub struct MonitoredSession {
    #[serde(flatten)]
    pub session: Session,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Summary>,
}

/// `admin:bootstrap`: recent sessions, their summaries, and the counters.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AdminBootstrap {
    pub sessions: Vec<MonitoredSession>,
    pub stats: Stats,
    pub summaries: Vec<Summary>,
}

impl ChatService {
    /// Answers when the database does.
    pub async fn ping(&self) -> StoreResult<()> {
        self.inner.store.ping().await
    }

    /// "sqlite" or "postgres".
    pub fn backend(&self) -> &'static str {
        self.inner.store.backend()
    }

    /// Events committed but not yet published.
    pub async fn outbox_backlog(&self) -> AppResult<i64> {
        Ok(self.inner.store.count_pending_events().await?)
    }

    pub async fn stats(&self) -> AppResult<Stats> {
        Ok(self.inner.store.stats(chrono::Utc::now()).await?)
    }

    pub async fn admin_bootstrap(&self) -> AppResult<AdminBootstrap> {
        let store = &self.inner.store;
        let sessions = store
            .list_sessions(SessionFilter {
                status: None,
                limit: BOOTSTRAP_SESSIONS,
            })
            .await?;
        let mut by_session: HashMap<_, _> = store
            .recent_summaries(BOOTSTRAP_SESSIONS)
            .await?
            .into_iter()
            .map(|s| (s.session_id, s))
            .collect();
        let summaries = by_session.values().cloned().collect();
        let sessions = sessions
            .into_iter()
            .map(|session| MonitoredSession {
                summary: by_session.remove(&session.id),
                session,
            })
            .collect();
        Ok(AdminBootstrap {
            sessions,
            stats: self.stats().await?,
            summaries,
        })
    }
}
