//! `AppState`: what every transport (HTTP handlers, Socket.IO handlers, the
//! Twilio webhooks) is handed. Cheap to clone; built by `app`.

use std::sync::Arc;

use crate::{
    auth::AuthService, chat::ChatService, config::Config, events::RelayStatus, limits::Limits,
    rag::Rag, realtime::LiveSockets, whatsapp::WhatsAppService,
};

/// Shared by axum handlers and Socket.IO handlers; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub auth: AuthService,
    pub chat: ChatService,
    /// Set when Kafka publishing is on.
    pub relay: Option<Arc<RelayStatus>>,
    pub whatsapp: WhatsAppService,
    pub limits: Arc<Limits>,
    /// Live sockets, for disconnecting a user's on logout or expiry.
    pub sockets: Arc<dyn LiveSockets>,
    /// The RAG bot's parts: retrieval, chat model, ingest jobs.
    pub rag: Rag,
}
