//! The workspace's rows: contacts (visitors' user rows), canned responses
//! and attachments.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{
    domain::{
        model::Attachment,
        workspace::{CannedResponse, Contact},
    },
    store::{
        StoreError, StoreResult,
        attachments::{Bytes, StoredAttachment},
    },
};

#[derive(sqlx::FromRow)]
pub struct ContactRow {
    pub id: Uuid,
    pub display_name: String,
    pub contact_email: Option<String>,
    /// The WhatsApp address (`whatsapp:+…`) of a WhatsApp visitor.
    pub external_id: Option<String>,
    pub identity_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: Option<DateTime<Utc>>,
    pub session_count: i64,
    pub last_message_at: Option<DateTime<Utc>>,
    pub erased: bool,
}

impl From<ContactRow> for Contact {
    fn from(r: ContactRow) -> Contact {
        let last_seen_at = [r.last_seen_at, r.last_message_at]
            .into_iter()
            .flatten()
            .fold(r.created_at, DateTime::max);
        Contact {
            id: r.id,
            display_name: r.display_name,
            email: r.contact_email,
            phone: r
                .external_id
                .map(|a| a.strip_prefix("whatsapp:").unwrap_or(&a).to_string()),
            verified: r.identity_id.is_some(),
            external_id: r.identity_id,
            first_seen_at: r.created_at,
            last_seen_at,
            session_count: r.session_count,
            erased: r.erased,
        }
    }
}

pub const CANNED_COLUMNS: &str = "id, shortcut, title, body";

#[derive(sqlx::FromRow)]
pub struct CannedRow {
    pub id: Uuid,
    pub shortcut: String,
    pub title: String,
    pub body: String,
}

impl From<CannedRow> for CannedResponse {
    fn from(r: CannedRow) -> CannedResponse {
        CannedResponse {
            id: r.id,
            shortcut: r.shortcut,
            title: r.title,
            text: r.body,
        }
    }
}

pub const ATTACHMENT_COLUMNS: &str = "id, session_id, name, content_type, size, data, object_key";

#[derive(sqlx::FromRow)]
pub struct AttachmentRow {
    pub id: Uuid,
    pub session_id: Uuid,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub data: Option<Vec<u8>>,
    pub object_key: Option<String>,
}

impl TryFrom<AttachmentRow> for StoredAttachment {
    type Error = StoreError;
    fn try_from(r: AttachmentRow) -> StoreResult<StoredAttachment> {
        let bytes = match (r.data, r.object_key) {
            (Some(data), _) => Bytes::Inline(data),
            (None, Some(key)) => Bytes::Object(key),
            (None, None) => {
                return Err(StoreError::Other(anyhow::anyhow!(
                    "attachment {} has no bytes",
                    r.id
                )));
            }
        };
        Ok(StoredAttachment {
            attachment: Attachment {
                id: r.id,
                url: Attachment::path(r.id),
                name: r.name,
                content_type: r.content_type,
                size: r.size,
            },
            session_id: r.session_id,
            bytes,
        })
    }
}
