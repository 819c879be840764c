//! Typing indicators and read receipts: relayed, not stored.

use uuid::Uuid;

use super::{ChatService, notify::Notice, rules, service::sender_type};
use crate::domain::model::User;
use crate::error::{AppError, AppResult};

impl ChatService {
    pub async fn typing(&self, actor: &User, session_id: Uuid, is_typing: bool) -> AppResult<()> {
        let session = self.session(session_id).await?;
        rules::can_send(actor, &session)?;
        self.notify(Notice::Typing {
            session_id,
            from_user: actor.id,
            sender_type: sender_type(actor),
            is_typing,
        })
        .await;
        Ok(())
    }

    pub async fn read(&self, actor: &User, session_id: Uuid, seq: i64) -> AppResult<()> {
        let session = self.session(session_id).await?;
        rules::can_view(actor, &session)?;
        if seq < 0 || seq > session.last_seq {
            return Err(AppError::invalid("seq is beyond the last message"));
        }
        self.notify(Notice::Read {
            session_id,
            from_user: actor.id,
            seq,
            reader_type: sender_type(actor),
        })
        .await;
        Ok(())
    }
}
