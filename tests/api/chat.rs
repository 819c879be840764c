//! The chat service on its own, with a recording notifier: what it
//! announces after each commit, in order, and that a refusal announces
//! nothing. Runs on both databases.

use std::sync::Arc;

use uuid::Uuid;
use webchat::{
    chat::{
        ChatConfig, ChatService,
        bot::FallbackBot,
        notify::{Notice, RecordingNotifier},
        summary::ExtractiveSummarizer,
    },
    domain::model::{Channel, Role, SessionStatus, User},
    error::ErrorCode,
    store::{self, NewUser, Store},
};

use crate::helpers::{Db, fresh_database};
use crate::on_both_databases;

async fn person(store: &dyn Store, role: Role) -> User {
    store
        .create_user(NewUser {
            role,
            display_name: format!("{role} {}", Uuid::now_v7().simple()),
            email: role
                .is_staff()
                .then(|| format!("{}@example.test", Uuid::now_v7())),
            password_hash: None,
            external_id: None,
        })
        .await
        .unwrap()
}

/// The names of what was announced since the last call.
fn drain(recorder: &RecordingNotifier) -> Vec<&'static str> {
    let mut events = recorder.events.lock().unwrap();
    events
        .drain(..)
        .map(|n| match n {
            Notice::JoinRoom { .. } => "join_room",
            Notice::MessageNew(_) => "message_new",
            Notice::MessageDelta { .. } => "message_delta",
            Notice::SessionUpdate(_) => "session_update",
            Notice::QueueNew(_) => "queue_new",
            Notice::QueueRemove { .. } => "queue_remove",
            Notice::HandoffAccepted { .. } => "handoff_accepted",
            Notice::EndRequested { .. } => "end_requested",
            Notice::EndDeclined { .. } => "end_declined",
            Notice::SessionClosed { .. } => "session_closed",
            Notice::SummaryReady(_) => "summary_ready",
            Notice::Typing { .. } => "typing",
            Notice::Read { .. } => "read",
            Notice::Stats(_) => "stats",
            Notice::DeliveryStatus { .. } => "delivery_status",
            Notice::AgentUpdate(_) => "agent_update",
            Notice::NoteNew { .. } => "note_new",
            Notice::LeaveRoom { .. } => "leave_room",
            Notice::Assigned { .. } => "assigned",
            Notice::Unassigned { .. } => "unassigned",
            Notice::QueueAlert { .. } => "queue_alert",
            Notice::QueuePosition { .. } => "queue_position",
            Notice::Availability(_) => "availability",
            Notice::IngestProgress(_) => "ingest_progress",
        })
        .collect()
}

async fn announces_each_committed_change_and_no_refusal(db: Db) {
    let store = store::connect(&fresh_database(db).await).await.unwrap();
    let recorder = Arc::new(RecordingNotifier::default());
    let chat = ChatService::new(
        store.clone(),
        recorder.clone(),
        Arc::new(FallbackBot),
        Arc::new(ExtractiveSummarizer),
        ChatConfig::default(),
    );
    let ada = person(&*store, Role::User).await;
    let bob = person(&*store, Role::Agent).await;

    let session = chat.create_session(&ada, Channel::Web, None).await.unwrap();
    assert_eq!(drain(&recorder), ["join_room", "session_update"]);

    let refused = chat
        .send(&bob, session.id, "not mine", "c0")
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
    assert!(drain(&recorder).is_empty(), "a refusal announces nothing");

    chat.request_handoff(&ada, session.id).await.unwrap();
    let queued = drain(&recorder);
    assert!(queued.contains(&"queue_new"), "{queued:?}");
    assert!(queued.contains(&"session_update"), "{queued:?}");

    let (claimed, _) = chat.claim(&bob, session.id).await.unwrap();
    assert_eq!(claimed.status, SessionStatus::ActiveWithAgent);
    let accepted = drain(&recorder);
    for expected in ["join_room", "handoff_accepted", "queue_remove"] {
        assert!(accepted.contains(&expected), "{expected} in {accepted:?}");
    }

    let reply = chat
        .send(&bob, session.id, "Hello Ada", "b1")
        .await
        .unwrap();
    assert_eq!(drain(&recorder), ["message_new"]);
    let again = chat
        .send(&bob, session.id, "Hello Ada", "b1")
        .await
        .unwrap();
    assert_eq!(again.id, reply.id, "a retry acks the stored message");
    assert!(drain(&recorder).is_empty(), "and announces nothing twice");
}

on_both_databases!(announces_each_committed_change_and_no_refusal);
