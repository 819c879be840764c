//! The bot's answers through the real app (SQLite): streamed piece by piece
//! with a chat model (the OpenAI stand-in speaking server-sent events) to a
//! widget on another page of the shop's origin, and "I don't know" that
//! hands the chat to a person when asked to.

use std::sync::Arc;

use webchat::rag::embed::lexical::LexicalEmbedder;

use super::{
    fixture::Fixture,
    standin::StandIn,
    wire::{ask, ingest, session_on},
};
use crate::helpers::{Db, TestApp, fresh_database};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_stream_with_a_chat_model() {
    let fixture = Fixture::start().await;
    let standin = StandIn::start(Arc::new(LexicalEmbedder::default())).await;
    let app = TestApp::spawn_on(&fresh_database(Db::Sqlite).await, |c| {
        c.ingest_allow_private = true;
        c.openai.api_key = Some("sk-test".into());
        c.openai.base_url = Some(standin.base());
    })
    .await;
    let admin = app.admin_token().await;
    let done = ingest(&app, Some(&admin), &fixture.base, None).await;
    assert_eq!(done["status"], "done", "{done}");

    // a widget on another page of the shop's own origin
    let (visitor, _, _) = app.visitor("Ada").await;
    let session = session_on(&visitor, &fixture.url("/checkout")).await;
    let reply = ask(
        &visitor,
        &session,
        "Can I send a bike back for a refund?",
        0,
    )
    .await;
    assert_eq!(
        reply["citations"][0]["url"],
        fixture.url("/returns"),
        "{reply}"
    );
    let stream_id = reply["clientMsgId"].as_str().unwrap();
    let deltas = visitor.events("message:delta");
    assert!(deltas.len() >= 2, "the answer came in pieces: {deltas:?}");
    assert!(
        deltas
            .iter()
            .all(|d| d["streamId"] == stream_id && d["sessionId"] == session.as_str()),
        "{deltas:?}"
    );
    let streamed: String = deltas
        .iter()
        .map(|d| d["delta"].as_str().unwrap())
        .collect();
    assert_eq!(
        streamed,
        reply["text"].as_str().unwrap(),
        "the pieces make the stored answer"
    );
    // every delta came before the committed message
    let order: Vec<String> = visitor
        .all_events()
        .into_iter()
        .map(|(name, _)| name)
        .filter(|n| n == "message:delta" || n == "message:new")
        .collect();
    let last_delta = order.iter().rposition(|n| n == "message:delta").unwrap();
    let bot_new = order.iter().rposition(|n| n == "message:new").unwrap();
    assert!(last_delta < bot_new, "{order:?}");
    let chats = standin.chats.lock().unwrap().clone();
    assert!(chats.iter().any(|c| c["stream"] == true), "asked to stream");
    app.shutdown().await;
}

/// `BOT_HANDOFF_ON_UNSURE`: an answer when the site has one; when it does
/// not, no guess, and the chat goes to the queue by itself. (A widget on
/// another origin is answered from the existing knowledge:
/// `console::knowledge`.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unsure_hands_off_when_asked_to() {
    let fixture = Fixture::start().await;
    let app = TestApp::spawn_on(&fresh_database(Db::Sqlite).await, |c| {
        c.ingest_allow_private = true;
        c.bot_handoff_on_unsure = true;
    })
    .await;
    let admin = app.admin_token().await;
    let done = ingest(&app, Some(&admin), &fixture.base, None).await;
    assert_eq!(done["status"], "done", "{done}");

    let (visitor, _, _) = app.visitor("Bea").await;
    let session = session_on(&visitor, &fixture.base).await;
    let reply = ask(&visitor, &session, "How long is the frame guaranteed?", 0).await;
    assert_eq!(
        reply["citations"][0]["url"],
        fixture.url("/warranty"),
        "{reply}"
    );
    assert!(
        reply["text"].as_str().unwrap().contains("lifetime"),
        "{reply}"
    );

    let unsure = ask(&visitor, &session, "Do you sell kayaks?", 2).await;
    let text = unsure["text"].as_str().unwrap();
    assert!(
        text.contains("don't say") && text.contains("person"),
        "{unsure}"
    );
    assert!(unsure.get("citations").is_none(), "{unsure}");
    let update = visitor
        .wait_for("session:update", |s| s["status"] == "queued_for_agent")
        .await;
    assert_eq!(update["id"], session.as_str());
    app.shutdown().await;
}
