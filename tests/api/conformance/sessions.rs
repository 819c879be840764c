//! Sessions and what goes with them: users and tokens, claims, end
//! requests, the queue, summaries, and the outbox.

use chrono::{Duration, Utc};
use futures::future::join_all;
use webchat::{
    domain::model::{Channel, EndedBy, Role, SessionStatus, Summary},
    store::{AgentChange, EndRequestOutcome, NewSession, NewUser, SessionFilter, StoreError},
};

use super::{append, store, text, to, user, web_session};
use crate::helpers::Db;
use crate::on_both_databases;

async fn users_and_tokens(db: Db) {
    let s = store(db).await;
    let agent = user(&*s, Role::Agent, Some("Bob@Example.com")).await;
    let (found, hash) = s
        .credentials("bob@example.COM")
        .await
        .unwrap()
        .expect("email is case-insensitive");
    assert_eq!((found.id, hash.as_str()), (agent.id, "hash"));
    let dup = s
        .create_user(NewUser {
            role: Role::Agent,
            display_name: "x".into(),
            email: Some("bob@example.com".into()),
            password_hash: None,
            external_id: None,
        })
        .await;
    assert!(
        matches!(dup, Err(StoreError::Conflict(_))),
        "duplicate email is a conflict"
    );

    let now = Utc::now();
    s.insert_token("live", agent.id, now + Duration::hours(1))
        .await
        .unwrap();
    s.insert_token("old", agent.id, now - Duration::seconds(1))
        .await
        .unwrap();
    assert_eq!(
        s.user_by_token("live", now)
            .await
            .unwrap()
            .map(|(u, _)| u.id),
        Some(agent.id)
    );
    assert!(
        s.user_by_token("old", now).await.unwrap().is_none(),
        "expired tokens are dead"
    );
    assert!(s.user_by_token("never", now).await.unwrap().is_none());
    assert!(s.revoke_token("live").await.unwrap());
    assert!(
        s.user_by_token("live", now).await.unwrap().is_none(),
        "revoked tokens are dead"
    );
    assert!(
        !s.revoke_token("live").await.unwrap(),
        "revoking twice changes nothing"
    );
}

async fn claim_has_exactly_one_winner(db: Db) {
    let s = store(db).await;
    let ada = user(&*s, Role::User, None).await;
    let session = web_session(&*s, ada.id).await;
    s.transition(to(
        session.id,
        &[SessionStatus::BotPending],
        SessionStatus::QueuedForAgent,
    ))
    .await
    .unwrap();
    let mut agents = Vec::new();
    for _ in 0..10 {
        agents.push(user(&*s, Role::Agent, None).await);
    }
    let claims = agents.iter().map(|a| {
        let s = s.clone();
        let mut change = to(
            session.id,
            &[SessionStatus::QueuedForAgent],
            SessionStatus::ActiveWithAgent,
        );
        change.agent = AgentChange::Set(a.id);
        change.system_text = Some(format!("{} joined", a.display_name));
        async move { s.transition(change).await }
    });
    let results = join_all(claims).await;
    let winners: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(winners.len(), 1, "exactly one claim wins");
    assert!(
        results
            .iter()
            .filter(|r| r.is_err())
            .all(|r| matches!(r, Err(StoreError::Conflict(_))))
    );
    let after = s.get_session(session.id).await.unwrap();
    assert_eq!(after.status, SessionStatus::ActiveWithAgent);
    assert_eq!(after.agent_id, winners[0].session.agent_id);
    let system: Vec<_> = s.messages_after(session.id, 0, 100).await.unwrap();
    assert_eq!(system.len(), 1, "only the winner's join message was stored");
}

async fn end_requests(db: Db) {
    let s = store(db).await;
    let ada = user(&*s, Role::User, None).await;
    let bob = user(&*s, Role::Agent, None).await;
    let session = web_session(&*s, ada.id).await;
    assert!(
        matches!(
            s.request_end(session.id, EndedBy::User, None).await,
            Err(StoreError::Conflict(_))
        ),
        "not while with the bot"
    );
    s.transition(to(
        session.id,
        &[SessionStatus::BotPending],
        SessionStatus::QueuedForAgent,
    ))
    .await
    .unwrap();
    let mut claim = to(
        session.id,
        &[SessionStatus::QueuedForAgent],
        SessionStatus::ActiveWithAgent,
    );
    claim.agent = AgentChange::Set(bob.id);
    s.transition(claim).await.unwrap();

    let first = s
        .request_end(session.id, EndedBy::User, Some("asked".into()))
        .await
        .unwrap();
    assert!(first.request.created);
    let again = s
        .request_end(session.id, EndedBy::User, Some("asked".into()))
        .await
        .unwrap();
    assert_eq!(
        (again.request.id, again.request.created),
        (first.request.id, false),
        "a retry returns the pending one"
    );
    assert!(again.system_message.is_none());
    s.decline_end(session.id, None).await.unwrap();
    assert!(matches!(
        s.decline_end(session.id, None).await,
        Err(StoreError::NotFound)
    ));
    assert!(s.pending_end_request(session.id).await.unwrap().is_none());

    let second = s
        .request_end(session.id, EndedBy::User, None)
        .await
        .unwrap();
    assert_ne!(second.request.id, first.request.id);
    let mut close = to(
        session.id,
        &[SessionStatus::ActiveWithAgent],
        SessionStatus::Closed,
    );
    close.ended_by = Some(EndedBy::User);
    close.end_request = Some(EndRequestOutcome::Accepted);
    let closed = s.transition(close).await.unwrap();
    assert_eq!(closed.end_requested_by, Some(EndedBy::User));
    assert_eq!(closed.session.ended_by, Some(EndedBy::User));
}

async fn queue_previews_and_lists(db: Db) {
    let s = store(db).await;
    let ada = user(&*s, Role::User, None).await;
    let one = s
        .create_session(NewSession {
            user_id: ada.id,
            channel: Channel::Web,
            site: Some("https://a.example".into()),
        })
        .await
        .unwrap();
    let two = s
        .create_session(NewSession {
            user_id: ada.id,
            channel: Channel::Whatsapp,
            site: None,
        })
        .await
        .unwrap();
    for i in 1..=7 {
        append(&*s, text(one.id, &format!("one {i}"), None))
            .await
            .unwrap();
    }
    append(&*s, text(two.id, "two", None)).await.unwrap();
    for id in [one.id, two.id] {
        s.transition(to(
            id,
            &[SessionStatus::BotPending],
            SessionStatus::QueuedForAgent,
        ))
        .await
        .unwrap();
    }
    let queue = s.queue(5).await.unwrap();
    assert_eq!(
        queue.iter().map(|q| q.session_id).collect::<Vec<_>>(),
        vec![one.id, two.id],
        "longest waiting first"
    );
    let texts: Vec<_> = queue[0].preview.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(
        texts,
        vec!["one 3", "one 4", "one 5", "one 6", "one 7"],
        "the last five, in order"
    );
    assert_eq!(queue[0].last_message.as_ref().unwrap().text, "one 7");
    assert_eq!(queue[1].channel, Channel::Whatsapp);

    let queued = s
        .list_sessions(SessionFilter {
            status: Some(SessionStatus::QueuedForAgent),
            limit: 10,
        })
        .await
        .unwrap();
    assert_eq!(queued.len(), 2);
    assert!(
        s.list_sessions(SessionFilter {
            status: Some(SessionStatus::Closed),
            limit: 10
        })
        .await
        .unwrap()
        .is_empty()
    );
    assert_eq!(s.open_sessions_for_user(ada.id).await.unwrap().len(), 2);
    assert_eq!(
        s.get_session(one.id).await.unwrap().site.as_deref(),
        Some("https://a.example")
    );
    let stats = s.stats(Utc::now()).await.unwrap();
    assert_eq!((stats.queued, stats.active), (2, 0));
}

async fn summaries_once_and_backfill(db: Db) {
    let s = store(db).await;
    let ada = user(&*s, Role::User, None).await;
    let session = web_session(&*s, ada.id).await;
    let mut close = to(
        session.id,
        &[SessionStatus::BotPending],
        SessionStatus::Closed,
    );
    close.ended_by = Some(EndedBy::User);
    s.transition(close).await.unwrap();
    assert_eq!(
        s.closed_without_summary(10).await.unwrap(),
        vec![session.id]
    );
    let summary = Summary {
        session_id: session.id,
        user_display_name: ada.display_name.clone(),
        agent_display_name: None,
        summary: "first".into(),
        topics: vec!["billing".into()],
        message_count: 0,
        started_at: session.created_at,
        ended_at: session.created_at,
        ended_by: EndedBy::User,
        end_requested_by: None,
    };
    assert_eq!(
        s.save_summary(summary.clone()).await.unwrap().summary,
        "first"
    );
    let second = Summary {
        summary: "second".into(),
        ..summary
    };
    assert_eq!(
        s.save_summary(second).await.unwrap().summary,
        "first",
        "the first summary wins"
    );
    assert_eq!(
        s.get_summary(session.id).await.unwrap().unwrap().topics,
        vec!["billing"]
    );
    assert!(s.closed_without_summary(10).await.unwrap().is_empty());
}

async fn outbox_records_every_change(db: Db) {
    let s = store(db).await;
    let ada = user(&*s, Role::User, None).await;
    let session = web_session(&*s, ada.id).await;
    append(&*s, text(session.id, "hi", Some("a")))
        .await
        .unwrap();
    append(&*s, text(session.id, "hi", Some("a")))
        .await
        .unwrap();
    s.transition(to(
        session.id,
        &[SessionStatus::BotPending],
        SessionStatus::QueuedForAgent,
    ))
    .await
    .unwrap();
    let events = s.pending_events(100).await.unwrap();
    let types: Vec<String> = events
        .iter()
        .map(|e| {
            serde_json::from_str::<serde_json::Value>(&e.payload).unwrap()["type"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        types,
        vec![
            "session.created",
            "message.created",
            "session.status_changed",
            "handoff.requested"
        ],
        "a duplicate send writes no event"
    );
    assert!(events.iter().all(|e| e.key == session.id.to_string()));
    assert_eq!(events[1].topic, "messages");
    let ids: Vec<i64> = events.iter().take(2).map(|e| e.id).collect();
    s.mark_published(&ids).await.unwrap();
    assert_eq!(s.pending_events(100).await.unwrap().len(), 2);
}

/// The store wakes relays after commits that wrote outbox events, and
/// only then.
async fn commits_with_events_raise_the_outbox_signal(db: Db) {
    let s = store(db).await;
    let mut wake = s.signals().outbox();
    let raised = |wake: &mut webchat::store::Wakeup| {
        let mut wait = Box::pin(wake.raised());
        futures::FutureExt::now_or_never(&mut wait).is_some()
    };
    let ada = user(&*s, Role::User, None).await;
    assert!(!raised(&mut wake), "a user has no event");
    let session = web_session(&*s, ada.id).await;
    assert!(raised(&mut wake), "session.created");
    assert!(!raised(&mut wake), "raised once per commit");
    append(&*s, text(session.id, "hi", Some("c1")))
        .await
        .unwrap();
    assert!(raised(&mut wake), "message.created");
    s.get_session(session.id).await.unwrap();
    assert!(!raised(&mut wake), "reads raise nothing");
}

on_both_databases!(
    commits_with_events_raise_the_outbox_signal,
    users_and_tokens,
    claim_has_exactly_one_winner,
    end_requests,
    queue_previews_and_lists,
    summaries_once_and_backfill,
    outbox_records_every_change,
);
