//! `SocketNotifier`: the chat service's committed changes, as Socket.IO
//! events to the right rooms (and to `/admin`).

use async_trait::async_trait;
use serde::Serialize;
use socketioxide::{SocketIo, adapter::Adapter, operators::BroadcastOperators};

use super::{events as ev, rooms};
use crate::{
    auth::Identity,
    chat::notify::{Notice, Notifier},
};

/// Every namespace whose sockets carry a token (`Identity`) and must end
/// with it.
const NAMESPACES: [&str; 2] = ["/", "/admin"];

/// What the rest of the app needs from the live sockets, whatever the
/// adapter (one process, or several through Redis).
#[async_trait]
pub trait LiveSockets: Send + Sync + 'static {
    /// Disconnects the sockets signed in with this token, on every node.
    async fn disconnect_token(&self, user_id: uuid::Uuid, token_hash: &str);
    /// Disconnects every socket of a user, on every node (a deactivated account).
    async fn disconnect_user(&self, user_id: uuid::Uuid);
    /// Disconnects this node's sockets whose token has expired.
    fn disconnect_expired(&self) -> usize;
    /// Tells every socket of this node the server is going away.
    async fn close(&self);
    /// Sockets connected to this node's default namespace.
    fn count(&self) -> usize;
    /// Whether any socket of the user is connected, on any node (unknown: true,
    /// so nobody is mailed what they may be reading live).
    async fn user_connected(&self, user_id: uuid::Uuid) -> bool;
}

/// Holds the `SocketIo` handle once the server is built (the handle needs the
/// app state, which needs this notifier).
pub struct SocketNotifier<A: Adapter> {
    io: std::sync::OnceLock<SocketIo<A>>,
}

impl<A: Adapter> Default for SocketNotifier<A> {
    fn default() -> Self {
        SocketNotifier {
            io: std::sync::OnceLock::new(),
        }
    }
}

impl<A: Adapter> SocketNotifier<A> {
    pub fn attach(&self, io: SocketIo<A>) {
        let _ = self.io.set(io);
    }

    fn io(&self) -> Option<&SocketIo<A>> {
        self.io.get()
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
impl<A: Adapter> LiveSockets for SocketNotifier<A> {
    async fn disconnect_token(&self, user_id: uuid::Uuid, token_hash: &str) {
        let Some(io) = self.io() else { return };
        // Sockets on other nodes are reached through the adapter; the token is
        // checked where the socket lives, on this node only for local ones.
        for ns in NAMESPACES.iter().filter_map(|path| io.of(path)) {
            let room = ns.clone().within(rooms::user(user_id));
            match room.fetch_sockets().await {
                Ok(sockets) => {
                    for socket in sockets {
                        let local = ns.get_socket(socket.data().id);
                        let matches = local
                            .as_ref()
                            .and_then(|s| s.extensions.get::<Identity>())
                            .is_none_or(|id| id.token_hash == token_hash);
                        if matches {
                            let _ = socket.disconnect().await;
                        }
                    }
                }
                Err(e) => tracing::warn!(error = %e, "cannot list the sockets to disconnect"),
            }
        }
    }

    async fn disconnect_user(&self, user_id: uuid::Uuid) {
        let Some(io) = self.io() else { return };
        for ns in NAMESPACES.iter().filter_map(|path| io.of(path)) {
            if let Err(e) = ns.within(rooms::user(user_id)).disconnect().await {
                tracing::warn!(error = %e, "cannot disconnect the user's sockets");
            }
        }
    }

    fn disconnect_expired(&self) -> usize {
        let Some(io) = self.io() else { return 0 };
        let now = chrono::Utc::now();
        let mut count = 0;
        let sockets = NAMESPACES
            .iter()
            .filter_map(|path| io.of(path))
            .flat_map(BroadcastOperators::sockets);
        for socket in sockets {
            if socket
                .extensions
                .get::<Identity>()
                .is_some_and(|id| id.expires_at <= now)
            {
                super::emitted(
                    ev::SESSION_EXPIRED,
                    socket.emit(
                        ev::SESSION_EXPIRED,
                        &serde_json::json!({ "reason": "token expired" }),
                    ),
                );
                let _ = socket.disconnect();
                count += 1;
            }
        }
        count
    }

    async fn close(&self) {
        if let Some(io) = self.io() {
            io.close().await;
        }
    }

    fn count(&self) -> usize {
        self.io()
            .and_then(|io| io.of("/"))
            .map_or(0, |ns| ns.sockets().len())
    }

    async fn user_connected(&self, user_id: uuid::Uuid) -> bool {
        let Some(io) = self.io() else { return true };
        match io.to(rooms::user(user_id)).fetch_sockets().await {
            Ok(sockets) => !sockets.is_empty(),
            Err(e) => {
                tracing::debug!(error = %e, "cannot tell whether a visitor is connected");
                true
            }
        }
    }
}

#[async_trait]
impl<A: Adapter> Notifier for SocketNotifier<A> {
    async fn notify(&self, event: Notice) {
        let Some(io) = self.io() else { return };
        match event {
            Notice::JoinRoom {
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
            Notice::LeaveRoom {
                user_id,
                session_id,
            } => {
                let left = io
                    .within(rooms::user(user_id))
                    .leave(rooms::session(session_id))
                    .await;
                if let Err(e) = left {
                    tracing::warn!(error = %e, "leaving session room failed");
                }
            }
            Notice::Assigned {
                agent_id,
                session,
                messages,
                note,
                from,
            } => {
                let data = ev::SessionAssigned {
                    session: &session,
                    messages: &messages,
                    note: note.as_ref(),
                    from: from.as_ref(),
                };
                self.to_room(rooms::user(agent_id), ev::SESSION_ASSIGNED, &data)
                    .await;
            }
            Notice::Unassigned {
                agent_id,
                session_id,
                reason,
            } => {
                let data = ev::SessionUnassigned { session_id, reason };
                self.to_room(rooms::user(agent_id), ev::SESSION_UNASSIGNED, &data)
                    .await;
            }
            Notice::QueueAlert {
                session_id,
                waiting_secs,
            } => {
                let data = ev::QueueAlert {
                    session_id,
                    waiting_secs,
                };
                self.to_room(rooms::AGENTS.into(), ev::QUEUE_ALERT, &data)
                    .await;
            }
            Notice::QueuePosition {
                session_id,
                position,
                estimated_wait_secs,
            } => {
                let data = ev::QueuePosition {
                    session_id,
                    position,
                    estimated_wait_secs,
                };
                self.to_room(rooms::session(session_id), ev::QUEUE_POSITION, &data)
                    .await;
            }
            Notice::MessageNew(m) => {
                self.to_room(rooms::session(m.session_id), ev::MESSAGE_NEW, &m)
                    .await;
                self.to_admin(ev::ADMIN_MESSAGE_NEW, &m).await;
            }
            Notice::SessionUpdate(s) => {
                let op = io.to(rooms::session(s.id)).to(rooms::SUPERVISORS);
                super::emitted(ev::SESSION_UPDATE, op.emit(ev::SESSION_UPDATE, &s).await);
                self.to_admin(ev::ADMIN_SESSION_UPDATE, &s).await;
            }
            Notice::NoteNew { note, agent_id } => {
                let mut rooms = vec![rooms::SUPERVISORS.to_string()];
                rooms.extend(agent_id.map(rooms::user));
                let op = io.to(rooms);
                super::emitted(ev::NOTE_NEW, op.emit(ev::NOTE_NEW, &note).await);
                self.to_admin(ev::ADMIN_NOTE_NEW, &note).await;
            }
            Notice::AgentUpdate(agent) => {
                self.to_room(rooms::AGENTS.into(), ev::AGENT_UPDATE, &agent)
                    .await;
                self.to_admin(ev::ADMIN_AGENT_UPDATE, &agent).await;
            }
            Notice::QueueNew(item) => {
                self.to_room(rooms::AGENTS.into(), ev::QUEUE_NEW, &item)
                    .await;
            }
            Notice::QueueRemove { session_id, reason } => {
                let data = ev::QueueRemove { session_id, reason };
                self.to_room(rooms::AGENTS.into(), ev::QUEUE_REMOVE, &data)
                    .await;
            }
            Notice::HandoffAccepted { session_id, agent } => {
                let data = ev::HandoffAccepted {
                    session_id,
                    agent: &agent,
                };
                self.to_room(rooms::session(session_id), ev::HANDOFF_ACCEPTED, &data)
                    .await;
            }
            Notice::EndRequested {
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
                    .await;
            }
            Notice::EndDeclined { session_id } => {
                let data = ev::SessionOnly { session_id };
                self.to_room(rooms::session(session_id), ev::END_DECLINED, &data)
                    .await;
            }
            Notice::SessionClosed {
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
                    .await;
            }
            Notice::Stats(stats) => self.to_admin(ev::ADMIN_STATS, &stats).await,
            Notice::IngestProgress(progress) => self.to_admin(ev::INGEST_PROGRESS, &progress).await,
            Notice::Availability(availability) => {
                // each node tells its own visitors (every node computes it)
                let Some(io) = self.io() else { return };
                if let Err(e) = io
                    .local()
                    .to(rooms::VISITORS)
                    .emit(ev::AVAILABILITY, &availability)
                    .await
                {
                    tracing::warn!(error = %e, "availability not broadcast");
                }
            }
            Notice::SummaryReady(summary) => self.to_admin(ev::ADMIN_SUMMARY_READY, &summary).await,
            Notice::MessageDelta {
                session_id,
                stream_id,
                delta,
            } => {
                let data = ev::MessageDelta {
                    session_id,
                    stream_id: &stream_id,
                    delta: &delta,
                };
                self.to_room(rooms::session(session_id), ev::MESSAGE_DELTA, &data)
                    .await;
            }
            Notice::Typing {
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
                super::emitted(ev::TYPING, op.emit(ev::TYPING, &data).await);
            }
            Notice::Read {
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
                super::emitted(ev::MESSAGE_READ, op.emit(ev::MESSAGE_READ, &data).await);
            }
            Notice::DeliveryStatus {
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
