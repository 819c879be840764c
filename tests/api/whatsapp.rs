//! WhatsApp through Twilio: signed webhooks, idempotency on MessageSid, the
//! same bot, queue and agents, outbound sends with retries, and delivery
//! statuses — against a local stand-in of Twilio's Messages API.

use futures::future::join_all;
use serde_json::{Value, json};
use uuid::Uuid;
use webchat::domain::model::SenderType;

use crate::helpers::{Db, TestApp, error_code, fresh_database};
use crate::on_both_databases;
use crate::twilio::{
    ACCOUNT_SID, AUTH_TOKEN, FROM, PUBLIC_BASE, TwilioStandIn, official_signature,
};

pub(crate) async fn spawn(db: Db, twilio: &TwilioStandIn, signed: bool) -> TestApp {
    let url = fresh_database(db).await;
    let base = twilio.base.clone();
    TestApp::spawn_on(&url, move |c| {
        c.public_base_url = Some(PUBLIC_BASE.into());
        c.twilio.account_sid = Some(ACCOUNT_SID.into());
        c.twilio.auth_token = signed.then(|| AUTH_TOKEN.into());
        c.twilio.whatsapp_from = Some(FROM.into());
        c.twilio.api_base = base;
    })
    .await
}

/// Posts a webhook form; `sign`: with the official library's signature.
async fn webhook(app: &TestApp, path: &str, params: &[(&str, &str)], sign: bool) -> (u16, String) {
    let mut req = app.http.post(app.url(path)).form(params);
    if sign {
        req = req.header(
            "X-Twilio-Signature",
            official_signature(&format!("{PUBLIC_BASE}{path}"), params),
        );
    }
    let res = req.send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

pub(crate) async fn inbound(app: &TestApp, from: &str, sid: &str, body: &str) -> (u16, String) {
    let params = [
        ("MessageSid", sid),
        ("From", from),
        ("To", FROM),
        ("Body", body),
        ("ProfileName", "Wanda"),
        ("NumMedia", "0"),
    ];
    webhook(app, "/webhooks/twilio/whatsapp", &params, true).await
}

pub(crate) fn sid() -> String {
    format!("SM{}", Uuid::now_v7().simple())
}

/// A WhatsApp user talks to the bot, asks for a human, an agent answers,
/// Twilio reports delivery; retries of the same MessageSid store nothing new.
async fn whatsapp_conversation(db: Db) {
    let twilio = TwilioStandIn::start().await;
    let app = spawn(db, &twilio, true).await;
    let wanda = "whatsapp:+15550001111";
    let first = sid();
    let (status, body) = inbound(&app, wanda, &first, "Do you ship to Norway?").await;
    assert_eq!(status, 200);
    assert!(body.contains("<Response/>"), "{body}");
    let calls = twilio.wait_for(|c| c.iter().any(|s| s.to == wanda)).await;
    let reply = calls.iter().find(|s| s.to == wanda).unwrap();
    assert_eq!(reply.from, FROM);
    assert_eq!(
        reply.status_callback.as_deref(),
        Some(&*format!("{PUBLIC_BASE}/webhooks/twilio/status"))
    );

    let retries =
        join_all((0..4).map(|_| inbound(&app, wanda, &first, "Do you ship to Norway?"))).await;
    assert!(retries.iter().all(|(s, _)| *s == 200));
    let user = app
        .store
        .user_by_external_id(wanda)
        .await
        .unwrap()
        .expect("the number has a user");
    let session = app
        .store
        .open_sessions_for_user(user.id)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(session.user_display_name, "Wanda");
    let messages = app.store.messages_after(session.id, 0, 100).await.unwrap();
    assert_eq!(
        messages
            .iter()
            .filter(|m| m.sender_type == SenderType::User)
            .count(),
        1,
        "Twilio's retries store once"
    );
    assert_eq!(
        messages
            .iter()
            .filter(|m| m.sender_type == SenderType::Bot)
            .count(),
        1,
        "and the bot answers once"
    );

    let (bob, bob_token) = app.agent("Bob").await;
    inbound(&app, wanda, &sid(), "HUMAN").await;
    let entry = bob
        .wait_for("queue:new", |q| {
            q["sessionId"] == session.id.to_string().as_str()
        })
        .await;
    assert_eq!(entry["channel"], "whatsapp");
    assert!(
        entry["preview"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["text"] == "Do you ship to Norway?")
    );
    bob.call("agent:claim", json!({ "sessionId": session.id }))
        .await;

    // A photo: fetched from Twilio with the account's credentials and kept
    // as an attachment, read by the agent like any other.
    let media_url = format!(
        "{}/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/MM1f/Media/ME01",
        twilio.base
    );
    let media = [
        ("MessageSid", "MM0000000000000000000000000000001f"),
        ("From", wanda),
        ("Body", ""),
        ("NumMedia", "2"),
        ("MediaUrl0", media_url.as_str()),
        ("MediaContentType0", "image/png"),
        ("MediaUrl1", "https://evil.example/steal"),
        ("MediaContentType1", "image/png"),
    ];
    assert_eq!(
        webhook(&app, "/webhooks/twilio/whatsapp", &media, true)
            .await
            .0,
        200
    );
    let photo = bob
        .wait_for("message:new", |m| m["attachments"].is_array())
        .await;
    let file = &photo["attachments"][0];
    assert_eq!(file["contentType"], "image/png");
    assert_eq!(
        photo["attachments"].as_array().unwrap().len(),
        1,
        "only Twilio's host is fetched"
    );
    assert_eq!(photo["text"], "(1 file could not be received)");
    let bytes = app
        .http
        .get(app.url(file["url"].as_str().unwrap()))
        .bearer_auth(&bob_token)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(bytes.as_ref(), crate::twilio::MEDIA_PNG);

    // The agent's file goes to Twilio as a signed link that needs no token.
    let (status, up) = crate::workspace::attachments::upload(
        &app,
        Some(&bob_token),
        &session.id.to_string(),
        "map.png",
        "image/png",
        crate::workspace::attachments::PNG,
    )
    .await;
    assert_eq!(status, 201, "{up}");
    let ack = bob
        .call(
            "message:send",
            json!({ "sessionId": session.id, "text": "Here is the map", "clientMsgId": "b0", "attachmentIds": [up["attachment"]["id"]] }),
        )
        .await;
    assert_eq!(ack["ok"], true, "{ack}");
    let calls = twilio
        .wait_for(|c| c.iter().any(|s| s.body == "Bob: Here is the map"))
        .await;
    let link = calls
        .iter()
        .find(|s| s.body == "Bob: Here is the map")
        .unwrap()
        .media[0]
        .clone();
    let path = link
        .strip_prefix(PUBLIC_BASE)
        .expect("a link on the public URL");
    let fetched = app.http.get(app.url(path)).send().await.unwrap();
    assert_eq!(fetched.status(), 200, "Twilio fetches it without a token");
    assert_eq!(
        fetched.bytes().await.unwrap().as_ref(),
        crate::workspace::attachments::PNG
    );
    let tampered = path.replace("sig=", "sig=00");
    assert_eq!(
        app.http
            .get(app.url(&tampered))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );

    let ack = bob
        .call(
            "message:send",
            json!({ "sessionId": session.id, "text": "Yes, we do!", "clientMsgId": "b1" }),
        )
        .await;
    let agent_message = ack["message"]["id"].as_str().unwrap().to_string();
    let calls = twilio
        .wait_for(|c| c.iter().any(|s| s.body == "Bob: Yes, we do!"))
        .await;
    let twilio_sid = calls
        .iter()
        .find(|s| s.body == "Bob: Yes, we do!")
        .unwrap()
        .sid
        .clone()
        .unwrap();
    let bot_after_agent = app.store.messages_after(session.id, 0, 100).await.unwrap();
    assert_eq!(
        bot_after_agent
            .iter()
            .filter(|m| m.sender_type == SenderType::Bot)
            .count(),
        1,
        "no bot once an agent has the chat"
    );

    let status = |s: &'static str, code: Option<&'static str>| {
        let mut p = vec![
            ("MessageSid", twilio_sid.clone()),
            ("MessageStatus", s.to_string()),
        ];
        if let Some(code) = code {
            p.push(("ErrorCode", code.to_string()));
        }
        p
    };
    for (s, code) in [("delivered", None), ("sent", None)] {
        let p = status(s, code);
        let params: Vec<(&str, &str)> = p.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            webhook(&app, "/webhooks/twilio/status", &params, true)
                .await
                .0,
            204
        );
    }
    bob.wait_for("message:status", |s| {
        s["messageId"] == agent_message.as_str() && s["deliveryStatus"] == "delivered"
    })
    .await;
    let stored = app.store.messages_after(session.id, 0, 100).await.unwrap();
    let stored = stored
        .iter()
        .find(|m| m.id.to_string() == agent_message)
        .unwrap();
    assert_eq!(
        stored.delivery_status.as_deref(),
        Some("delivered"),
        "a late 'sent' does not move it back"
    );
    assert!(
        !bob.events("message:status")
            .iter()
            .any(|s| s["deliveryStatus"] == "sent")
    );

    inbound(&app, wanda, &sid(), "end").await;
    bob.wait_for("session:end:requested", |r| {
        r["sessionId"] == session.id.to_string().as_str()
    })
    .await;
}

/// Unsigned, badly signed and tampered webhooks are refused and store nothing.
async fn signatures_are_checked(db: Db) {
    let twilio = TwilioStandIn::start().await;
    let app = spawn(db, &twilio, true).await;
    let mallory = "whatsapp:+15550002222";
    let s = sid();
    let params = [
        ("MessageSid", s.as_str()),
        ("From", mallory),
        ("Body", "hi"),
    ];
    assert_eq!(
        webhook(&app, "/webhooks/twilio/whatsapp", &params, false)
            .await
            .0,
        403,
        "unsigned"
    );
    let forged = app
        .http
        .post(app.url("/webhooks/twilio/whatsapp"))
        .header("X-Twilio-Signature", "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")
        .form(&params)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status().as_u16(), 403, "wrong signature");
    let signed_for_other = official_signature(
        &format!("{PUBLIC_BASE}/webhooks/twilio/whatsapp"),
        &[
            ("MessageSid", s.as_str()),
            ("From", mallory),
            ("Body", "hello"),
        ],
    );
    let tampered = app
        .http
        .post(app.url("/webhooks/twilio/whatsapp"))
        .header("X-Twilio-Signature", signed_for_other)
        .form(&params)
        .send()
        .await
        .unwrap();
    assert_eq!(tampered.status().as_u16(), 403, "a changed body");
    let status = [("MessageSid", "SM1"), ("MessageStatus", "read")];
    assert_eq!(
        webhook(&app, "/webhooks/twilio/status", &status, false)
            .await
            .0,
        403
    );
    assert!(
        app.store
            .user_by_external_id(mallory)
            .await
            .unwrap()
            .is_none(),
        "nothing stored"
    );
    let (code, _) = webhook(&app, "/twilio/whatsapp", &params, true).await;
    assert_eq!(code, 200, "the alias path, properly signed");
    let bad_form = [
        ("MessageSid", "SM2"),
        ("From", "not-a-number"),
        ("Body", "x"),
    ];
    assert_eq!(
        webhook(&app, "/webhooks/twilio/whatsapp", &bad_form, true)
            .await
            .0,
        400
    );
}

/// 429 and 5xx are retried (Retry-After honoured) until Twilio accepts, once;
/// a refusal marks the message failed and tells the agent why.
async fn outbound_retries_and_refusals(db: Db) {
    let twilio = TwilioStandIn::start().await;
    twilio.script(&[(429, Some(1), Some(20429)), (503, None, None)]);
    let app = spawn(db, &twilio, true).await;
    let wanda = "whatsapp:+15550003333";
    inbound(&app, wanda, &sid(), "hello").await;
    let calls = twilio.wait_for(|c| c.iter().any(|s| s.sid.is_some())).await;
    assert_eq!(calls.len(), 3, "two failures, then accepted: {calls:#?}");
    assert_eq!(twilio.accepted_to(wanda).len(), 1, "sent once");

    let (bob, _) = app.agent("Bob").await;
    inbound(&app, wanda, &sid(), "agent").await;
    let user = app.store.user_by_external_id(wanda).await.unwrap().unwrap();
    let session = app
        .store
        .open_sessions_for_user(user.id)
        .await
        .unwrap()
        .remove(0);
    bob.call("agent:claim", json!({ "sessionId": session.id }))
        .await;
    // Let the queue drain (the join notice goes out) before scripting a refusal.
    twilio
        .wait_for(|c| {
            c.iter()
                .any(|s| s.body.contains("joined the chat") && s.sid.is_some())
        })
        .await;
    twilio.script(&[(400, None, Some(63016))]);
    let ack = bob
        .call(
            "message:send",
            json!({ "sessionId": session.id, "text": "late reply", "clientMsgId": "x" }),
        )
        .await;
    let id = ack["message"]["id"].as_str().unwrap().to_string();
    let failed = bob
        .wait_for("message:status", |s| {
            s["messageId"] == id.as_str() && s["deliveryStatus"] == "failed"
        })
        .await;
    assert!(
        failed["deliveryError"].as_str().unwrap().contains("63016"),
        "{failed}"
    );
    let sends = twilio
        .calls()
        .iter()
        .filter(|c| c.body == "Bob: late reply")
        .count();
    assert_eq!(sends, 1, "a refusal is not retried");
}

/// Without `TWILIO_AUTH_TOKEN`, webhooks are refused (403, nothing stored)
/// unless `TWILIO_ALLOW_UNSIGNED=true`.
async fn unsigned_webhooks_are_refused_by_default(db: Db) {
    let app = TestApp::spawn(db).await;
    let params = [
        ("MessageSid", "SM00000000000000000000000000000043"),
        ("From", "whatsapp:+15550005555"),
        ("Body", "hi"),
    ];
    for path in ["/webhooks/twilio/whatsapp", "/webhooks/twilio/status"] {
        let res = app
            .http
            .post(app.url(path))
            .form(&params)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 403, "{path}");
    }
    let user = app
        .store
        .user_by_external_id("whatsapp:+15550005555")
        .await
        .unwrap();
    assert!(user.is_none(), "nothing stored");
}

/// With `TWILIO_ALLOW_UNSIGNED=true` and no credentials (a local trial) the
/// channel takes messages and the bot answers; sends are skipped and marked
/// as not sent.
async fn works_without_credentials(db: Db) {
    let url = fresh_database(db).await;
    let app = TestApp::spawn_on(&url, |c| c.twilio.allow_unsigned = true).await;
    let params = [
        ("MessageSid", "SM00000000000000000000000000000042"),
        ("From", "whatsapp:+15550004444"),
        ("Body", "hi"),
    ];
    let res = app
        .http
        .post(app.url("/webhooks/twilio/whatsapp"))
        .form(&params)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status().as_u16(),
        200,
        "unsigned accepted when allowed and no auth token is configured"
    );
    let user = app
        .store
        .user_by_external_id("whatsapp:+15550004444")
        .await
        .unwrap()
        .unwrap();
    let session = app
        .store
        .open_sessions_for_user(user.id)
        .await
        .unwrap()
        .remove(0);
    for _ in 0..200 {
        let messages = app.store.messages_after(session.id, 0, 10).await.unwrap();
        if let Some(bot) = messages.iter().find(|m| m.sender_type == SenderType::Bot)
            && bot.delivery_status.as_deref() == Some("failed")
        {
            assert!(
                bot.delivery_error
                    .as_deref()
                    .unwrap()
                    .contains("not configured")
            );
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the bot's reply was never marked as not sent");
}

/// One open session per number, even when first messages race.
async fn one_open_session_per_number(db: Db) {
    let twilio = TwilioStandIn::start().await;
    let app = spawn(db, &twilio, true).await;
    let number = "whatsapp:+15550005555";
    let sids: Vec<String> = (0..5).map(|_| sid()).collect();
    let results = join_all(sids.iter().map(|s| inbound(&app, number, s, "hi there"))).await;
    assert!(results.iter().all(|(s, _)| *s == 200), "{results:?}");
    let user = app
        .store
        .user_by_external_id(number)
        .await
        .unwrap()
        .unwrap();
    let open = app.store.open_sessions_for_user(user.id).await.unwrap();
    assert_eq!(open.len(), 1, "one open session");
    let messages = app.store.messages_after(open[0].id, 0, 100).await.unwrap();
    assert_eq!(
        messages
            .iter()
            .filter(|m| m.sender_type == SenderType::User)
            .count(),
        5
    );
    let visitor = app.socket(None).await;
    let hello = visitor
        .call("hello", json!({ "role": "user", "displayName": "x" }))
        .await;
    let spoof = visitor
        .call("session:create", json!({ "channel": "whatsapp" }))
        .await;
    assert_eq!(
        error_code(&spoof),
        "invalid",
        "web clients cannot open WhatsApp sessions: {hello}"
    );
    let _: Value = hello;
}

on_both_databases!(
    whatsapp_conversation,
    signatures_are_checked,
    outbound_retries_and_refusals,
    works_without_credentials,
    unsigned_webhooks_are_refused_by_default,
    one_open_session_per_number,
);
