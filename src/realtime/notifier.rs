//! `SocketNotifier`: the chat service's committed changes, as Socket.IO
//! events to the right rooms (and to `/admin`).

use async_trait::async_trait;
use serde::Serialize;
use socketioxide::SocketIo;

use super::{events as ev, rooms};
use crate::{
    auth::Identity,
    chat::fanout::{Fanout, Notifier},
};

/// Holds the `SocketIo` handle once the server is built (the handle needs the
/// app state, which needs this notifier).
#[derive(Default)]
pub struct SocketNotifier {
    io: std::sync::OnceLock<SocketIo>,
}

impl SocketNotifier {
    pub fn attach(&self, io: SocketIo) {
        let _ = self.io.set(io);
    }

    fn io(&self) -> Option<&SocketIo> {
        self.io.get()
    }

    /// Disconnects the live sockets signed in with this token (after logout).
    pub fn disconnect_token(&self, user_id: uuid::Uuid, token_hash: &str) -> usize {
        let Some(io) = self.io() else { return 0 };
        let sockets = io.within(rooms::user(user_id)).sockets();
        Self::disconnect_where(sockets, |id| id.token_hash == token_hash)
    }

    /// Disconnects sockets whose token has expired; run periodically.
    pub fn disconnect_expired(&self) -> usize {
        let Some(io) = self.io() else { return 0 };
        let now = chrono::Utc::now();
        Self::disconnect_where(io.sockets(), |id| id.expires_at <= now)
    }

    fn disconnect_where(
        sockets: Vec<socketioxide::extract::SocketRef>,
        pred: impl Fn(&Identity) -> bool,
    ) -> usize {
        let mut count = 0;
        for socket in sockets {
            if socket
                .extensions
                .get::<Identity>()
                .is_some_and(|id| pred(&id))
            {
                let _ = socket.emit(
                    "session:expired",
                    &serde_json::json!({ "reason": "signed out" }),
                );
                let _ = socket.disconnect();
                count += 1;
            }
        }
        count
    }

    async fn to_room<T: Serialize + ?Sized>(&self, room: String, event: &str, data: &T) {
        let Some(io) = self.io() else { return };
        if let Err(e) = io.to(room).emit(event, data).await {
            tracing::warn!(event, error = %e, "broadcast failed");
        }
    }

    async fn to_admin<T: Serialize + ?Sized>(&self, event: &str, data: &T) {
        if let Some(admin) = self.io().and_then(|io| io.of("/admin"))
            && let Err(e) = admin.emit(event, data).await
        {
            tracing::warn!(event, error = %e, "admin broadcast failed");
        }
    }
}

#[async_trait]
impl Notifier for SocketNotifier {
    async fn notify(&self, event: Fanout) {
        let Some(io) = self.io() else { return };
        match event {
            Fanout::JoinRoom {
                user_id,
                session_id,
            } => {
                let joined = io
                    .within(rooms::user(user_id))
                    .join(rooms::session(session_id))
                    .await;
                if let Err(e) = joined {
                    tracing::warn!(error = %e, "joining session room failed");
                }
            }
            Fanout::MessageNew(m) => {
                self.to_room(rooms::session(m.session_id), ev::MESSAGE_NEW, &m)
                    .await;
                self.to_admin(ev::ADMIN_MESSAGE_NEW, &m).await;
            }
            Fanout::SessionUpdate(s) => {
                self.to_room(rooms::session(s.id), ev::SESSION_UPDATE, &s)
                    .await;
                self.to_admin(ev::ADMIN_SESSION_UPDATE, &s).await;
            }
            Fanout::QueueNew(item) => {
                self.to_room(rooms::AGENTS.into(), ev::QUEUE_NEW, &item)
                    .await
            }
            Fanout::QueueRemove { session_id, reason } => {
                let data = ev::QueueRemove { session_id, reason };
                self.to_room(rooms::AGENTS.into(), ev::QUEUE_REMOVE, &data)
                    .await
            }
            Fanout::HandoffAccepted { session_id, agent } => {
                let data = ev::HandoffAccepted {
                    session_id,
                    agent: &agent,
                };
                self.to_room(rooms::session(session_id), ev::HANDOFF_ACCEPTED, &data)
                    .await
            }
            Fanout::EndRequested {
                session_id,
                request_id,
                requested_by,
            } => {
                let data = ev::EndRequested {
                    session_id,
                    request_id,
                    requested_by,
                };
                self.to_room(rooms::session(session_id), ev::END_REQUESTED, &data)
                    .await
            }
            Fanout::EndDeclined { session_id } => {
                let data = ev::SessionOnly { session_id };
                self.to_room(rooms::session(session_id), ev::END_DECLINED, &data)
                    .await
            }
            Fanout::SessionClosed {
                session_id,
                ended_by,
                summary,
            } => {
                let data = ev::SessionClosed {
                    session_id,
                    ended_by,
                    summary: summary.as_ref(),
                };
                self.to_room(rooms::session(session_id), ev::SESSION_CLOSED, &data)
                    .await
            }
            Fanout::SummaryReady(summary) => self.to_admin(ev::ADMIN_SUMMARY_READY, &summary).await,
            Fanout::Typing {
                session_id,
                from_user,
                sender_type,
                is_typing,
            } => {
                let data = ev::TypingOut {
                    session_id,
                    sender_type,
                    is_typing,
                };
                let op = io
                    .to(rooms::session(session_id))
                    .except(rooms::user(from_user));
                let _ = op.emit(ev::TYPING, &data).await;
            }
            Fanout::Read {
                session_id,
                from_user,
                seq,
                reader_type,
            } => {
                let data = ev::ReadOut {
                    session_id,
                    seq,
                    reader_type,
                };
                let op = io
                    .to(rooms::session(session_id))
                    .except(rooms::user(from_user));
                let _ = op.emit(ev::MESSAGE_READ, &data).await;
            }
            Fanout::DeliveryStatus {
                session_id,
                message_id,
                status,
                error,
            } => {
                let data = ev::DeliveryStatus {
                    session_id,
                    message_id,
                    delivery_status: &status,
                    delivery_error: error.as_deref(),
                };
                self.to_room(rooms::session(session_id), ev::MESSAGE_STATUS, &data)
                    .await;
                self.to_admin(ev::ADMIN_MESSAGE_STATUS, &data).await;
            }
        }
    }
}
