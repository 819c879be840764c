//! Attachments over HTTP: upload (multipart, bounded by
//! `ATTACHMENT_MAX_BYTES`, not `MAX_BODY_BYTES`) and download, with headers
//! that keep a browser from running what it fetched.

use axum::{
    Json,
    extract::{Multipart, State, multipart::MultipartError},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::extract::{ApiQuery, Caller, IdPath};
use crate::{
    chat::attachments::Download,
    error::{AppError, AppResult, ErrorCode},
    files::is_inline_image,
    state::AppState,
    whatsapp::media::LinkSigner,
};

/// Room for the multipart framing and the `sessionId` field around a file
/// of the largest size.
pub const MULTIPART_SLACK: usize = 16 * 1024;

/// `POST /api/attachments`: multipart `sessionId` and `file`.
pub async fn upload(
    State(state): State<AppState>,
    Caller(who): Caller,
    mut form: Multipart,
) -> AppResult<Response> {
    let mut session_id: Option<Uuid> = None;
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = form.next_field().await.map_err(multipart_error)? {
        match field.name() {
            Some("sessionId") => {
                let text = field.text().await.map_err(multipart_error)?;
                session_id = Some(
                    Uuid::parse_str(text.trim())
                        .map_err(|_| AppError::invalid("sessionId must be a UUID"))?,
                );
            }
            Some("file") => {
                let name = field.file_name().unwrap_or("file").to_string();
                let bytes = field.bytes().await.map_err(multipart_error)?;
                file = Some((name, bytes.to_vec()));
            }
            Some(other) => {
                return Err(AppError::invalid(format!(
                    "unknown form field {:?}; send sessionId and file",
                    other.chars().take(40).collect::<String>()
                )));
            }
            None => return Err(AppError::invalid("a form field has no name")),
        }
    }
    let session_id = session_id.ok_or_else(|| AppError::invalid("send the sessionId field"))?;
    let (name, bytes) = file.ok_or_else(|| AppError::invalid("send the file field"))?;
    let attachment = state
        .chat
        .upload(&who.user, session_id, &name, bytes)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "attachment": attachment })),
    )
        .into_response())
}

fn multipart_error(e: MultipartError) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::new(
            ErrorCode::PayloadTooLarge,
            "the file is over the upload limit",
        )
    } else {
        AppError::invalid(format!(
            "the upload is not a readable multipart form: {}",
            e.body_text()
        ))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkQuery {
    expires: Option<i64>,
    sig: Option<String>,
}

/// `GET /api/attachments/{id}`: with a token that may read the session, or
/// with an unexpired signed link (what Twilio fetches for WhatsApp).
pub async fn download(
    State(state): State<AppState>,
    IdPath(id): IdPath,
    ApiQuery(link): ApiQuery<LinkQuery>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let file = match (link.expires, link.sig) {
        (Some(expires), Some(sig)) => {
            let signer = LinkSigner::from_config(&state.config.twilio)
                .ok_or_else(|| AppError::forbidden("signed links are not enabled here"))?;
            if !signer.verify(id, expires, &sig, chrono::Utc::now()) {
                return Err(AppError::forbidden("the link is not valid or has expired"));
            }
            state.chat.download_signed(id).await?
        }
        _ => {
            let Caller(who) = super::extract::Caller::from_headers(&headers, &state).await?;
            state.chat.download(&who.user, id).await?
        }
    };
    Ok(served(file))
}

/// The bytes with headers that keep them inert: the sniffed type, `nosniff`,
/// a sandbox policy, and `attachment` for anything but an image.
fn served(file: Download) -> Response {
    let a = &file.attachment;
    let disposition = if is_inline_image(&a.content_type) {
        "inline"
    } else {
        "attachment"
    };
    let ascii: String = a
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded = url::form_urlencoded::byte_serialize(a.name.as_bytes()).collect::<String>();
    let value = format!("{disposition}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    let mut response = file.bytes.into_response();
    let h = response.headers_mut();
    let content_type = HeaderValue::from_str(&a.content_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    h.insert(header::CONTENT_TYPE, content_type);
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=3600"),
    );
    if let Ok(v) = HeaderValue::from_str(&value) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}
