//! Routing's store guarantees, on both databases: a routed assignment never
//! overfills an agent however many race; taking a chat back holds only while
//! the agent still has it and puts it at the front of the queue; a transfer
//! holds only while the chat is with its agent; each overdue chat is handed
//! out once per period.

use chrono::{Duration, Utc};
use futures::future::join_all;
use webchat::{
    domain::model::{Role, SessionStatus},
    store::{AgentChange, Handover, NewNote, StaffPatch, StoreError, Transition},
};

use super::{store, to, user, web_session};
use crate::helpers::Db;
use crate::on_both_databases;
use SessionStatus::*;

async fn queued(s: &dyn webchat::store::Store, count: usize) -> Vec<uuid::Uuid> {
    let mut ids = Vec::new();
    for _ in 0..count {
        let ada = user(s, Role::User, None).await;
        let session = web_session(s, ada.id).await;
        s.transition(to(session.id, &[BotPending], QueuedForAgent))
            .await
            .unwrap();
        ids.push(session.id);
    }
    ids
}

fn routed(session_id: uuid::Uuid, agent: uuid::Uuid) -> Transition {
    Transition {
        agent: AgentChange::Set(agent),
        routed: true,
        ..to(session_id, &[QueuedForAgent], ActiveWithAgent)
    }
}

async fn routing_never_overfills_an_agent(db: Db) {
    let s = store(db).await;
    let bob = user(&*s, Role::Agent, Some("bob@route.test")).await;
    let sessions = queued(&*s, 10).await;
    // Ten routers at once, each with another chat for Bob (capacity 3).
    let tries = sessions.iter().map(|&id| {
        let s = s.clone();
        async move { s.transition(routed(id, bob.id)).await }
    });
    let results = join_all(tries).await;
    let won = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(won, 3, "exactly the capacity is routed");
    assert!(
        results
            .iter()
            .filter(|r| r.is_err())
            .all(|r| matches!(r, Err(StoreError::Conflict(_)))),
        "the rest are refused as conflicts"
    );
    assert_eq!(s.active_sessions_for_agent(bob.id).await.unwrap().len(), 3);
    assert_eq!(s.queue(0).await.unwrap().len(), 7, "the others still wait");

    // Which chats won the race is up to the database; the rest still wait.
    let waiting: Vec<_> = s
        .queue(0)
        .await
        .unwrap()
        .iter()
        .map(|q| q.session_id)
        .collect();
    // A claim is the agent's own choice: capacity does not bind it.
    let claim = Transition {
        agent: AgentChange::Set(bob.id),
        ..to(waiting[0], &[QueuedForAgent], ActiveWithAgent)
    };
    s.transition(claim).await.unwrap();
    // A deactivated agent is routed nothing, even with room.
    let carol = user(&*s, Role::Agent, Some("carol@route.test")).await;
    let off = StaffPatch {
        active: Some(false),
        ..StaffPatch::default()
    };
    s.update_staff(carol.id, off).await.unwrap();
    assert!(matches!(
        s.transition(routed(waiting[1], carol.id)).await,
        Err(StoreError::Conflict(_))
    ));
    let events = s.pending_events(1000).await.unwrap();
    let assigned: Vec<serde_json::Value> = events
        .iter()
        .map(|e| serde_json::from_str::<serde_json::Value>(&e.payload).unwrap())
        .filter(|e| e["type"] == "session.assigned")
        .collect();
    assert_eq!(assigned.len(), 4, "one session.assigned per assignment");
    let how: Vec<_> = assigned.iter().map(|e| e["data"]["how"].clone()).collect();
    assert_eq!(how.iter().filter(|h| *h == "routed").count(), 3, "{how:?}");
    assert_eq!(how.iter().filter(|h| *h == "claimed").count(), 1, "{how:?}");
}

async fn taking_back_puts_the_chat_first_once(db: Db) {
    let s = store(db).await;
    let bob = user(&*s, Role::Agent, Some("bob@back.test")).await;
    let ids = queued(&*s, 3).await;
    s.transition(routed(ids[0], bob.id)).await.unwrap();
    let back = Transition {
        agent: AgentChange::Clear,
        held_by: Some(bob.id),
        front_of_queue: true,
        system_text: Some("Bob left the chat; we are finding someone else.".into()),
        ..to(ids[0], &[ActiveWithAgent], QueuedForAgent)
    };
    let (one, two) = tokio::join!(s.transition(back.clone()), s.transition(back.clone()));
    assert!(
        one.is_ok() != two.is_ok(),
        "taken back once: {one:?} {two:?}"
    );
    let session = s.get_session(ids[0]).await.unwrap();
    assert_eq!(session.status, QueuedForAgent);
    assert_eq!(session.agent_id, None);
    let order: Vec<_> = s
        .queue(0)
        .await
        .unwrap()
        .iter()
        .map(|q| q.session_id)
        .collect();
    assert_eq!(
        order,
        [ids[0], ids[1], ids[2]],
        "the requeued chat is first"
    );

    // Held by someone else: nothing changes.
    let carol = user(&*s, Role::Agent, Some("carol@back.test")).await;
    s.transition(routed(ids[1], carol.id)).await.unwrap();
    let wrong = Transition {
        held_by: Some(bob.id),
        ..back.clone()
    };
    let wrong = Transition {
        session_id: ids[1],
        ..wrong
    };
    assert!(matches!(
        s.transition(wrong).await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        s.get_session(ids[1]).await.unwrap().agent_id,
        Some(carol.id)
    );
}

async fn transfers_hold_only_while_the_chat_is_theirs(db: Db) {
    let s = store(db).await;
    let bob = user(&*s, Role::Agent, Some("bob@transfer.test")).await;
    let carol = user(&*s, Role::Agent, Some("carol@transfer.test")).await;
    let dan = user(&*s, Role::Agent, Some("dan@transfer.test")).await;
    let ids = queued(&*s, 1).await;
    s.transition(routed(ids[0], bob.id)).await.unwrap();
    let handover = |to_agent| Handover {
        session_id: ids[0],
        from_agent: bob.id,
        to_agent,
        by: bob.id,
        system_text: "Bob handed the chat on.".into(),
        note: Some(NewNote {
            session_id: ids[0],
            author_id: bob.id,
            author_name: "Bob".into(),
            text: "refund approved".into(),
        }),
    };
    // Bob hands to Carol and to Dan at once: one wins.
    let (a, b) = tokio::join!(s.transfer(handover(carol.id)), s.transfer(handover(dan.id)));
    assert!(a.is_ok() != b.is_ok(), "one transfer wins: {a:?} {b:?}");
    let done = a.or(b).unwrap();
    assert_eq!(done.note.as_ref().unwrap().text, "refund approved");
    assert_eq!(done.system_message.seq, done.session.last_seq);
    let notes = s.notes(ids[0]).await.unwrap();
    assert_eq!(notes.len(), 1, "only the winner's note is stored");
    let visitor = user(&*s, Role::User, None).await;
    let to_visitor = Handover {
        note: None,
        from_agent: done.session.agent_id.unwrap(),
        ..handover(visitor.id)
    };
    assert!(
        matches!(s.transfer(to_visitor).await, Err(StoreError::Conflict(_))),
        "a visitor cannot be handed a chat"
    );
}

async fn each_overdue_chat_is_handed_out_once_per_period(db: Db) {
    let s = store(db).await;
    let ids = queued(&*s, 2).await;
    // `due`: chats queued (and last alerted) before it are overdue.
    let due = Utc::now();
    let (a, b) = tokio::join!(s.take_overdue(due), s.take_overdue(due));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.len() + b.len(), 2, "each once: {a:?} {b:?}");
    assert!(
        s.take_overdue(due).await.unwrap().is_empty(),
        "not again this period"
    );
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let next = Utc::now();
    let again: Vec<_> = s
        .take_overdue(next)
        .await
        .unwrap()
        .iter()
        .map(|o| o.session_id)
        .collect();
    assert_eq!(again, ids, "again next period, longest waiting first");
    assert!(
        s.take_overdue(Utc::now() - Duration::hours(1))
            .await
            .unwrap()
            .is_empty(),
        "nothing queued that long"
    );
}

on_both_databases!(
    routing_never_overfills_an_agent,
    taking_back_puts_the_chat_first_once,
    transfers_hold_only_while_the_chat_is_theirs,
    each_overdue_chat_is_handed_out_once_per_period,
);
