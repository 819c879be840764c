//! Routing over the wire (`ROUTING=auto`): queued chats go to online agents
//! by load, once, also with two nodes; chats of an agent who is gone go back
//! to the front of the queue; visitors hear their place in line; overdue
//! chats are announced again; transfers carry a note only agents see;
//! supervisors watch silently and take over.

use std::time::Duration;

use serde_json::{Value, json};
use webchat::{chat::routing::RoutingMode, config::Config};

use crate::helpers::{Db, TestApp, error_code, fresh_database, open_session, send};
use crate::on_both_databases;
use crate::socket::Client;

fn auto(c: &mut Config) {
    c.routing.mode = RoutingMode::Auto;
    c.agent_offline_grace = Duration::from_secs(1);
}

async fn routed_app(db: Db) -> TestApp {
    TestApp::spawn_on(&fresh_database(db).await, auto).await
}

/// A visitor who asked for a human: (client, session id).
async fn queued_visitor(app: &TestApp, name: &str) -> (Client, String) {
    let (client, _, _) = app.visitor(name).await;
    let session = open_session(&client).await;
    send(&client, &session, &format!("{name} needs help")).await;
    let ack = client
        .call("handoff:request", json!({ "sessionId": session }))
        .await;
    assert_eq!(ack["ok"], true, "{ack}");
    (client, session)
}

fn for_session(session: &str) -> impl Fn(&Value) -> bool + '_ {
    move |v: &Value| v["session"]["id"] == session || v["sessionId"] == session
}

async fn session_status(app: &TestApp, token: &str, session: &str) -> Value {
    let (status, body) = app
        .get(&format!("/api/sessions/{session}/messages"), Some(token))
        .await;
    assert_eq!(status, 200, "{body}");
    body["session"].clone()
}

async fn chats_go_to_the_least_loaded_online_agent(db: Db) {
    let app = routed_app(db).await;
    let (bob, bob_token, bob_id) = app.staff_online("Bob", json!({ "capacity": 1 })).await;
    let (carol, _, carol_id) = app.staff_online("Carol", json!({ "capacity": 2 })).await;

    let (ada, first) = queued_visitor(&app, "Ada").await;
    let assigned = bob.wait_for("session:assigned", for_session(&first)).await;
    assert_eq!(
        assigned["session"]["agentId"],
        bob_id.as_str(),
        "a tie goes to the first agent"
    );
    assert!(
        assigned["messages"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["text"] == "Ada needs help"),
        "the agent gets the whole history: {assigned}"
    );
    let accepted = ada.wait_for("handoff:accepted", |_| true).await;
    assert_eq!(accepted["agent"]["displayName"], "Bob");
    carol
        .wait_for("queue:remove", |r| {
            r["sessionId"] == first && r["reason"] == "assigned"
        })
        .await;
    send(&bob, &first, "Hi Ada, Bob here").await;

    let (_ben, second) = queued_visitor(&app, "Ben").await;
    carol
        .wait_for("session:assigned", for_session(&second))
        .await;
    let (_cy, third) = queued_visitor(&app, "Cy").await;
    carol
        .wait_for("session:assigned", for_session(&third))
        .await;

    // Everyone is full: the fourth waits, told it is next.
    let (dee, fourth) = queued_visitor(&app, "Dee").await;
    let position = dee
        .wait_for("queue:position", |p| p["sessionId"] == fourth)
        .await;
    assert_eq!(position["position"], 1, "{position}");
    assert_eq!(
        session_status(&app, &bob_token, &fourth).await["status"],
        "queued_for_agent"
    );
    // Bob ends his chat: he has room, and the waiting chat is his.
    let closed = bob
        .call("session:close", json!({ "sessionId": first }))
        .await;
    assert_eq!(closed["ok"], true, "{closed}");
    bob.wait_for("session:assigned", for_session(&fourth)).await;
    assert!(
        carol
            .events("session:assigned")
            .iter()
            .all(|a| a["session"]["id"] != fourth.as_str()),
        "assigned once"
    );
    let team = app.get("/api/agents", Some(&bob_token)).await.1;
    let load = |id: &str| {
        team["agents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap()["activeChats"]
            .clone()
    };
    assert_eq!(load(&bob_id), 1);
    assert_eq!(load(&carol_id), 2);
    let claim = bob
        .call("agent:claim", json!({ "sessionId": fourth }))
        .await;
    assert_eq!(
        claim["ok"], true,
        "claiming one's own routed chat is a harmless retry: {claim}"
    );
}

async fn away_agents_get_no_new_chats(db: Db) {
    let app = routed_app(db).await;
    let (bob, bob_token, _) = app.staff_online("Bob", json!({})).await;
    let away = bob.call("agent:status", json!({ "status": "away" })).await;
    assert_eq!(away["ok"], true, "{away}");
    let (ada, session) = queued_visitor(&app, "Ada").await;
    ada.wait_for("queue:position", |p| p["position"] == 1).await;
    // A few router wake-ups later, it still waits.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        session_status(&app, &bob_token, &session).await["status"],
        "queued_for_agent"
    );
    assert!(bob.events("session:assigned").is_empty());
    bob.call("agent:status", json!({ "status": "online" }))
        .await;
    bob.wait_for("session:assigned", for_session(&session))
        .await;
}

/// Bob's laptop dies (no logout): within the grace period his chat goes
/// back to the front of the queue, ahead of one that was waiting, and the
/// next agent gets it.
async fn a_vanished_agent_loses_chats_to_the_front_of_the_queue(db: Db) {
    let app = routed_app(db).await;
    let (bob, _, _) = app.staff_online("Bob", json!({ "capacity": 1 })).await;
    let (ada, first) = queued_visitor(&app, "Ada").await;
    bob.wait_for("session:assigned", for_session(&first)).await;
    let (ben, waiting) = queued_visitor(&app, "Ben").await;
    ben.wait_for("queue:position", |p| p["position"] == 1).await;

    bob.close();
    ada.wait_for("message:new", |m| {
        m["senderType"] == "system"
            && m["text"] == "Bob left the chat; we are finding someone else."
    })
    .await;
    ada.wait_for("session:update", |s| s["status"] == "queued_for_agent")
        .await;
    ben.wait_for("queue:position", |p| p["position"] == 2).await;

    let (carol, _, _) = app.staff_online("Carol", json!({ "capacity": 1 })).await;
    let got = carol.wait_for("session:assigned", |_| true).await;
    assert_eq!(
        got["session"]["id"],
        first.as_str(),
        "the requeued chat goes first"
    );
    ada.wait_for("handoff:accepted", |a| a["agent"]["displayName"] == "Carol")
        .await;
    assert!(
        carol
            .events("session:assigned")
            .iter()
            .all(|a| a["session"]["id"] != waiting.as_str())
    );
}

async fn logout_and_deactivation_hand_chats_back(db: Db) {
    let app = routed_app(db).await;
    let admin = app.admin_token().await;
    let (bob, bob_token, _) = app.staff_online("Bob", json!({})).await;
    let (ada, first) = queued_visitor(&app, "Ada").await;
    bob.wait_for("session:assigned", for_session(&first)).await;
    let (status, _) = app
        .post("/api/auth/logout", Some(&bob_token), json!({}))
        .await;
    assert_eq!(status, 204);
    ada.wait_for("message:new", |m| {
        m["text"] == "Bob left the chat; we are finding someone else."
    })
    .await;

    let (carol, carol_token, carol_id) = app.staff_online("Carol", json!({})).await;
    carol
        .wait_for("session:assigned", for_session(&first))
        .await;
    let (status, body) = app
        .patch(
            &format!("/api/agents/{carol_id}"),
            Some(&admin),
            json!({ "active": false }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["agent"]["active"], false);
    assert_eq!(body["agent"]["status"], "offline");
    let lost = carol
        .wait_for("session:unassigned", for_session(&first))
        .await;
    assert_eq!(lost["reason"], "deactivated");
    assert!(
        carol.wait_closed().await,
        "a deactivated agent's sockets close"
    );
    ada.wait_for("message:new", |m| {
        m["text"] == "Carol left the chat; we are finding someone else."
    })
    .await;
    let (status, _) = app.get("/api/me", Some(&carol_token)).await;
    assert_eq!(status, 401, "a deactivated agent's token no longer works");
    assert_eq!(
        session_status(&app, &admin, &first).await["status"],
        "queued_for_agent"
    );
    let (status, body) = app
        .patch(
            &format!("/api/agents/{carol_id}"),
            Some(&admin),
            json!({ "active": true }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["agent"]["active"], true);
}

/// Two nodes, three agents of capacity two spread over them, twelve chats
/// asked for on both at once: six are routed, each once, nobody over two.
async fn two_nodes_route_each_chat_once(db: Db) {
    let url = fresh_database(db).await;
    let a = TestApp::spawn_on(&url, auto).await;
    let b = TestApp::spawn_on(&url, auto).await;
    let mut agents = Vec::new();
    for (i, name) in ["Bob", "Carol", "Dan"].into_iter().enumerate() {
        let node = if i % 2 == 0 { &a } else { &b };
        agents.push(node.staff_online(name, json!({ "capacity": 2 })).await);
    }
    let mut visitors = Vec::new();
    for i in 0..12 {
        let node = if i % 2 == 0 { &a } else { &b };
        let (client, _, _) = node.visitor(&format!("V{i}")).await;
        let session = open_session(&client).await;
        visitors.push((client, session));
    }
    let asks = visitors
        .iter()
        .map(|(client, session)| client.call("handoff:request", json!({ "sessionId": session })));
    for ack in futures::future::join_all(asks).await {
        assert_eq!(ack["ok"], true, "{ack}");
    }
    // The database is the judge (without Redis, each node's events reach
    // only its own sockets).
    let admin = a.admin_token().await;
    let count = |status: &'static str| {
        let (a, admin) = (&a, &admin);
        async move {
            let (_, body) = a
                .get(&format!("/api/sessions?status={status}"), Some(admin))
                .await;
            body["sessions"].as_array().unwrap().clone()
        }
    };
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while count("active_with_agent").await.len() < 6 {
        assert!(tokio::time::Instant::now() < deadline, "routing stalled");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await; // room for a wrong extra one
    let active = count("active_with_agent").await;
    assert_eq!(active.len(), 6, "exactly the free capacity is routed");
    assert_eq!(count("queued_for_agent").await.len(), 6);
    let (_, team) = b.get("/api/agents", Some(&admin)).await;
    for (_, _, id) in &agents {
        let agent = team["agents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id.as_str())
            .unwrap();
        assert_eq!(
            agent["activeChats"], 2,
            "each agent gets exactly its capacity: {agent}"
        );
    }
    let routed: usize = agents
        .iter()
        .map(|(c, _, _)| c.events("session:assigned").len())
        .sum();
    assert!(routed <= 6, "no chat announced as routed twice");
}

async fn overdue_chats_are_announced_until_taken(db: Db) {
    let url = fresh_database(db).await;
    let app = TestApp::spawn_on(&url, |c| {
        c.routing.alert_after = Duration::from_secs(1);
    })
    .await;
    let (bob, _) = app.agent("Bob").await;
    let (_ada, session) = queued_visitor(&app, "Ada").await;
    let first = bob
        .wait_for("queue:alert", |a| a["sessionId"] == session)
        .await;
    assert!(first["waitingSecs"].as_i64().unwrap() >= 1, "{first}");
    bob.wait_for("queue:alert", |a| {
        a["sessionId"] == session && a["waitingSecs"].as_i64().unwrap() >= 2
    })
    .await;
    let claim = bob
        .call("agent:claim", json!({ "sessionId": session }))
        .await;
    assert_eq!(claim["ok"], true, "{claim}");
    let alerts = bob.events("queue:alert").len();
    tokio::time::sleep(Duration::from_millis(1600)).await;
    assert_eq!(
        bob.events("queue:alert").len(),
        alerts,
        "no alert once someone has it"
    );
}

async fn transfer_hands_over_with_a_private_note(db: Db) {
    let app = routed_app(db).await;
    let (bob, _, _) = app.staff_online("Bob", json!({ "capacity": 1 })).await;
    let (ada, session) = queued_visitor(&app, "Ada").await;
    bob.wait_for("session:assigned", for_session(&session))
        .await;
    let (carol, _, carol_id) = app.staff_online("Carol", json!({})).await;
    let ack = bob
        .call(
            "session:transfer",
            json!({ "sessionId": session, "toAgentId": carol_id, "note": "VIP: refund approved" }),
        )
        .await;
    assert_eq!(ack["ok"], true, "{ack}");
    assert_eq!(ack["session"]["agentId"], carol_id.as_str());
    let got = carol
        .wait_for("session:assigned", for_session(&session))
        .await;
    assert_eq!(got["note"]["text"], "VIP: refund approved");
    assert_eq!(got["from"]["displayName"], "Bob");
    let lost = bob
        .wait_for("session:unassigned", for_session(&session))
        .await;
    assert_eq!(lost["reason"], "transferred");
    ada.wait_for("message:new", |m| {
        m["senderType"] == "system" && m["text"] == "Bob handed the chat to Carol."
    })
    .await;
    ada.wait_for("handoff:accepted", |a| a["agent"]["displayName"] == "Carol")
        .await;
    send(&carol, &session, "Carol here, refund on its way").await;
    let refused = bob
        .call(
            "message:send",
            json!({ "sessionId": session, "text": "still here?", "clientMsgId": "b-after" }),
        )
        .await;
    assert_ne!(
        refused["ok"], true,
        "the previous agent no longer writes: {refused}"
    );
    let everything = format!("{:?}", ada.all_events());
    assert!(
        !everything.contains("VIP"),
        "the visitor saw the note: {everything}"
    );
}

async fn bad_transfers_change_nothing(db: Db) {
    let app = routed_app(db).await;
    let (bob, bob_token, bob_id) = app.staff_online("Bob", json!({ "capacity": 1 })).await;
    let (ada, session) = queued_visitor(&app, "Ada").await;
    bob.wait_for("session:assigned", for_session(&session))
        .await;
    let (_off_token, offline_id) = app.staff("Olga", json!({})).await;
    let (dan, _, dan_id) = app.staff_online("Dan", json!({})).await;
    let transfer = |to: Value| json!({ "sessionId": session, "toAgentId": to });
    let cases = [
        (&bob, transfer(json!(offline_id)), "conflict"),
        (&bob, transfer(json!(uuid::Uuid::now_v7())), "not_found"),
        (&bob, transfer(json!(bob_id)), "invalid"),
        (&bob, transfer(json!("not-a-uuid")), "invalid"),
        (&bob, json!({ "sessionId": session }), "invalid"),
        (&dan, transfer(json!(dan_id)), "forbidden"),
        (&ada, transfer(json!(dan_id)), "forbidden"),
        (
            &bob,
            json!({ "sessionId": uuid::Uuid::now_v7(), "toAgentId": dan_id }),
            "forbidden",
        ),
    ];
    for (who, payload, code) in cases {
        let ack = who.call("session:transfer", payload.clone()).await;
        assert_eq!(error_code(&ack), code, "{payload} → {ack}");
    }
    let monitor = dan
        .call("session:monitor", json!({ "sessionId": session }))
        .await;
    assert_eq!(
        error_code(&monitor),
        "forbidden",
        "an agent is no supervisor"
    );
    let now = session_status(&app, &bob_token, &session).await;
    assert_eq!(now["agentId"], bob_id.as_str(), "still Bob's");
    assert!(dan.events("session:assigned").is_empty());
}

async fn supervisors_watch_silently_and_take_over(db: Db) {
    let app = routed_app(db).await;
    let (bob, _, _) = app.staff_online("Bob", json!({ "capacity": 1 })).await;
    let (sue, _, sue_id) = app
        .staff_online("Sue", json!({ "role": "supervisor", "capacity": 1 }))
        .await;
    let busy = sue.call("agent:status", json!({ "status": "away" })).await;
    assert_eq!(busy["ok"], true, "{busy}");
    let (ada, session) = queued_visitor(&app, "Ada").await;
    bob.wait_for("session:assigned", for_session(&session))
        .await;
    sue.wait_for("session:update", |s| {
        s["id"] == session && s["status"] == "active_with_agent"
    })
    .await;

    let watched = sue
        .call("session:monitor", json!({ "sessionId": session }))
        .await;
    assert_eq!(watched["ok"], true, "{watched}");
    assert_eq!(watched["session"]["agentDisplayName"], "Bob");
    assert!(
        watched["messages"].as_array().unwrap().len() >= 2,
        "{watched}"
    );
    assert_eq!(watched["notes"], json!([]));
    send(&ada, &session, "are you there?").await;
    sue.wait_for("message:new", |m| m["text"] == "are you there?")
        .await;
    let note = bob
        .call(
            "note:add",
            json!({ "sessionId": session, "text": "angry customer" }),
        )
        .await;
    assert_eq!(note["ok"], true, "{note}");
    sue.wait_for("note:new", |n| n["text"] == "angry customer")
        .await;

    let take = sue
        .call(
            "session:transfer",
            json!({ "sessionId": session, "toAgentId": sue_id }),
        )
        .await;
    assert_eq!(take["ok"], true, "{take}");
    sue.wait_for("session:assigned", for_session(&session))
        .await;
    bob.wait_for("session:unassigned", |u| u["reason"] == "transferred")
        .await;
    ada.wait_for("message:new", |m| m["text"] == "Sue took over the chat.")
        .await;
    send(&sue, &session, "I'm the supervisor, let me help").await;
    let everything = format!("{:?}", ada.all_events());
    assert!(!everything.contains("angry"), "{everything}");
}

async fn capacity_and_roles_are_checked(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.admin_token().await;
    let (bob_token, bob_id) = app.staff("Bob", json!({})).await;
    let path = format!("/api/agents/{bob_id}");
    for (body, status) in [
        (json!({ "capacity": 0 }), 400),
        (json!({ "capacity": 51 }), 400),
        (json!({ "capacity": -3 }), 400),
        (json!({ "capacity": "3" }), 400),
        (json!({ "role": "user" }), 400),
        (json!({ "role": "boss" }), 400),
        (json!({ "displayName": "" }), 400),
        (json!({ "nope": 1 }), 400),
    ] {
        let (got, answer) = app.patch(&path, Some(&admin), body.clone()).await;
        assert_eq!(got, status, "{body} → {answer}");
    }
    let (got, _) = app
        .patch(&path, Some(&bob_token), json!({ "capacity": 5 }))
        .await;
    assert_eq!(got, 403, "agents do not change accounts");
    let (got, _) = app
        .patch(
            &format!("/api/agents/{}", uuid::Uuid::now_v7()),
            Some(&admin),
            json!({ "capacity": 2 }),
        )
        .await;
    assert_eq!(got, 404);
    let (_, me) = app.get("/api/me", Some(&admin)).await;
    let (got, answer) = app
        .patch(
            &format!("/api/agents/{}", me["user"]["id"].as_str().unwrap()),
            Some(&admin),
            json!({ "active": false }),
        )
        .await;
    assert_eq!(got, 409, "no admin locks themself out: {answer}");
    let (got, _) = app
        .post(
            "/api/agents",
            Some(&admin),
            json!({ "email": "zed@agents.test", "password": "agent-password-1", "displayName": "Zed", "capacity": 0 }),
        )
        .await;
    assert_eq!(got, 400);
    let (_, team) = app.get("/api/agents", Some(&admin)).await;
    assert!(
        team["agents"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["displayName"] != "Zed"),
        "a refused account is not created"
    );
    let bob = team["agents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == bob_id.as_str())
        .unwrap()
        .clone();
    assert_eq!(bob["capacity"], 3, "nothing changed: {bob}");
    let (got, body) = app
        .patch(
            &path,
            Some(&admin),
            json!({ "capacity": 5, "role": "supervisor" }),
        )
        .await;
    assert_eq!(got, 200, "{body}");
    assert_eq!(body["agent"]["capacity"], 5);
    assert_eq!(body["agent"]["role"], "supervisor");
}

on_both_databases!(
    chats_go_to_the_least_loaded_online_agent,
    away_agents_get_no_new_chats,
    a_vanished_agent_loses_chats_to_the_front_of_the_queue,
    logout_and_deactivation_hand_chats_back,
    two_nodes_route_each_chat_once,
    overdue_chats_are_announced_until_taken,
    transfer_hands_over_with_a_private_note,
    bad_transfers_change_nothing,
    supervisors_watch_silently_and_take_over,
    capacity_and_roles_are_checked,
);
