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
}
