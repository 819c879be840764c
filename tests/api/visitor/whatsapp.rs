//! On WhatsApp, a chat that reached the team ends with the bot asking for a
//! rating; a digit answers it (once), and the user is thanked in the
//! language they write in.

use serde_json::json;

use crate::helpers::Db;
use crate::on_both_databases;
use crate::twilio::TwilioStandIn;
use crate::whatsapp::{inbound, sid, spawn};

async fn a_digit_rates_the_whatsapp_chat(db: Db) {
    let twilio = TwilioStandIn::start().await;
    let app = spawn(db, &twilio, true).await;
    let wanda = "whatsapp:+15550002222";
    inbound(
        &app,
        wanda,
        &sid(),
        "Hola, quisiera saber dónde está mi pedido, por favor",
    )
    .await;
    let (bob, _) = app.agent("Bob").await;
    inbound(&app, wanda, &sid(), "HUMAN").await;
    let entry = bob.wait_for("queue:new", |_| true).await;
    let session = entry["sessionId"].as_str().unwrap().to_string();
    let claimed = bob
        .call("agent:claim", json!({ "sessionId": session }))
        .await;
    assert_eq!(claimed["ok"], true, "{claimed}");
    let closed = bob
        .call("session:close", json!({ "sessionId": session }))
        .await;
    assert_eq!(closed["ok"], true, "{closed}");
    let asked = twilio
        .wait_for(|c| {
            c.iter()
                .any(|s| s.to == wanda && s.body.contains("del 1 (mal) al 5"))
        })
        .await;
    assert!(
        asked
            .iter()
            .any(|s| s.body.starts_with("Bob terminó el chat.")),
        "in Spanish: {asked:?}"
    );

    let rating_sid = sid();
    inbound(&app, wanda, &rating_sid, "4").await;
    inbound(&app, wanda, &rating_sid, "4").await; // Twilio retries
    twilio
        .wait_for(|c| {
            c.iter()
                .any(|s| s.to == wanda && s.body == "¡Gracias por tu opinión!")
        })
        .await;
    let id = uuid::Uuid::parse_str(&session).unwrap();
    let rated = app.store.get_session(id).await.unwrap();
    assert_eq!(rated.csat.map(|c| c.rating), Some(4));
    let user = app.store.user_by_external_id(wanda).await.unwrap().unwrap();
    assert!(
        app.store
            .open_sessions_for_user(user.id)
            .await
            .unwrap()
            .is_empty(),
        "the digit opened no new chat"
    );
    let thanks = twilio
        .calls()
        .iter()
        .filter(|s| s.to == wanda && s.body == "¡Gracias por tu opinión!")
        .count();
    assert_eq!(thanks, 1, "thanked once");
}

on_both_databases!(a_digit_rates_the_whatsapp_chat);
