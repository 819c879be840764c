//! Full-text search over every message: SQLite FTS5 and Postgres full text
//! behind one call, with the same filters and paging.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::StoreResult;
use crate::domain::{
    model::{Channel, SessionStatus},
    workspace::SearchResult,
};

/// A search, already parsed: `terms` are words (letters and digits only),
/// all of which a message must hold; the last may be a prefix.
#[derive(Debug, Clone, Default)]
pub struct SearchFilter {
    pub terms: Vec<String>,
    pub status: Option<SessionStatus>,
    pub agent_id: Option<Uuid>,
    pub tag: Option<String>,
    pub channel: Option<Channel>,
    /// Sessions created at or after.
    pub from: Option<DateTime<Utc>>,
    /// Sessions created before.
    pub to: Option<DateTime<Utc>>,
    pub limit: i64,
    /// After this session (its `created_at` and id), newest first.
    pub after: Option<(DateTime<Utc>, Uuid)>,
}

/// Past this many matching messages, walking the sessions newest first and
/// checking each is cheaper than collecting every matching session first
/// (over a million messages on SQLite: a word in 20% of them takes 48 ms
/// walked and 0.4 s collected; two words together in 0.35% take 1.8 s walked
/// and milliseconds collected). Both backends count up to it first.
pub const WALK_AFTER: i64 = 20_000;

/// The most matches shown per conversation.
pub const MATCHES_PER_SESSION: i64 = 3;

#[async_trait]
pub trait SearchStore: Send + Sync {
    /// Conversations with a matching message, newest first, each with its
    /// first few matches; a match's `snippet` is the message's whole text,
    /// as stored (the chat layer cuts and marks it).
    async fn search(&self, filter: &SearchFilter) -> StoreResult<Vec<SearchResult>>;
}
