//! The store conformance suite: one body per behaviour over `&dyn Store`,
//! run against SQLite and Postgres alike.

use std::sync::Arc;

use chrono::{Duration, Utc};
use futures::future::join_all;
use uuid::Uuid;
use webchat::{
    chat::rules::SEND,
    domain::model::{Channel, EndedBy, Role, SenderType, Session, SessionStatus, Summary, User},
    store::{
        self, Appended, EndRequestOutcome, NewMessage, NewSession, NewUser, SessionFilter, Store,
        StoreError, StoreResult, Transition,
    },
};

use crate::helpers::{Db, fresh_database};
use crate::on_both_databases;

async fn store(db: Db) -> Arc<dyn Store> {
    store::connect(&fresh_database(db).await)
        .await
        .expect("store connects")
}

async fn user(s: &dyn Store, role: Role, email: Option<&str>) -> User {
    s.create_user(NewUser {
        role,
        display_name: format!("{role} {}", Uuid::now_v7().simple()),
        email: email.map(String::from),
        password_hash: email.map(|_| "hash".to_string()),
        external_id: None,
    })
    .await
    .unwrap()
}

/// A web session of `user_id`, with the bot.
async fn web_session(s: &dyn Store, user_id: Uuid) -> Session {
    s.create_session(NewSession {
        user_id,
        channel: Channel::Web,
        site: None,
    })
    .await
    .unwrap()
}

/// Appends under the chat's send rule, as the chat service does.
async fn append(s: &dyn Store, m: NewMessage) -> StoreResult<Appended> {
    s.append_message(m, SEND).await
}

fn text(session_id: Uuid, text: &str, client: Option<&str>) -> NewMessage {
    NewMessage {
        session_id,
        sender_type: SenderType::User,
        sender_id: None,
        sender_name: Some("Ada".into()),
        text: text.into(),
        client_msg_id: client.map(String::from),
        citations: None,
        external_id: None,
        attachments: None,
    }
}

fn to(session_id: Uuid, from: &'static [SessionStatus], to: SessionStatus) -> Transition {
    Transition {
        session_id,
        from,
        to,
        agent_id: None,
        ended_by: None,
        system_text: None,
        end_request: None,
    }
}

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

async fn seq_is_gapless_under_concurrency(db: Db) {
    let s = store(db).await;
    let ada = user(&*s, Role::User, None).await;
    let session = web_session(&*s, ada.id).await;
    let sends = (0..20).map(|i| {
        let s = s.clone();
        async move {
            append(
                &*s,
                text(session.id, &format!("m{i}"), Some(&format!("c{i}"))),
            )
            .await
            .unwrap()
        }
    });
    let appended = join_all(sends).await;
    let mut seqs: Vec<i64> = appended.iter().map(|a| a.message.seq).collect();
    seqs.sort();
    assert_eq!(
        seqs,
        (1..=20).collect::<Vec<_>>(),
        "seq is 1..n with no gap or repeat"
    );
    let stored = s.messages_after(session.id, 0, 100).await.unwrap();
    assert_eq!(stored.len(), 20);
    assert!(
        stored.windows(2).all(|w| w[0].seq + 1 == w[1].seq),
        "returned in seq order"
    );
    assert_eq!(
        s.messages_after(session.id, 17, 100)
            .await
            .unwrap()
            .iter()
            .map(|m| m.seq)
            .collect::<Vec<_>>(),
        vec![18, 19, 20]
    );
    assert_eq!(s.get_session(session.id).await.unwrap().last_seq, 20);
}

async fn client_msg_id_stores_once(db: Db) {
    let s = store(db).await;
    let ada = user(&*s, Role::User, None).await;
    let session = web_session(&*s, ada.id).await;
    let retries = (0..8).map(|_| {
        let s = s.clone();
        async move {
            append(&*s, text(session.id, "hello", Some("same-id")))
                .await
                .unwrap()
        }
    });
    let results = join_all(retries).await;
    let first = &results[0].message;
    assert!(
        results
            .iter()
            .all(|r| r.message.id == first.id && r.message.seq == first.seq)
    );
    assert_eq!(
        results.iter().filter(|r| !r.duplicate).count(),
        1,
        "exactly one append stored it"
    );
    assert_eq!(s.messages_after(session.id, 0, 100).await.unwrap().len(), 1);
    let next = append(&*s, text(session.id, "second", Some("other-id")))
        .await
        .unwrap();
    assert_eq!(next.message.seq, 2, "a duplicate does not burn a seq");
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
        change.agent_id = Some(a.id);
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

async fn closed_sessions_take_no_messages(db: Db) {
    let s = store(db).await;
    let ada = user(&*s, Role::User, None).await;
    let session = web_session(&*s, ada.id).await;
    let mut close = to(
        session.id,
        &[SessionStatus::BotPending],
        SessionStatus::Closed,
    );
    close.ended_by = Some(EndedBy::User);
    close.system_text = Some("ended".into());
    let done = s.transition(close.clone()).await.unwrap();
    assert_eq!(done.session.status, SessionStatus::Closed);
    assert!(done.session.closed_at.is_some());
    assert_eq!(done.system_message.unwrap().seq, 1);
    assert!(matches!(
        append(&*s, text(session.id, "late", Some("x"))).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(
        matches!(s.transition(close).await, Err(StoreError::Conflict(_))),
        "closing twice conflicts"
    );
    assert!(matches!(
        s.get_session(Uuid::now_v7()).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        append(&*s, text(Uuid::now_v7(), "x", None)).await,
        Err(StoreError::NotFound)
    ));
}

/// Only the session's user, or its agent while active, may write: checked
/// in the write, so a claim or a replaced agent in between cannot slip by.
async fn only_the_user_and_the_active_agent_write(db: Db) {
    let s = store(db).await;
    let ada = user(&*s, Role::User, None).await;
    let eve = user(&*s, Role::User, None).await;
    let agent = user(&*s, Role::Agent, Some("agent@example.test")).await;
    let session = web_session(&*s, ada.id).await;
    let from = |who: &User, client: &str| NewMessage {
        sender_id: Some(who.id),
        ..text(session.id, client, Some(client))
    };
    let first = append(&*s, from(&ada, "a1")).await.unwrap();
    assert_eq!(first.session_status, Some(SessionStatus::BotPending));
    for (who, client) in [(&eve, "e1"), (&agent, "g1")] {
        assert!(
            matches!(
                append(&*s, from(who, client)).await,
                Err(StoreError::Conflict(_))
            ),
            "{client}: not theirs"
        );
    }
    s.transition(to(
        session.id,
        &[SessionStatus::BotPending],
        SessionStatus::QueuedForAgent,
    ))
    .await
    .unwrap();
    assert!(
        matches!(
            append(&*s, from(&agent, "g2")).await,
            Err(StoreError::Conflict(_))
        ),
        "an agent writes only once assigned"
    );
    s.transition(Transition {
        agent_id: Some(agent.id),
        ..to(
            session.id,
            &[SessionStatus::QueuedForAgent],
            SessionStatus::ActiveWithAgent,
        )
    })
    .await
    .unwrap();
    let reply = append(&*s, from(&agent, "g3")).await.unwrap();
    assert_eq!(reply.session_status, Some(SessionStatus::ActiveWithAgent));
    append(&*s, from(&ada, "a2")).await.unwrap();
    let stored: Vec<String> = s
        .messages_after(session.id, 0, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.text)
        .collect();
    assert_eq!(
        stored,
        vec!["a1", "g3", "a2"],
        "refused writes left no trace"
    );
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
    claim.agent_id = Some(bob.id);
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

/// Concurrent appends are group-committed; each still gets its own outcome:
/// stored with a gapless seq and one event carrying that seq, a duplicate
/// pointing at the first, or a refusal for a closed or unknown session.
async fn concurrent_appends_keep_each_outcome(db: Db) {
    let s = store(db).await;
    let ada = user(&*s, Role::User, None).await;
    let mut open = Vec::new();
    for _ in 0..3 {
        let session = web_session(&*s, ada.id).await;
        open.push(session.id);
    }
    let closed = web_session(&*s, ada.id).await.id;
    s.transition(Transition {
        ended_by: Some(EndedBy::User),
        ..to(closed, &[SessionStatus::BotPending], SessionStatus::Closed)
    })
    .await
    .unwrap();
    let unknown = Uuid::now_v7();

    // 30 messages per open session, each client id sent twice, all at once
    let mut sends = Vec::new();
    for i in 0..30 {
        for &session in &open {
            for _ in 0..2 {
                sends.push((session, format!("c{i}")));
            }
        }
        sends.push((closed, format!("c{i}")));
        sends.push((unknown, format!("c{i}")));
    }
    let results = join_all(sends.iter().map(|(session, client)| {
        let s = s.clone();
        async move { append(&*s, text(*session, client, Some(client))).await }
    }))
    .await;

    for ((session, client), result) in sends.iter().zip(&results) {
        match result {
            Ok(appended) => {
                assert!(open.contains(session), "{session} took a message");
                assert_eq!(appended.message.session_id, *session);
                assert_eq!(appended.message.client_msg_id.as_deref(), Some(&**client));
            }
            Err(StoreError::Conflict(_)) => assert_eq!(*session, closed),
            Err(StoreError::NotFound) => assert_eq!(*session, unknown),
            Err(e) => panic!("unexpected error for {session}: {e}"),
        }
    }
    let events = s.pending_events(1000).await.unwrap();
    for &session in &open {
        let stored = s.messages_after(session, 0, 100).await.unwrap();
        assert_eq!(
            stored.iter().map(|m| m.seq).collect::<Vec<_>>(),
            (1..=30).collect::<Vec<_>>(),
            "each client id stored once, seq gapless"
        );
        let mine: Vec<_> = results
            .iter()
            .flatten()
            .filter(|a| a.message.session_id == session)
            .collect();
        assert_eq!(mine.iter().filter(|a| !a.duplicate).count(), 30);
        for a in &mine {
            let original = stored.iter().find(|m| m.id == a.message.id).unwrap();
            assert_eq!(
                original.seq, a.message.seq,
                "a duplicate answers with the first"
            );
        }
        // one message.created per stored message, carrying its id and seq
        let created: Vec<serde_json::Value> = events
            .iter()
            .filter(|e| e.key == session.to_string())
            .map(|e| serde_json::from_str::<serde_json::Value>(&e.payload).unwrap())
            .filter(|v| v["type"] == "message.created")
            .collect();
        assert_eq!(created.len(), 30);
        for m in &stored {
            let event = created
                .iter()
                .find(|v| v["data"]["id"] == m.id.to_string())
                .expect("the message has its event");
            assert_eq!(event["data"]["seq"], m.seq);
            assert_eq!(event["data"]["text"], m.text.as_str());
        }
    }
}

/// A message the database refuses (Postgres takes no NUL in text) fails
/// alone; the messages committed beside it are stored.
async fn a_refused_message_does_not_fail_its_neighbours(db: Db) {
    let s = store(db).await;
    let ada = user(&*s, Role::User, None).await;
    let session = web_session(&*s, ada.id).await;
    let texts: Vec<String> = (0..40)
        .map(|i| {
            if i == 20 {
                "bad\0byte".into()
            } else {
                format!("m{i}")
            }
        })
        .collect();
    let results = join_all(texts.iter().enumerate().map(|(i, t)| {
        let s = s.clone();
        let client = format!("c{i}");
        async move { append(&*s, text(session.id, t, Some(&client))).await }
    }))
    .await;
    for (i, result) in results.iter().enumerate() {
        if i != 20 {
            assert!(result.is_ok(), "message {i}: {:?}", result.as_ref().err());
        }
    }
    let stored = s.messages_after(session.id, 0, 100).await.unwrap();
    let good = stored.iter().filter(|m| !m.text.contains('\0')).count();
    assert_eq!(good, 39);
    assert_eq!(
        stored.iter().map(|m| m.seq).collect::<Vec<_>>(),
        (1..=stored.len() as i64).collect::<Vec<_>>(),
        "no gap where the refused message was"
    );
}

on_both_databases!(
    concurrent_appends_keep_each_outcome,
    only_the_user_and_the_active_agent_write,
    a_refused_message_does_not_fail_its_neighbours,
    users_and_tokens,
    seq_is_gapless_under_concurrency,
    client_msg_id_stores_once,
    claim_has_exactly_one_winner,
    closed_sessions_take_no_messages,
    end_requests,
    queue_previews_and_lists,
    summaries_once_and_backfill,
    outbox_records_every_change,
);
