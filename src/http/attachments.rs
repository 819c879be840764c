//! Attachments over HTTP: upload (multipart, bounded by
//! `ATTACHMENT_MAX_BYTES`, not `MAX_BODY_BYTES`) and download, with headers
//! that keep a browser from running what it fetched.

use axum::{
    Json,
    extract::{Multipart, State, multipart::MultipartError},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{
    extract::{ApiQuery, Caller, IdPath},
    openapi::Refusals,
};
use crate::{
    chat::attachments::Download,
    domain::model::Attachment,
    error::{AppError, AppResult, ErrorCode},
    files::is_inline_image,
    state::AppState,
    whatsapp::media::LinkSigner,
};

/// Room for the multipart framing and the `sessionId` field around a file
/// of the largest size.
pub const MULTIPART_SLACK: usize = 16 * 1024;

/// The upload form.
#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
#[allow(dead_code)] // only described: the form is read field by field
pub struct UploadForm {
    /// The session the file belongs to.
    session_id: Uuid,
    /// The file; its type is sniffed from its bytes.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

#[derive(Serialize, ToSchema)]
pub struct Uploaded {
    attachment: Attachment,
}

/// Uploads a file to a session (then send it with `message:send { attachmentIds }`):
/// the session's visitor, its agent, a supervisor or an admin, while it is open.
#[utoipa::path(post, path = "/api/attachments", tag = "workspace", security(("bearer" = [])),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 201, body = Uploaded),
        (status = 413, description = "Over ATTACHMENT_MAX_BYTES", body = super::openapi::ErrorBody),
        (status = 415, description = "A type ATTACHMENT_TYPES does not accept", body = super::openapi::ErrorBody),
        Refusals))]
pub async fn upload(
    State(state): State<AppState>,
    Caller(who): Caller,
    mut form: Multipart,
) -> AppResult<(StatusCode, Json<Uploaded>)> {
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
    Ok((StatusCode::CREATED, Json(Uploaded { attachment })))
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

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct LinkQuery {
    /// A signed link's expiry (unix seconds).
    expires: Option<i64>,
    /// A signed link's signature.
    sig: Option<String>,
}

/// A file: with a token that may read the session, or with an unexpired
/// signed link (what Twilio fetches for WhatsApp).
#[utoipa::path(get, path = "/api/attachments/{id}", tag = "workspace", security(("bearer" = []), ()),
    params(("id" = Uuid, Path, description = "The attachment"), LinkQuery),
    responses((status = 200, description = "The bytes, with nosniff and a sandbox policy",
        content_type = "application/octet-stream", body = String), Refusals))]
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
