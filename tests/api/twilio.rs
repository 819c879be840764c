//! A local stand-in for Twilio's Messages API (same URL, basic auth, form
//! fields and JSON answers), and request signing with Twilio's official
//! Python library (`twilio.request_validator.RequestValidator`).

use std::{
    collections::VecDeque,
    sync::{Arc, Mutex},
};

use axum::{
    Form, Router,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::post,
};
use serde_json::json;

pub const ACCOUNT_SID: &str = "AC00000000000000000000000000000001";
pub const AUTH_TOKEN: &str = "test-auth-token";
pub const FROM: &str = "whatsapp:+14155238886";
pub const PUBLIC_BASE: &str = "https://webchat.example.com";

/// One call to the stand-in.
#[derive(Debug, Clone)]
pub struct Sent {
    pub to: String,
    pub from: String,
    pub body: String,
    pub status_callback: Option<String>,
    /// `MediaUrl` fields: links Twilio would fetch.
    pub media: Vec<String>,
    /// The SID it answered with, when it accepted the message.
    pub sid: Option<String>,
}

/// The bytes the stand-in serves at every media URL (a 1×1 PNG), as Twilio
/// serves a WhatsApp user's photo to the account.
pub const MEDIA_PNG: &[u8] = crate::workspace::attachments::PNG;

#[derive(Default)]
struct Inner {
    calls: Vec<Sent>,
    script: VecDeque<(u16, Option<u64>, Option<i64>)>,
}

#[derive(Clone, Default)]
pub struct TwilioStandIn {
    inner: Arc<Mutex<Inner>>,
    pub base: String,
}

impl TwilioStandIn {
    pub async fn start() -> TwilioStandIn {
        let mut standin = TwilioStandIn::default();
        let app = Router::new()
            .route("/2010-04-01/Accounts/{sid}/Messages.json", post(create))
            .route(
                "/2010-04-01/Accounts/{sid}/Messages/{message}/Media/{media}",
                axum::routing::get(media),
            )
            .with_state(standin.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        standin.base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        standin
    }

    /// The next answers, in order: (status, Retry-After seconds, Twilio error code).
    pub fn script(&self, answers: &[(u16, Option<u64>, Option<i64>)]) {
        self.inner
            .lock()
            .unwrap()
            .script
            .extend(answers.iter().copied());
    }

    pub fn calls(&self) -> Vec<Sent> {
        self.inner.lock().unwrap().calls.clone()
    }

    /// Accepted sends to `to`.
    pub fn accepted_to(&self, to: &str) -> Vec<Sent> {
        self.calls()
            .into_iter()
            .filter(|c| c.to == to && c.sid.is_some())
            .collect()
    }

    /// Waits until `pred` holds for the calls so far.
    pub async fn wait_for(&self, pred: impl Fn(&[Sent]) -> bool) -> Vec<Sent> {
        for _ in 0..400 {
            let calls = self.calls();
            if pred(&calls) {
                return calls;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        panic!(
            "the Twilio stand-in never saw the expected sends: {:#?}",
            self.calls()
        );
    }
}

/// A media file, for the account's own credentials only.
async fn media(Path((sid, _, _)): Path<(String, String, String)>, headers: HeaderMap) -> Response {
    if sid != ACCOUNT_SID || !authorized(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    ([("content-type", "image/png")], MEDIA_PNG).into_response()
}

fn authorized(headers: &HeaderMap) -> bool {
    use base64::Engine;
    let expected =
        base64::engine::general_purpose::STANDARD.encode(format!("{ACCOUNT_SID}:{AUTH_TOKEN}"));
    headers.get("authorization").and_then(|v| v.to_str().ok()) == Some(&format!("Basic {expected}"))
}

async fn create(
    State(standin): State<TwilioStandIn>,
    Path(sid): Path<String>,
    headers: HeaderMap,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    if sid != ACCOUNT_SID || !authorized(&headers) {
        return (
            StatusCode::UNAUTHORIZED,
            axum::Json(json!({"code": 20003, "message": "Authenticate"})),
        )
            .into_response();
    }
    let get = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let mut inner = standin.inner.lock().unwrap();
    let (status, retry_after, code) = inner.script.pop_front().unwrap_or((201, None, None));
    let sid = (status == 201).then(|| format!("SM{:032x}", inner.calls.len() + 1));
    inner.calls.push(Sent {
        to: get("To").unwrap_or_default(),
        from: get("From").unwrap_or_default(),
        body: get("Body").unwrap_or_default(),
        status_callback: get("StatusCallback"),
        media: form
            .iter()
            .filter(|(n, _)| n == "MediaUrl")
            .map(|(_, v)| v.clone())
            .collect(),
        sid: sid.clone(),
    });
    let mut response = match &sid {
        Some(sid) => (
            StatusCode::CREATED,
            axum::Json(json!({"sid": sid, "status": "queued"})),
        )
            .into_response(),
        None => {
            let body = json!({"code": code.unwrap_or(20500), "message": "scripted failure", "status": status});
            (StatusCode::from_u16(status).unwrap(), axum::Json(body)).into_response()
        }
    };
    if let Some(seconds) = retry_after {
        response
            .headers_mut()
            .insert("retry-after", seconds.to_string().parse().unwrap());
    }
    response
}

/// `X-Twilio-Signature` for a request, computed by Twilio's own library.
pub fn official_signature(url: &str, params: &[(&str, &str)]) -> String {
    let venv = std::env::var("WEBCHAT_VENV")
        .unwrap_or_else(|_| format!("{}/.cache/webchat/venv", std::env::var("HOME").unwrap()));
    let script = "import json,sys\nfrom twilio.request_validator import RequestValidator\n\
                  a=json.load(sys.stdin)\nprint(RequestValidator(a['token']).compute_signature(a['url'], dict(a['params'])))";
    let input = json!({"token": AUTH_TOKEN, "url": url, "params": params}).to_string();
    let output = std::process::Command::new(format!("{venv}/bin/python"))
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(input.as_bytes())?;
            child.wait_with_output()
        });
    match output {
        Ok(out) if out.status.success() => {
            String::from_utf8(out.stdout).unwrap().trim().to_string()
        }
        _ => {
            assert!(
                std::env::var("CI").is_err(),
                "CI needs PyPI twilio in {venv} to sign requests"
            );
            eprintln!("PyPI twilio not found: signing with our own implementation");
            let owned: Vec<(String, String)> = params
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            webchat::whatsapp::signature::compute(AUTH_TOKEN, url, &owned)
        }
    }
}
