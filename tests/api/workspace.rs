//! The agent's workspace over the wire: attachments, canned responses,
//! contacts and identity, tags and search.

pub mod attachments;
mod bucket;
mod canned;
mod contacts;
mod search;

use serde_json::json;

use crate::helpers::{TestApp, open_session, send};
use crate::socket::Client;

/// A visitor and an agent in one active chat.
pub struct Chat {
    pub visitor: Client,
    pub visitor_token: String,
    pub visitor_id: String,
    pub agent: Client,
    pub agent_token: String,
    pub session: String,
}

pub async fn active_chat(app: &TestApp, visitor: &str, first: &str) -> Chat {
    let (ada, visitor_token, visitor_id) = app.visitor(visitor).await;
    let session = open_session(&ada).await;
    send(&ada, &session, first).await;
    let ack = ada
        .call("handoff:request", json!({ "sessionId": session }))
        .await;
    assert_eq!(ack["ok"], true, "{ack}");
    let (bob, agent_token) = app.agent("Bob").await;
    let claim = bob
        .call("agent:claim", json!({ "sessionId": session }))
        .await;
    assert_eq!(claim["ok"], true, "{claim}");
    Chat {
        visitor: ada,
        visitor_token,
        visitor_id,
        agent: bob,
        agent_token,
        session,
    }
}
