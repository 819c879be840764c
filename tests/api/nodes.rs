//! Several `webchat` processes on one Postgres and one Redis behave as one:
//! a visitor on one node and its agent on another chat live, the queue
//! reaches every agent, `/admin` sees everything, and a node that dies loses
//! no acked message while its clients resume on another.

use serde_json::json;
use uuid::Uuid;

use crate::helpers::{
    ADMIN_EMAIL, ADMIN_PASSWORD, Db, fresh_database, open_session, patient, send, spawn_binary_with,
};
use crate::socket::Client;

fn redis_available() -> bool {
    if std::net::TcpStream::connect("127.0.0.1:6379").is_ok() {
        return true;
    }
    assert!(
        std::env::var("CI").is_err(),
        "CI needs Redis on 127.0.0.1:6379"
    );
    eprintln!("no Redis on 127.0.0.1:6379: skipping the multi-node test");
    false
}

async fn login(port: u16, email: &str, password: &str) -> String {
    let res = reqwest::Client::new()
        .post(format!("http://127.0.0.1:{port}/api/auth/login"))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = res.json().await.unwrap();
    body["token"].as_str().expect("a token").to_string()
}

async fn agent_on(port: u16, admin: &str, name: &str) -> Client {
    let email = format!("{}@nodes.test", Uuid::now_v7().simple());
    let created = reqwest::Client::new()
        .post(format!("http://127.0.0.1:{port}/api/agents"))
        .bearer_auth(admin)
        .json(&json!({ "email": email, "password": "agent-password-1", "displayName": name }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status().as_u16(), 201);
    let token = login(port, &email, "agent-password-1").await;
    let client = Client::connect(port, "/", Some(json!({ "token": token })))
        .await
        .unwrap();
    client
        .call("hello", json!({ "role": "agent", "token": token }))
        .await;
    client
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_behave_as_one() {
    if !crate::helpers::postgres_available() || !redis_available() {
        return;
    }
    let url = fresh_database(Db::Postgres).await;
    let prefix = format!("webchat-test-{}", Uuid::now_v7().simple());
    let env = [
        ("REDIS_URL", "redis://127.0.0.1:6379"),
        ("REDIS_PREFIX", prefix.as_str()),
    ];
    let (mut node_a, a) = spawn_binary_with(&url, &env).await;
    let (_node_b, b) = spawn_binary_with(&url, &env).await;
    let admin_token = login(a, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let admin = Client::connect(b, "/admin", Some(json!({ "token": admin_token })))
        .await
        .unwrap();

    let ada = Client::connect(a, "/", None).await.unwrap();
    let hello = ada
        .call("hello", json!({ "role": "user", "displayName": "Ada" }))
        .await;
    let token = hello["token"].as_str().unwrap().to_string();
    let session = open_session(&ada).await;
    let first = send(&ada, &session, "hello from node A").await;
    admin
        .wait_for("admin:message:new", |m| m["id"] == first["id"])
        .await;

    let agent_a = agent_on(a, &admin_token, "Alice").await;
    let agent_b = agent_on(b, &admin_token, "Bob").await;
    ada.call("handoff:request", json!({ "sessionId": session }))
        .await;
    for agent in [&agent_a, &agent_b] {
        agent
            .wait_for("queue:new", |q| q["sessionId"] == session.as_str())
            .await;
    }
    let claims = futures::future::join(
        agent_a.call("agent:claim", json!({ "sessionId": session })),
        agent_b.call("agent:claim", json!({ "sessionId": session })),
    )
    .await;
    let (winner, winner_name) = if claims.0["ok"] == true {
        (&agent_a, "Alice")
    } else {
        (&agent_b, "Bob")
    };
    assert_ne!(
        claims.0["ok"], claims.1["ok"],
        "exactly one claim wins across nodes: {claims:?}"
    );
    let accepted = ada.wait_for("handoff:accepted", |_| true).await;
    assert_eq!(accepted["agent"]["displayName"], winner_name);
    for agent in [&agent_a, &agent_b] {
        agent
            .wait_for("queue:remove", |q| q["sessionId"] == session.as_str())
            .await;
    }
    let reply = send(winner, &session, "hi Ada, from the other side").await;
    ada.wait_for("message:new", |m| m["id"] == reply["id"])
        .await;
    let answer = send(&ada, &session, "thanks").await;
    winner
        .wait_for("message:new", |m| m["id"] == answer["id"])
        .await;
    admin
        .wait_for("admin:message:new", |m| m["id"] == answer["id"])
        .await;

    // Node A dies: nothing acked is lost and Ada resumes on node B.
    node_a.kill().await.unwrap();
    let last_seen = answer["seq"].as_i64().unwrap();
    let (missed_text, winner_on_b) = if winner_name == "Bob" {
        ("while you were away", true)
    } else {
        ("", false)
    };
    if winner_on_b {
        send(&agent_b, &session, missed_text).await;
    }
    let back = Client::connect(b, "/", Some(json!({ "token": token })))
        .await
        .unwrap();
    back.call("hello", json!({ "role": "user", "token": token }))
        .await;
    let joined = patient(
        &back,
        "session:join",
        json!({ "sessionId": session, "afterSeq": last_seen }),
    )
    .await;
    let missed = joined["messages"].as_array().unwrap();
    if winner_on_b {
        assert_eq!(missed.len(), 1, "{joined}");
        assert_eq!(missed[0]["text"], missed_text);
    }
    let all = patient(&back, "session:join", json!({ "sessionId": session })).await;
    let texts: Vec<&str> = all["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert!(
        texts.contains(&"hello from node A") && texts.contains(&"thanks"),
        "acked messages survive: {texts:?}"
    );
}
