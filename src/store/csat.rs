//! The visitor's rating of a closed chat, and the WhatsApp question that asks for it.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::StoreResult;
use crate::domain::model::Session;

#[async_trait]
pub trait CsatStore: Send + Sync {
    /// Rates a closed session, once: `Conflict` when it is open or already
    /// rated. Writes `csat.submitted` with it.
    async fn rate(
        &self,
        session_id: Uuid,
        rating: i64,
        comment: Option<String>,
    ) -> StoreResult<Session>;
    /// The WhatsApp question was sent.
    async fn csat_asked(&self, session_id: Uuid) -> StoreResult<()>;
    /// The user's latest closed WhatsApp session asked for a rating after
    /// `since`, and when it was rated (`None`: a digit they send now answers it).
    async fn asked_for_rating(
        &self,
        user_id: Uuid,
        since: DateTime<Utc>,
    ) -> StoreResult<Option<(Uuid, Option<DateTime<Utc>>)>>;
}
