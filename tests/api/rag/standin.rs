//! A local stand-in of the OpenAI API, speaking its wire format:
//! `POST /v1/embeddings` (deterministic vectors from a real embedder of
//! ours, padded to text-embedding-3-small's 1536 dimensions) and
//! `POST /v1/chat/completions` (a deterministic "model": for a JSON request
//! a summary object; otherwise the sentence of passage 1 that shares most
//! words with the question, cited as [1], or NO_ANSWER), whole or, with
//! `"stream": true`, as server-sent `chat.completion.chunk`s a few words
//! each, ended by `data: [DONE]`. Records every chat request so tests can
//! check the prompt.

use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
};

use axum::{
    Json, Router,
    extract::State,
    http::{HeaderMap, header},
    response::{IntoResponse, Response},
    routing::post,
};
use serde_json::{Value, json};
use webchat::rag::{embed::Embedder, text};

pub const DIMS: usize = 1536;

#[derive(Clone)]
struct Shared {
    embedder: Arc<dyn Embedder>,
    chats: Arc<Mutex<Vec<Value>>>,
}

pub struct StandIn {
    pub addr: SocketAddr,
    pub chats: Arc<Mutex<Vec<Value>>>,
}

impl StandIn {
    pub fn base(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    pub async fn start(embedder: Arc<dyn Embedder>) -> StandIn {
        let shared = Shared {
            embedder,
            chats: Arc::default(),
        };
        let chats = shared.chats.clone();
        let app = Router::new()
            .route("/v1/embeddings", post(embeddings))
            .route("/v1/chat/completions", post(completions))
            .with_state(shared);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        StandIn { addr, chats }
    }
}

fn authorized(headers: &HeaderMap) -> bool {
    headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "Bearer sk-test")
}

async fn embeddings(
    State(s): State<Shared>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Json<Value> {
    assert!(authorized(&headers), "the API key is sent");
    let input: Vec<String> = match &body["input"] {
        Value::String(one) => vec![one.clone()],
        Value::Array(many) => many
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    };
    let vectors = s.embedder.embed(&input).await.unwrap();
    let data: Vec<Value> = vectors
        .into_iter()
        .enumerate()
        .map(|(i, mut v)| {
            v.resize(DIMS, 0.0);
            json!({ "object": "embedding", "index": i, "embedding": v })
        })
        .collect();
    Json(
        json!({ "object": "list", "data": data, "model": body["model"], "usage": { "prompt_tokens": 1, "total_tokens": 1 } }),
    )
}

async fn completions(
    State(s): State<Shared>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    assert!(authorized(&headers), "the API key is sent");
    s.chats.lock().unwrap().push(body.clone());
    let content = if body["response_format"]["type"] == "json_object" {
        json!({ "summary": "The visitor asked about delivery.", "topics": ["delivery"] })
            .to_string()
    } else {
        let last = body["messages"]
            .as_array()
            .and_then(|m| m.last())
            .cloned()
            .unwrap_or_default();
        grounded_reply(last["content"].as_str().unwrap_or(""))
    };
    if body["stream"] == true {
        return (
            [(header::CONTENT_TYPE, "text/event-stream")],
            sse(&body, &content),
        )
            .into_response();
    }
    Json(json!({
        "id": "chatcmpl-standin", "object": "chat.completion", "created": 1_700_000_000, "model": body["model"],
        "choices": [{ "index": 0, "finish_reason": "stop", "message": { "role": "assistant", "content": content } }],
        "usage": { "prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2 }
    }))
    .into_response()
}

/// `content` as OpenAI streams it: a first chunk with the role, pieces of
/// about three words, a last chunk with the finish reason, then `[DONE]`.
fn sse(body: &Value, content: &str) -> String {
    let chunk = |delta: Value, finish: Value| {
        let chunk = json!({
            "id": "chatcmpl-standin", "object": "chat.completion.chunk", "created": 1_700_000_000,
            "model": body["model"], "system_fingerprint": null,
            "choices": [{ "index": 0, "delta": delta, "logprobs": null, "finish_reason": finish }]
        });
        format!("data: {chunk}\n\n")
    };
    let mut out = chunk(json!({ "role": "assistant", "content": "" }), Value::Null);
    let words: Vec<&str> = content.split_inclusive(' ').collect();
    for piece in words.chunks(3) {
        out.push_str(&chunk(json!({ "content": piece.concat() }), Value::Null));
    }
    out.push_str(&chunk(json!({}), json!("stop")));
    out.push_str("data: [DONE]\n\n");
    out
}

/// Trusts passage 1: quotes its sentence sharing most words with the
/// question (its first when none does), cited as [1]; NO_ANSWER when the
/// prompt holds no passage.
fn grounded_reply(prompt: &str) -> String {
    let (passages, question) = prompt.rsplit_once("Question: ").unwrap_or(("", ""));
    let wanted: Vec<String> = text::terms(question);
    let overlap = |s: &str| {
        let have = text::terms(s);
        wanted.iter().filter(|w| have.contains(w)).count()
    };
    if !passages.contains("<passage id=") {
        return "NO_ANSWER".into();
    }
    let passage = passages
        .split("<passage id=\"1\"")
        .nth(1)
        .and_then(|p| p.split_once(">\n"))
        .map_or("", |(_, rest)| {
            rest.split("\n</passage>").next().unwrap_or("")
        });
    let sentences = text::sentences(passage);
    let best = sentences
        .iter()
        .rev()
        .max_by_key(|s| overlap(s))
        .copied()
        .unwrap_or("");
    format!("{} [1]", best.replace("&amp;", "&"))
}
