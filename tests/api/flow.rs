//! The realtime flow of PROTOCOL.md over the wire, on both databases.

use futures::future::join_all;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{ADMIN_EMAIL, Db, TestApp, error_code, open_session, send};
use crate::on_both_databases;
use crate::socket::Client;

/// A visitor, the bot, a handoff, an agent, chat both ways, typing, read
/// receipts, an end request declined then accepted, and an admin watching.
async fn whole_flow(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin_token = app.admin_token().await;
    let admin = Client::connect(app.port, "/admin", Some(json!({ "token": admin_token })))
        .await
        .unwrap();
    admin
        .wait_for("admin:bootstrap", |b| {
            b["sessions"].is_array() && b["stats"].is_object()
        })
        .await;

    let (ada, _, _) = app.visitor("Ada").await;
    let session = open_session(&ada).await;
    let question = send(&ada, &session, "Where is my order?").await;
    assert_eq!(question["seq"], 1);
    let bot = ada
        .wait_for("message:new", |m| m["senderType"] == "bot")
        .await;
    assert_eq!(bot["seq"], 2, "the bot answers after the question");
    admin
        .wait_for("admin:message:new", |m| m["sessionId"] == session.as_str())
        .await;

    let (bob, _) = app.agent("Bob").await;
    bob.wait_for("queue:bootstrap", |_| true).await;
    let ack = ada
        .call("handoff:request", json!({ "sessionId": session }))
        .await;
    assert_eq!(ack["session"]["status"], "queued_for_agent", "{ack}");
    let entry = bob
        .wait_for("queue:new", |q| q["sessionId"] == session.as_str())
        .await;
    assert_eq!(entry["userDisplayName"], "Ada");
    assert!(
        entry["preview"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["text"] == "Where is my order?")
    );

    let claimed = bob
        .call("agent:claim", json!({ "sessionId": session }))
        .await;
    assert_eq!(
        claimed["session"]["status"], "active_with_agent",
        "{claimed}"
    );
    assert!(
        claimed["messages"].as_array().unwrap().len() >= 3,
        "the agent gets the whole history"
    );
    let accepted = ada.wait_for("handoff:accepted", |_| true).await;
    assert_eq!(accepted["agent"]["displayName"], "Bob");
    bob.wait_for("queue:remove", |q| {
        q["sessionId"] == session.as_str() && q["reason"] == "claimed"
    })
    .await;

    send(&bob, &session, "Hi Ada, let me check.").await;
    ada.wait_for("message:new", |m| {
        m["senderType"] == "agent" && m["senderName"] == "Bob"
    })
    .await;
    let reply = send(&ada, &session, "Thanks!").await;
    bob.wait_for("message:new", |m| m["id"] == reply["id"])
        .await;
    assert!(
        ada.events("message:new")
            .iter()
            .all(|m| m["senderType"] != "bot" || m["seq"] == 2),
        "the bot is quiet once an agent is in"
    );

    ada.emit("typing", json!({ "sessionId": session, "isTyping": true }));
    bob.wait_for("typing", |t| {
        t["senderType"] == "user" && t["isTyping"] == true
    })
    .await;
    assert!(
        ada.events("typing").is_empty(),
        "typing goes to the other side only"
    );
    let read = bob
        .call(
            "message:read",
            json!({ "sessionId": session, "seq": reply["seq"] }),
        )
        .await;
    assert_eq!(read["ok"], true, "{read}");
    ada.wait_for("message:read", |r| {
        r["readerType"] == "agent" && r["seq"] == reply["seq"]
    })
    .await;

    let req = ada
        .call("session:end:request", json!({ "sessionId": session }))
        .await;
    let request_id = req["requestId"].as_str().expect("a request id").to_string();
    bob.wait_for("session:end:requested", |r| {
        r["requestId"] == request_id.as_str()
    })
    .await;
    let declined = bob
        .call("session:end:decline", json!({ "sessionId": session }))
        .await;
    assert_eq!(
        declined["session"]["status"], "active_with_agent",
        "{declined}"
    );
    ada.wait_for("session:end:declined", |_| true).await;
    let again = bob
        .call("session:end:decline", json!({ "sessionId": session }))
        .await;
    assert_eq!(error_code(&again), "conflict", "nothing left to decline");

    ada.call("session:end:request", json!({ "sessionId": session }))
        .await;
    let closed = bob
        .call("session:end:accept", json!({ "sessionId": session }))
        .await;
    assert_eq!(closed["session"]["status"], "closed", "{closed}");
    for side in [&ada, &bob] {
        let c = side.wait_for("session:closed", |_| true).await;
        assert_eq!(c["endedBy"], "user");
    }
    admin
        .wait_for("admin:session:update", |s| {
            s["id"] == session.as_str() && s["status"] == "closed"
        })
        .await;
    let summary = admin
        .wait_for("admin:summary:ready", |s| {
            s["sessionId"] == session.as_str()
        })
        .await;
    assert_eq!(summary["endedBy"], "user");
    assert_eq!(summary["endRequestedBy"], "user");
    assert_eq!(summary["agentDisplayName"], "Bob");
    assert!(summary["messageCount"].as_i64().unwrap() >= 8, "{summary}");
    assert!(
        summary["summary"]
            .as_str()
            .unwrap()
            .contains("Where is my order?"),
        "{summary}"
    );

    let later = Client::connect(app.port, "/admin", Some(json!({ "token": admin_token })))
        .await
        .unwrap();
    let boot = later.wait_for("admin:bootstrap", |_| true).await;
    let listed = boot["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == session.as_str())
        .cloned()
        .unwrap();
    assert_eq!(
        listed["summary"]["summary"], summary["summary"],
        "a later admin sees the summary"
    );
    let late = ada
        .call(
            "message:send",
            json!({ "sessionId": session, "text": "hello?", "clientMsgId": "late" }),
        )
        .await;
    assert_eq!(error_code(&late), "conflict");
}

/// Many agents claim one session at once: exactly one wins, the others are
/// told who did, and the visitor hears of one agent only.
async fn racing_claims(db: Db) {
    let app = TestApp::spawn(db).await;
    let (ada, _, _) = app.visitor("Ada").await;
    let session = open_session(&ada).await;
    ada.call("handoff:request", json!({ "sessionId": session }))
        .await;
    let mut agents = Vec::new();
    for i in 0..6 {
        agents.push(app.agent(&format!("Agent {i}")).await.0);
    }
    let claims = agents
        .iter()
        .map(|a| a.call("agent:claim", json!({ "sessionId": session })));
    let acks = join_all(claims).await;
    let winners: Vec<&Value> = acks.iter().filter(|a| a["ok"] == true).collect();
    assert_eq!(winners.len(), 1, "exactly one winner: {acks:?}");
    let winner = winners[0]["session"]["agentDisplayName"]
        .as_str()
        .unwrap()
        .to_string();
    for lost in acks.iter().filter(|a| a["ok"] == false) {
        assert_eq!(error_code(lost), "conflict");
        assert!(
            lost["error"]["message"].as_str().unwrap().contains(&winner),
            "the loser learns who won: {lost}"
        );
    }
    ada.wait_for("handoff:accepted", |_| true).await;
    assert_eq!(ada.events("handoff:accepted").len(), 1);
}

/// The same clientMsgId, sent again and again (even at once), stores one
/// message and acks it every time.
async fn idempotent_send(db: Db) {
    let app = TestApp::spawn(db).await;
    let (ada, _, _) = app.visitor("Ada").await;
    let session = open_session(&ada).await;
    let payload = json!({ "sessionId": session, "text": "only once", "clientMsgId": Uuid::now_v7().to_string() });
    let acks = join_all((0..5).map(|_| ada.call("message:send", payload.clone()))).await;
    let ids: Vec<&Value> = acks.iter().map(|a| &a["message"]["id"]).collect();
    assert!(
        ids.iter().all(|id| *id == ids[0] && !id.is_null()),
        "{acks:?}"
    );
    let history = ada
        .call("session:join", json!({ "sessionId": session }))
        .await;
    let copies = history["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["text"] == "only once")
        .count();
    assert_eq!(copies, 1, "stored once");
    ada.wait_for("message:new", |m| m["senderType"] == "bot")
        .await;
    let bot_replies = app
        .store
        .messages_after(session.parse().unwrap(), 0, 100)
        .await
        .unwrap();
    assert_eq!(
        bot_replies
            .iter()
            .filter(|m| m.sender_type == webchat::domain::model::SenderType::Bot)
            .count(),
        1,
        "one bot reply, not five"
    );
}

/// A visitor who drops and comes back gets exactly the messages it missed.
async fn resume_after_reconnect(db: Db) {
    let app = TestApp::spawn(db).await;
    let (ada, token, _) = app.visitor("Ada").await;
    let session = open_session(&ada).await;
    ada.call("handoff:request", json!({ "sessionId": session }))
        .await;
    let (bob, _) = app.agent("Bob").await;
    bob.call("agent:claim", json!({ "sessionId": session }))
        .await;
    let seen = send(&ada, &session, "I'll be right back").await["seq"]
        .as_i64()
        .unwrap();
    ada.close();
    for i in 0..3 {
        send(&bob, &session, &format!("missed {i}")).await;
    }
    let back = app.socket(Some(&token)).await;
    let hello = back
        .call("hello", json!({ "role": "user", "token": token }))
        .await;
    assert_eq!(
        hello["sessions"][0]["id"],
        session.as_str(),
        "the open session is listed: {hello}"
    );
    let joined = back
        .call(
            "session:join",
            json!({ "sessionId": session, "afterSeq": seen }),
        )
        .await;
    let seqs: Vec<i64> = joined["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["seq"].as_i64().unwrap())
        .collect();
    assert_eq!(
        seqs,
        vec![seen + 1, seen + 2, seen + 3],
        "exactly the missing messages"
    );
    let history = back
        .wait_for("message:history", |h| h["sessionId"] == session.as_str())
        .await;
    assert_eq!(history["messages"].as_array().unwrap().len(), 3);
    send(&bob, &session, "welcome back").await;
    back.wait_for("message:new", |m| m["text"] == "welcome back")
        .await;
}

/// Nobody reads or writes a session that is not theirs.
async fn forbidden_access(db: Db) {
    let app = TestApp::spawn(db).await;
    let (ada, _, _) = app.visitor("Ada").await;
    let (eve, _, _) = app.visitor("Eve").await;
    let session = open_session(&ada).await;
    let join = eve
        .call("session:join", json!({ "sessionId": session }))
        .await;
    assert_eq!(error_code(&join), "forbidden");
    let write = eve
        .call(
            "message:send",
            json!({ "sessionId": session, "text": "hi", "clientMsgId": "e1" }),
        )
        .await;
    assert_eq!(error_code(&write), "forbidden");
    assert_eq!(
        error_code(
            &eve.call("agent:claim", json!({ "sessionId": session }))
                .await
        ),
        "forbidden"
    );
    assert_eq!(
        error_code(
            &eve.call("session:close", json!({ "sessionId": session }))
                .await
        ),
        "forbidden"
    );

    ada.call("handoff:request", json!({ "sessionId": session }))
        .await;
    let (bob, _) = app.agent("Bob").await;
    let (carol, _) = app.agent("Carol").await;
    let early = carol
        .call("session:join", json!({ "sessionId": session }))
        .await;
    assert_eq!(
        error_code(&early),
        "forbidden",
        "agents join only their own chats"
    );
    bob.call("agent:claim", json!({ "sessionId": session }))
        .await;
    let late = carol
        .call(
            "message:send",
            json!({ "sessionId": session, "text": "hi", "clientMsgId": "c1" }),
        )
        .await;
    assert_eq!(error_code(&late), "forbidden");
    assert_eq!(
        error_code(
            &ada.call("session:close", json!({ "sessionId": session }))
                .await
        ),
        "conflict",
        "the visitor asks instead"
    );
    let missing = ada
        .call("session:join", json!({ "sessionId": Uuid::now_v7() }))
        .await;
    assert_eq!(
        error_code(&missing),
        "forbidden",
        "a missing session answers as one not yours"
    );
    let stranger = app.socket(None).await;
    assert_eq!(
        error_code(&stranger.call("session:create", json!({})).await),
        "unauthorized",
        "hello comes first"
    );
}

/// Forged, tampered and misused tokens get nowhere.
async fn forged_tokens(db: Db) {
    let app = TestApp::spawn(db).await;
    let forged = format!("wct_{}", "A".repeat(43));
    let refused = Client::connect(app.port, "/", Some(json!({ "token": forged }))).await;
    assert!(refused.is_err_and(|e| e.0.starts_with("unauthorized")));
    let (_, ada_token, _) = app.visitor("Ada").await;
    let mut tampered = ada_token.clone();
    tampered.pop();
    tampered.push(if ada_token.ends_with('x') { 'y' } else { 'x' });
    assert!(
        Client::connect(app.port, "/", Some(json!({ "token": tampered })))
            .await
            .is_err()
    );

    let sock = app.socket(None).await;
    let spoof = sock
        .call("hello", json!({ "role": "agent", "token": ada_token }))
        .await;
    assert_eq!(
        error_code(&spoof),
        "forbidden",
        "a visitor's token never makes an agent"
    );
    let no_name = sock
        .call(
            "hello",
            json!({ "role": "agent", "displayName": "Mallory" }),
        )
        .await;
    assert_eq!(error_code(&no_name), "unauthorized");

    let (_, agent_token) = app.agent("Bob").await;
    assert!(
        Client::connect(app.port, "/admin", Some(json!({ "token": agent_token })))
            .await
            .is_err(),
        "agents are not admins"
    );
    assert!(Client::connect(app.port, "/admin", None).await.is_err());
    let (status, _) = app.get("/api/me", Some(&forged)).await;
    assert_eq!(status, 401);
    let (status, _) = app.get("/api/sessions", Some(&ada_token)).await;
    assert_eq!(status, 403, "visitors cannot list sessions");
    let _ = ADMIN_EMAIL;
}

/// Bad payloads get `invalid`, store nothing, and the connection stays up.
async fn bad_payloads(db: Db) {
    let app = TestApp::spawn(db).await;
    let (ada, _, _) = app.visitor("Ada").await;
    let session = open_session(&ada).await;
    let cases = vec![
        json!({ "sessionId": session, "text": 42, "clientMsgId": "a" }),
        json!({ "sessionId": session, "text": "x".repeat(4001), "clientMsgId": "a" }),
        json!({ "sessionId": session, "text": "   ", "clientMsgId": "a" }),
        json!({ "sessionId": session, "text": "nul\u{0}", "clientMsgId": "a" }),
        json!({ "sessionId": session, "text": "hi", "clientMsgId": "x".repeat(101) }),
        json!({ "sessionId": session, "text": "hi", "clientMsgId": "a", "senderType": "agent" }),
        json!({ "sessionId": "not-a-uuid", "text": "hi", "clientMsgId": "a" }),
        json!({ "sessionId": session, "text": ["hi"], "clientMsgId": "a" }),
        json!({ "sessionId": session, "text": {"deep": {"er": [[[[1]]]]}}, "clientMsgId": "a" }),
        json!({}),
        json!("a string"),
        json!(null),
        json!(12),
    ];
    for payload in cases {
        let ack = ada.call("message:send", payload.clone()).await;
        assert_eq!(error_code(&ack), "invalid", "{payload}");
    }
    let unknown = ada
        .call("message:delete", json!({ "sessionId": session }))
        .await;
    assert_eq!(
        error_code(&unknown),
        "invalid",
        "an unknown event is answered"
    );
    assert_eq!(
        ada.call_args("message:send", vec![])
            .await
            .map(|a| error_code(&a).to_string())
            .as_deref(),
        Some("invalid")
    );
    let name = ada
        .call(
            "hello",
            json!({ "role": "user", "displayName": "x".repeat(81) }),
        )
        .await;
    assert_eq!(error_code(&name), "invalid");
    let join = ada
        .call(
            "session:join",
            json!({ "sessionId": session, "afterSeq": "five" }),
        )
        .await;
    assert_eq!(error_code(&join), "invalid");
    assert!(!ada.is_closed(), "bad payloads never drop the connection");
    let stored = app
        .store
        .messages_after(session.parse().unwrap(), 0, 100)
        .await
        .unwrap();
    assert!(stored.is_empty(), "nothing reached the store: {stored:?}");
    send(&ada, &session, "still here").await;
}

/// A frame over the Socket.IO payload bound closes that connection only.
async fn oversized_frames(db: Db) {
    let app = TestApp::spawn(db).await;
    let (ada, _, _) = app.visitor("Ada").await;
    let (bob, _, _) = app.visitor("Bob").await;
    let session = open_session(&ada).await;
    let big = json!(["message:send", { "sessionId": session, "text": "x".repeat(200_000), "clientMsgId": "big" }]);
    ada.send_raw(&format!("421{big}"));
    assert!(
        ada.wait_closed().await,
        "an oversized frame closes the connection"
    );
    let other = open_session(&bob).await;
    send(&bob, &other, "others are unaffected").await;
    assert!(
        app.store
            .messages_after(session.parse().unwrap(), 0, 10)
            .await
            .unwrap()
            .is_empty()
    );
}

/// Visitors may end a chat that has no agent; queued chats leave the queue.
async fn visitor_closes_queued_chat(db: Db) {
    let app = TestApp::spawn(db).await;
    let (ada, _, _) = app.visitor("Ada").await;
    let (bob, _) = app.agent("Bob").await;
    let session = open_session(&ada).await;
    ada.call("handoff:request", json!({ "sessionId": session }))
        .await;
    bob.wait_for("queue:new", |q| q["sessionId"] == session.as_str())
        .await;
    let closed = ada
        .call("session:close", json!({ "sessionId": session }))
        .await;
    assert_eq!(closed["session"]["status"], "closed", "{closed}");
    bob.wait_for("queue:remove", |q| {
        q["sessionId"] == session.as_str() && q["reason"] == "closed"
    })
    .await;
    let again = ada
        .call("session:close", json!({ "sessionId": session }))
        .await;
    assert_eq!(again["ok"], true, "closing twice is a harmless retry");
    let late = bob
        .call("agent:claim", json!({ "sessionId": session }))
        .await;
    assert_eq!(error_code(&late), "conflict");
}

on_both_databases!(
    whole_flow,
    racing_claims,
    idempotent_send,
    resume_after_reconnect,
    forbidden_access,
    forged_tokens,
    bad_payloads,
    oversized_frames,
    visitor_closes_queued_chat,
);
