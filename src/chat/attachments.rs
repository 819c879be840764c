//! Files on messages: uploading one to a session, reading it back, and the
//! attachments a message names.

use sha2::{Digest, Sha256};
use tracing::instrument;
use uuid::Uuid;

use super::{ChatService, rules};
use crate::{
    domain::{
        model::{Attachment, User},
        validate::workspace::{MAX_ATTACHMENTS, file_name},
    },
    error::{AppError, AppResult, ErrorCode},
    files::Refused,
    store::{NewAttachment, StoreError, StoredAttachment},
};

/// An attachment's bytes, for whoever may read its session.
pub struct Download {
    pub attachment: Attachment,
    pub bytes: Vec<u8>,
}

impl ChatService {
    /// The largest file accepted, and the accepted types (`GET /api/config`).
    pub fn attachment_limits(&self) -> (usize, Vec<String>) {
        let files = &self.inner.files;
        (files.max_bytes(), files.types().to_vec())
    }

    /// Stores a file for the session: its visitor, its agent, a supervisor or
    /// an admin, while the session is open. The type is sniffed from the
    /// bytes.
    #[instrument(skip_all, fields(session.id = %session_id, size = bytes.len()))]
    pub async fn upload(
        &self,
        actor: &User,
        session_id: Uuid,
        name: &str,
        bytes: Vec<u8>,
    ) -> AppResult<Attachment> {
        let session = self
            .session(session_id)
            .await
            .map_err(rules::hide_missing)?;
        rules::can_attach(actor, &session)?;
        let files = &self.inner.files;
        let content_type = files.check(&bytes).map_err(refusal)?;
        let id = Uuid::now_v7();
        let size = bytes.len() as i64;
        let sha256 = hex::encode(Sha256::digest(&bytes));
        let kept = files
            .keep(id, session_id, bytes)
            .await
            .map_err(|e| AppError::unavailable("the file store is not answering; try again", e))?;
        let attachment = self
            .inner
            .store
            .add_attachment(NewAttachment {
                id,
                session_id,
                uploaded_by: actor.id,
                name: file_name(name),
                content_type: content_type.to_string(),
                size,
                sha256,
                bytes: kept,
            })
            .await?;
        Ok(attachment)
    }

    /// An attachment with its bytes, for whoever may read its session's
    /// transcript; any other caller learns nothing (`not_found`).
    pub async fn download(&self, actor: &User, id: Uuid) -> AppResult<Download> {
        let stored = self.inner.store.attachment(id).await.map_err(no_such)?;
        let session = self.session(stored.session_id).await?;
        rules::can_read_transcript(actor, &session).map_err(|_| no_such(StoreError::NotFound))?;
        self.bytes_of(stored).await
    }

    /// An attachment by a signed link (checked by the caller): no reader.
    pub async fn download_signed(&self, id: Uuid) -> AppResult<Download> {
        let stored = self.inner.store.attachment(id).await.map_err(no_such)?;
        self.bytes_of(stored).await
    }

    /// The stored attachment with its bytes (from the row or the bucket).
    async fn bytes_of(&self, stored: StoredAttachment) -> AppResult<Download> {
        let bytes =
            self.inner.files.read(stored.bytes).await.map_err(|e| {
                AppError::unavailable("the file store is not answering; try again", e)
            })?;
        Ok(Download {
            attachment: stored.attachment,
            bytes,
        })
    }

    /// The attachments a message names: at most ten, each uploaded to this
    /// very session.
    pub(super) async fn attachments_for(
        &self,
        session_id: Uuid,
        ids: &[Uuid],
    ) -> AppResult<Vec<Attachment>> {
        if ids.len() > MAX_ATTACHMENTS {
            return Err(AppError::invalid(format!(
                "at most {MAX_ATTACHMENTS} attachments per message"
            )));
        }
        // Each file once, in the order given (`dedup` alone only drops
        // neighbours).
        let mut unique: Vec<Uuid> = Vec::with_capacity(ids.len());
        for id in ids {
            if !unique.contains(id) {
                unique.push(*id);
            }
        }
        self.inner
            .store
            .session_attachments(session_id, &unique)
            .await
            .map_err(|e| match e {
                StoreError::NotFound => AppError::invalid(
                    "an attachment does not belong to this session; upload it here first",
                ),
                other => other.into(),
            })
    }
}

fn no_such(e: StoreError) -> AppError {
    match e {
        StoreError::NotFound => AppError::not_found("no such attachment"),
        other => other.into(),
    }
}

/// A refused file as the client sees it: 413 or 415 with what to do.
fn refusal(r: Refused) -> AppError {
    match r {
        Refused::Empty => AppError::invalid("the file is empty"),
        Refused::TooLarge { size, max } => AppError::new(
            ErrorCode::PayloadTooLarge,
            format!(
                "the file is {}; the limit is {}",
                human_size(size),
                human_size(max)
            ),
        ),
        Refused::Type(kind) => AppError::new(
            ErrorCode::UnsupportedType,
            match kind {
                Some(kind) => format!("{kind} files are not accepted here"),
                None => "this kind of file is not accepted here".into(),
            },
        ),
    }
}

/// `10 MB`, `512 KB`, `12 bytes`.
pub fn human_size(bytes: usize) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b >= KB * KB {
        format!("{:.1} MB", b / KB / KB).replace(".0 ", " ")
    } else if b >= KB {
        format!("{:.0} KB", b / KB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(10 * 1024 * 1024), "10 MB");
        assert_eq!(human_size(14_900_000), "14.2 MB");
        assert_eq!(human_size(2048), "2 KB");
        assert_eq!(human_size(12), "12 bytes");
    }
}
