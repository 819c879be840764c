//! The outbox's event types and the Kafka topics they go to, named once.
//!
//! Every change the store commits writes one or more of these, in the same
//! transaction (PROTOCOL.md, "Kafka"). Relays (Kafka, webhooks) read them
//! back as `{ type, version, id, occurredAt, data }` envelopes.

/// The topic an event goes to, before the configured prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    Sessions,
    Messages,
    Summaries,
}

impl Topic {
    pub const ALL: [Topic; 3] = [Topic::Sessions, Topic::Messages, Topic::Summaries];

    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Sessions => "sessions",
            Topic::Messages => "messages",
            Topic::Summaries => "summaries",
        }
    }
}

/// Every kind of outbox event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventType {
    SessionCreated,
    SessionStatusChanged,
    HandoffRequested,
    EndRequested,
    EndAccepted,
    EndDeclined,
    MessageCreated,
    SummaryReady,
    NoteCreated,
    SessionAssigned,
    SessionTransferred,
    SessionTagged,
    CsatSubmitted,
    ContactErased,
}

impl EventType {
    pub const ALL: [EventType; 14] = [
        EventType::SessionCreated,
        EventType::SessionStatusChanged,
        EventType::HandoffRequested,
        EventType::EndRequested,
        EventType::EndAccepted,
        EventType::EndDeclined,
        EventType::MessageCreated,
        EventType::SummaryReady,
        EventType::NoteCreated,
        EventType::SessionAssigned,
        EventType::SessionTransferred,
        EventType::SessionTagged,
        EventType::CsatSubmitted,
        EventType::ContactErased,
    ];

    /// The `type` of the envelope.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::SessionCreated => "session.created",
            EventType::SessionStatusChanged => "session.status_changed",
            EventType::HandoffRequested => "handoff.requested",
            EventType::EndRequested => "end.requested",
            EventType::EndAccepted => "end.accepted",
            EventType::EndDeclined => "end.declined",
            EventType::MessageCreated => "message.created",
            EventType::SummaryReady => "summary.ready",
            EventType::NoteCreated => "note.created",
            EventType::SessionAssigned => "session.assigned",
            EventType::SessionTransferred => "session.transferred",
            EventType::SessionTagged => "session.tagged",
            EventType::CsatSubmitted => "csat.submitted",
            EventType::ContactErased => "contact.erased",
        }
    }

    pub fn topic(self) -> Topic {
        match self {
            EventType::MessageCreated => Topic::Messages,
            EventType::SummaryReady => Topic::Summaries,
            _ => Topic::Sessions,
        }
    }

    pub fn parse(name: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_pick_their_topic() {
        for t in EventType::ALL {
            assert_eq!(EventType::parse(t.as_str()), Some(t));
        }
        assert_eq!(EventType::MessageCreated.topic(), Topic::Messages);
        assert_eq!(EventType::SummaryReady.topic(), Topic::Summaries);
        assert_eq!(EventType::EndRequested.topic(), Topic::Sessions);
        assert_eq!(EventType::parse("nope"), None);
    }
}
