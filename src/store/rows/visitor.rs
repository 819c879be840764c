//! The visitor side's rows: queued mails.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::store::mail::Mail;

#[derive(sqlx::FromRow)]
pub struct MailRow {
    pub id: Uuid,
    pub kind: String,
    pub session_id: Option<Uuid>,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
    pub created_at: DateTime<Utc>,
}

impl From<MailRow> for Mail {
    fn from(r: MailRow) -> Mail {
        Mail {
            id: r.id,
            kind: r.kind,
            session_id: r.session_id,
            to: r.recipient,
            subject: r.subject,
            body: r.body,
            attempts: r.attempts,
            created_at: r.created_at,
        }
    }
}
