//! Contacts: every visitor is one; a signed-in customer (HMAC of their id)
//! is the same user on every device; the agent sees the page and the
//! history; tags are the chat's agent's (or a supervisor's) to set.

use hmac::{Hmac, Mac};
use serde_json::json;
use sha2::Sha256;

use super::active_chat;
use crate::helpers::{Db, TestApp, error_code, fresh_database, open_session};
use crate::on_both_databases;

const SECRET: &str = "identity-secret-for-tests";

fn hash(id: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(id.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

async fn with_identity(db: Db) -> TestApp {
    TestApp::spawn_on(&fresh_database(db).await, |c| {
        c.workspace.identity_secret = Some(SECRET.into());
    })
    .await
}

async fn a_signed_in_customer_is_one_contact_on_every_device(db: Db) {
    let app = with_identity(db).await;
    let identity = json!({ "externalId": "cust-42", "name": "Vera Lynn", "email": "vera@shop.test", "hash": hash("cust-42") });
    let laptop = app.socket(None).await;
    let ack = laptop
        .call("hello", json!({ "role": "user", "identity": identity }))
        .await;
    assert_eq!(ack["ok"], true, "{ack}");
    assert_eq!(ack["user"]["displayName"], "Vera Lynn");
    let user = ack["user"]["id"].clone();
    let session = open_session(&laptop).await;

    // The phone: the same user, the open chat listed and joinable.
    let phone = app.socket(None).await;
    let ack = phone
        .call("hello", json!({ "role": "user", "identity": identity }))
        .await;
    assert_eq!(ack["user"]["id"], user, "{ack}");
    assert_eq!(ack["sessions"][0]["id"], session.as_str());
    let joined = phone
        .call("session:join", json!({ "sessionId": session }))
        .await;
    assert_eq!(joined["ok"], true, "{joined}");

    // A wrong hash, another's hash, no secret: refused, nothing created.
    for bad in [
        json!({ "externalId": "cust-42", "hash": "00".repeat(32) }),
        json!({ "externalId": "cust-43", "hash": hash("cust-42") }),
        json!({ "externalId": "cust-42", "hash": "not-hex" }),
    ] {
        let s = app.socket(None).await;
        let ack = s
            .call("hello", json!({ "role": "user", "identity": bad }))
            .await;
        assert_eq!(error_code(&ack), "unauthorized", "{ack}");
    }
    let ack = app
        .socket(None)
        .await
        .call(
            "hello",
            json!({ "role": "user", "identity": { "externalId": "x" } }),
        )
        .await;
    assert_eq!(error_code(&ack), "invalid", "no hash");

    // The agent sees a verified contact with both devices' history.
    let agent = app.agent_token("Bob").await;
    let (status, body) = app
        .get(
            &format!("/api/contacts/{}", user.as_str().unwrap()),
            Some(&agent),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["contact"]["verified"], true);
    assert_eq!(body["contact"]["externalId"], "cust-42");
    assert_eq!(body["contact"]["email"], "vera@shop.test");
    assert_eq!(body["contact"]["sessionCount"], 1);
    assert_eq!(body["sessions"][0]["contactId"], user);
}

async fn identity_needs_a_secret(db: Db) {
    let app = TestApp::spawn(db).await;
    let s = app.socket(None).await;
    let identity = json!({ "externalId": "cust-1", "hash": hash("cust-1") });
    let ack = s
        .call("hello", json!({ "role": "user", "identity": identity }))
        .await;
    assert_eq!(error_code(&ack), "unauthorized");
    assert!(
        ack["error"]["message"]
            .as_str()
            .unwrap()
            .contains("IDENTITY_SECRET")
    );
}

async fn the_agent_sees_the_page_history_and_sets_tags(db: Db) {
    let app = TestApp::spawn(db).await;
    let chat = active_chat(&app, "Ada", "where is my parcel").await;
    let page = json!({
        "sessionId": chat.session,
        "url": "https://shop.test/orders/77",
        "title": "Order 77",
        "referrer": "https://search.test/?q=shop",
    });
    let ack = chat.visitor.call("visitor:page", page.clone()).await;
    assert_eq!(ack["ok"], true, "{ack}");
    let update = chat
        .agent
        .wait_for("session:update", |s| {
            s["page"]["url"] == "https://shop.test/orders/77"
        })
        .await;
    assert_eq!(update["page"]["title"], "Order 77");
    assert_eq!(update["page"]["referrer"], "https://search.test/?q=shop");
    for bad in [
        json!({ "sessionId": chat.session, "url": "javascript:alert(1)" }),
        json!({ "sessionId": chat.session, "url": "https://x.test", "referrer": "file:///etc/passwd" }),
        json!({ "sessionId": chat.session }),
    ] {
        assert_eq!(
            error_code(&chat.visitor.call("visitor:page", bad.clone()).await),
            "invalid",
            "{bad}"
        );
    }
    assert_eq!(
        error_code(&chat.agent.call("visitor:page", page).await),
        "forbidden",
        "only the visitor says where they are"
    );

    // Tags: the chat's agent sets them; they are normalised; bad ones change nothing.
    let tags = format!("/api/sessions/{}/tags", chat.session);
    let (status, body) = app
        .put(
            &tags,
            Some(&chat.agent_token),
            json!({ "tags": ["Shipping", "vip", "shipping"] }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["session"]["tags"], json!(["shipping", "vip"]));
    chat.agent
        .wait_for("session:update", |s| {
            s["tags"] == json!(["shipping", "vip"])
        })
        .await;
    for bad in [
        json!({ "tags": ["<b>"] }),
        json!({ "tags": "vip" }),
        json!({ "tags": [""] }),
    ] {
        let (status, _) = app.put(&tags, Some(&chat.agent_token), bad.clone()).await;
        assert_eq!(status, 400, "{bad}");
    }
    let carol = app.agent_token("Carol").await;
    assert_eq!(
        app.put(&tags, Some(&carol), json!({ "tags": ["x"] }))
            .await
            .0,
        403
    );
    assert_eq!(
        app.put(&tags, Some(&chat.visitor_token), json!({ "tags": ["x"] }))
            .await
            .0,
        403
    );
    assert_eq!(app.put(&tags, None, json!({ "tags": ["x"] })).await.0, 401);
    let (_, session) = app
        .get(
            &format!("/api/sessions/{}/messages", chat.session),
            Some(&carol),
        )
        .await;
    assert_eq!(
        session["session"]["tags"],
        json!(["shipping", "vip"]),
        "unchanged"
    );

    // The contact: an unverified visitor, with this chat and the page's session.
    let (status, body) = app
        .get(&format!("/api/contacts/{}", chat.visitor_id), Some(&carol))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["contact"]["verified"], false);
    assert_eq!(body["contact"]["displayName"], "Ada");
    assert_eq!(body["sessions"][0]["page"]["title"], "Order 77");
    assert_eq!(
        app.get(
            &format!("/api/contacts/{}", chat.visitor_id),
            Some(&chat.visitor_token)
        )
        .await
        .0,
        403
    );
    let (status, _) = app
        .get(
            &format!("/api/contacts/{}", uuid::Uuid::now_v7()),
            Some(&carol),
        )
        .await;
    assert_eq!(status, 404);
    let bob_id = &chat
        .agent
        .call(
            "hello",
            json!({ "role": "agent", "token": chat.agent_token }),
        )
        .await["user"]["id"];
    let (status, _) = app
        .get(
            &format!("/api/contacts/{}", bob_id.as_str().unwrap()),
            Some(&carol),
        )
        .await;
    assert_eq!(status, 404, "staff are not contacts");
}

on_both_databases!(
    a_signed_in_customer_is_one_contact_on_every_device,
    identity_needs_a_secret,
    the_agent_sees_the_page_history_and_sets_tags,
);
