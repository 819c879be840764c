//! What the chat service announces after a commit (`Notice`), and the one
//! `Notifier` seam through which the transports hear it (Socket.IO rooms and
//! `/admin`). Relays of the outbox (Kafka, the WhatsApp sender) do not listen
//! here: the store's `Signals` wake them after the commit itself.

use std::sync::Mutex;

use async_trait::async_trait;
use uuid::Uuid;

use crate::domain::{
    model::{Agent, EndedBy, Message, Note, QueueItem, SenderType, Session, Stats, Summary, User},
    settings::Availability,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum QueueRemoveReason {
    Claimed,
    /// Routed to an agent automatically.
    Assigned,
    Closed,
}

/// Why an agent lost a chat (`session:unassigned`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum UnassignReason {
    Transferred,
    AgentOffline,
    Deactivated,
}

/// One committed change, typed; the realtime layer picks rooms and event names.
#[derive(Debug, Clone)]
pub enum Notice {
    /// Every socket of `user_id` joins the session's room.
    JoinRoom {
        user_id: Uuid,
        session_id: Uuid,
    },
    /// Every socket of `user_id` leaves the session's room.
    LeaveRoom {
        user_id: Uuid,
        session_id: Uuid,
    },
    MessageNew(Message),
    /// The next piece of a bot answer being written (`message:delta`); the
    /// committed `MessageNew` with `client_msg_id == stream_id` follows.
    MessageDelta {
        session_id: Uuid,
        stream_id: String,
        delta: String,
    },
    SessionUpdate(Session),
    QueueNew(QueueItem),
    QueueRemove {
        session_id: Uuid,
        reason: QueueRemoveReason,
    },
    HandoffAccepted {
        session_id: Uuid,
        agent: User,
    },
    EndRequested {
        session_id: Uuid,
        request_id: Uuid,
        requested_by: EndedBy,
    },
    EndDeclined {
        session_id: Uuid,
    },
    SessionClosed {
        session_id: Uuid,
        ended_by: EndedBy,
        summary: Option<Summary>,
    },
    SummaryReady(Summary),
    /// Relayed to the session's other side (not to `from_user`'s sockets).
    Typing {
        session_id: Uuid,
        from_user: Uuid,
        sender_type: SenderType,
        is_typing: bool,
    },
    Read {
        session_id: Uuid,
        from_user: Uuid,
        seq: i64,
        reader_type: SenderType,
    },
    /// A private note: to the chat's agent, to supervisors and to `/admin`,
    /// never to the visitor.
    NoteNew {
        note: Note,
        agent_id: Option<Uuid>,
    },
    /// A chat was routed or handed to `agent_id` (`session:assigned`).
    Assigned {
        agent_id: Uuid,
        session: Session,
        messages: Vec<Message>,
        note: Option<Note>,
        from: Option<User>,
    },
    /// `agent_id` no longer has the chat (`session:unassigned`).
    Unassigned {
        agent_id: Uuid,
        session_id: Uuid,
        reason: UnassignReason,
    },
    /// A queued chat has waited too long (`queue:alert`).
    QueueAlert {
        session_id: Uuid,
        waiting_secs: i64,
    },
    /// The visitor's place in the queue (`queue:position`).
    QueuePosition {
        session_id: Uuid,
        position: i64,
        estimated_wait_secs: Option<i64>,
    },
    /// An agent's status (or load) changed.
    AgentUpdate(Agent),
    /// Fresh counters for the admin monitor.
    Stats(Stats),
    /// Whether someone can answer now changed: to this node's visitors.
    Availability(Availability),
    /// A crawl moved on (`ingest:progress` to `/admin`).
    IngestProgress(serde_json::Value),
    /// A channel (WhatsApp) delivery status moved forward.
    DeliveryStatus {
        session_id: Uuid,
        message_id: Uuid,
        status: String,
        error: Option<String>,
    },
}

#[async_trait]
pub trait Notifier: Send + Sync + 'static {
    async fn notify(&self, event: Notice);
}

/// Keeps every event, for tests that assert on what the service announced.
#[derive(Default)]
pub struct RecordingNotifier {
    pub events: Mutex<Vec<Notice>>,
}

#[async_trait]
impl Notifier for RecordingNotifier {
    async fn notify(&self, event: Notice) {
        self.events.lock().expect("not poisoned").push(event);
    }
}
