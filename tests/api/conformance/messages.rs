//! Messages: gapless seq, idempotent sends, who may write, batches.

use futures::future::join_all;
use uuid::Uuid;
use webchat::{
    domain::model::{EndedBy, Role, SessionStatus, User},
    store::{AgentChange, NewMessage, StoreError, Transition},
};

use super::{append, store, text, to, user, web_session};
use crate::helpers::Db;
use crate::on_both_databases;

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
        agent: AgentChange::Set(agent.id),
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

/// A retried send returns the stored message only to the sender who wrote
/// it; anyone else reusing its client id is refused and learns nothing of it.
async fn a_client_id_returns_only_ones_own_message(db: Db) {
    let s = store(db).await;
    let ada = user(&*s, Role::User, None).await;
    let eve = user(&*s, Role::User, None).await;
    let bob = user(&*s, Role::Agent, Some("bob@example.test")).await;
    let session = web_session(&*s, ada.id).await;
    let from = |who: &User, body: &str| NewMessage {
        sender_id: Some(who.id),
        ..text(session.id, body, Some("same-id"))
    };
    let stored = append(&*s, from(&ada, "my card number is 4242"))
        .await
        .unwrap();
    let retry = append(&*s, from(&ada, "ignored")).await.unwrap();
    assert!(retry.duplicate);
    assert_eq!(retry.message.id, stored.message.id);
    for who in [&eve, &bob] {
        match append(&*s, from(who, "guess")).await {
            Err(StoreError::Conflict(reason)) => {
                assert!(!reason.contains("4242"), "{reason}");
            }
            other => panic!("another sender got {other:?}"),
        }
    }
    let texts: Vec<String> = s
        .messages_after(session.id, 0, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.text)
        .collect();
    assert_eq!(texts, vec!["my card number is 4242"]);
}

on_both_databases!(
    a_client_id_returns_only_ones_own_message,
    seq_is_gapless_under_concurrency,
    client_msg_id_stores_once,
    closed_sessions_take_no_messages,
    only_the_user_and_the_active_agent_write,
    concurrent_appends_keep_each_outcome,
    a_refused_message_does_not_fail_its_neighbours,
);
