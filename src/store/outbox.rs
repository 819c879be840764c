//! The outbox: the envelope of PROTOCOL.md ("Kafka"), written in the same
//! transaction as the change it records and read back by relays.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::StoreResult;
use crate::domain::events::{EventType, Topic};

/// A stored outbox row.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxEvent {
    pub id: i64,
    pub event_id: Uuid,
    pub topic: String,
    /// The Kafka key: the session id.
    pub key: String,
    /// The JSON envelope `{ type, version, id, occurredAt, data }`.
    pub payload: String,
    pub created_at: DateTime<Utc>,
}

/// An event about to be written.
pub(crate) struct NewEvent {
    pub event_id: Uuid,
    pub topic: Topic,
    pub key: String,
    pub payload: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Envelope<'a, T: Serialize> {
    #[serde(rename = "type")]
    event_type: &'a str,
    version: u32,
    id: Uuid,
    occurred_at: DateTime<Utc>,
    data: &'a T,
}

impl NewEvent {
    pub fn new<T: Serialize>(
        event_type: EventType,
        session_id: Uuid,
        at: DateTime<Utc>,
        data: &T,
    ) -> Self {
        let event_id = Uuid::now_v7();
        let envelope = Envelope {
            event_type: event_type.as_str(),
            version: 1,
            id: event_id,
            occurred_at: at,
            data,
        };
        NewEvent {
            event_id,
            topic: event_type.topic(),
            key: session_id.to_string(),
            payload: serde_json::to_string(&envelope).expect("event data serializes"),
        }
    }
}

/// A stand-in `seq` for an event whose message gets its `seq` from the
/// database in the same statement that writes the event (see `split_at_seq`).
pub(crate) const SEQ_HOLE: i64 = i64::MIN;

/// Splits a payload serialized with `"seq": SEQ_HOLE` around that number, so
/// SQL can write `prefix || seq || suffix`: the same bytes the event would
/// have had with the real `seq`. The stand-in is a JSON number, which user
/// text (always a quoted string) cannot contain unescaped.
pub(crate) fn split_at_seq(payload: &str) -> (&str, &str) {
    let hole = format!("\"seq\":{SEQ_HOLE}");
    let at = payload
        .find(&hole)
        .expect("the payload holds the seq stand-in")
        + hole.len()
        - SEQ_HOLE.to_string().len();
    (&payload[..at], &payload[at + SEQ_HOLE.to_string().len()..])
}

/// Events leased to one relay; `complete` marks the published ones and
/// releases the rest (dropping the lease releases everything).
#[async_trait]
pub trait OutboxLease: Send {
    fn events(&self) -> &[OutboxEvent];
    async fn complete(self: Box<Self>, published_ids: &[i64]) -> StoreResult<()>;
}

#[async_trait]
pub trait OutboxStore: Send + Sync {
    async fn pending_events(&self, limit: i64) -> StoreResult<Vec<OutboxEvent>>;
    async fn mark_published(&self, ids: &[i64]) -> StoreResult<()>;
    /// Takes unpublished events, oldest first, for one relay to publish. On
    /// Postgres a session's events are leased to one relay at a time, so
    /// several processes keep per-session order and never publish a row twice.
    async fn lease_outbox(&self, limit: i64) -> StoreResult<Box<dyn OutboxLease>>;
    async fn count_pending_events(&self) -> StoreResult<i64>;
    /// Deletes events published before `before`; returns how many.
    async fn prune_published(&self, before: DateTime<Utc>) -> StoreResult<u64>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_has_the_protocol_shape() {
        let session = Uuid::now_v7();
        let e = NewEvent::new(
            EventType::MessageCreated,
            session,
            Utc::now(),
            &serde_json::json!({"a": 1}),
        );
        assert_eq!(e.topic, Topic::Messages);
        assert_eq!(e.key, session.to_string());
        let v: serde_json::Value = serde_json::from_str(&e.payload).unwrap();
        assert_eq!(v["type"], "message.created");
        assert_eq!(v["version"], 1);
        assert_eq!(v["id"], e.event_id.to_string());
        assert_eq!(v["data"]["a"], 1);
        assert!(v["occurredAt"].is_string());
    }

    #[test]
    fn a_payload_split_at_the_seq_rebuilds_the_real_one() {
        let at = Utc::now();
        let session = Uuid::now_v7();
        let id = Uuid::now_v7();
        let data = |seq: i64| serde_json::json!({"id": id, "seq": seq, "text": "\"seq\":1 -9"});
        let real = NewEvent::new(EventType::MessageCreated, session, at, &data(42));
        let holed = NewEvent::new(EventType::MessageCreated, session, at, &data(SEQ_HOLE));
        let (prefix, suffix) = split_at_seq(&holed.payload);
        let rebuilt = format!("{prefix}42{suffix}");
        let (real, rebuilt): (serde_json::Value, serde_json::Value) = (
            serde_json::from_str(&real.payload).unwrap(),
            serde_json::from_str(&rebuilt).unwrap(),
        );
        assert_eq!(rebuilt["data"], real["data"]);
        assert_eq!(rebuilt["data"]["seq"], 42);
    }
}
