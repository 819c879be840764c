//! Outbox rows: the Kafka envelope of PROTOCOL.md, written in the same
//! transaction as the change it records and published later by a relay.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

/// The topic an event goes to, before the configured prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    Sessions,
    Messages,
    Summaries,
}

impl Topic {
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Sessions => "sessions",
            Topic::Messages => "messages",
            Topic::Summaries => "summaries",
        }
    }

    /// `message.*` to messages, `summary.*` to summaries, the rest to sessions.
    fn for_type(event_type: &str) -> Self {
        if event_type.starts_with("message.") {
            Topic::Messages
        } else if event_type.starts_with("summary.") {
            Topic::Summaries
        } else {
            Topic::Sessions
        }
    }
}

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
        event_type: &str,
        session_id: Uuid,
        at: DateTime<Utc>,
        data: &T,
    ) -> Self {
        let event_id = Uuid::now_v7();
        let envelope = Envelope {
            event_type,
            version: 1,
            id: event_id,
            occurred_at: at,
            data,
        };
        NewEvent {
            event_id,
            topic: Topic::for_type(event_type),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_has_the_protocol_shape() {
        let session = Uuid::now_v7();
        let e = NewEvent::new(
            "message.created",
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
        assert_eq!(Topic::for_type("summary.ready"), Topic::Summaries);
        assert_eq!(Topic::for_type("end.requested"), Topic::Sessions);
    }

    #[test]
    fn a_payload_split_at_the_seq_rebuilds_the_real_one() {
        let at = Utc::now();
        let session = Uuid::now_v7();
        let id = Uuid::now_v7();
        let data = |seq: i64| serde_json::json!({"id": id, "seq": seq, "text": "\"seq\":1 -9"});
        let real = NewEvent::new("message.created", session, at, &data(42));
        let holed = NewEvent::new("message.created", session, at, &data(SEQ_HOLE));
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
