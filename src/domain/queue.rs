//! Builds the agents' queue view from queued sessions and their last messages.

use std::collections::HashMap;

use uuid::Uuid;

use super::model::{Message, QueueItem, Session};

/// One `QueueItem` per session, previews in `seq` order; `messages` may hold
/// any sessions' messages.
pub fn build_items(sessions: Vec<Session>, messages: Vec<Message>) -> Vec<QueueItem> {
    let mut by_session: HashMap<Uuid, Vec<Message>> = HashMap::new();
    for m in messages {
        by_session.entry(m.session_id).or_default().push(m);
    }
    sessions
        .into_iter()
        .map(|s| {
            let mut preview = by_session.remove(&s.id).unwrap_or_default();
            preview.sort_by_key(|m| m.seq);
            item(s, preview)
        })
        .collect()
}

pub fn item(session: Session, preview: Vec<Message>) -> QueueItem {
    QueueItem {
        session_id: session.id,
        channel: session.channel,
        user_display_name: session.user_display_name,
        requested_at: session.queued_at.unwrap_or(session.created_at),
        last_message: preview.last().cloned(),
        preview,
        offline: session.offline,
        locale: session.locale,
    }
}
