//! The Socket.IO layer (socketioxide): the default namespace for visitors and
//! agents, `/admin` for operators, and the notifier that turns the chat
//! service's committed changes into room broadcasts.
//!
//! Handlers only parse, call the chat service and turn its result into an ack.

mod admin;
pub mod events;
mod handlers;
mod hello;
mod notifier;
pub mod rooms;
mod server;

use std::fmt;

pub use notifier::{LiveSockets, SocketNotifier};
pub use server::SocketServer;

use socketioxide::{SocketIo, adapter::Adapter};

/// Registers both namespaces (`/admin` only when enabled); with a remote
/// adapter each registration is a future to await before serving.
pub fn register<A: Adapter + socketioxide_core::adapter::DefinedAdapter>(
    io: &SocketIo<A>,
    admin_enabled: bool,
) -> Vec<A::InitRes> {
    let mut inits = vec![handlers::register(io)];
    if admin_enabled {
        inits.push(admin::register(io));
    }
    inits
}

/// Why a handshake was refused; the client's `connect_error` shows this text.
#[derive(Debug)]
pub struct Refused(pub String);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<crate::error::AppError> for Refused {
    fn from(e: crate::error::AppError) -> Self {
        let code = serde_json::to_value(e.code)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        e.log();
        Refused(format!("{code}: {}", e.message))
    }
}

/// Logs an emit that failed (the socket went away, or its buffer is full);
/// there is nothing else to do about it, but it is not silently dropped.
fn emitted<E: fmt::Display>(event: &str, result: Result<(), E>) {
    if let Err(e) = result {
        tracing::debug!(event, error = %e, "emit failed");
    }
}

/// The token a handshake carried in `auth: { token }`, if any.
fn handshake_token(auth: Option<&serde_json::Value>) -> Option<String> {
    auth?.get("token")?.as_str().map(str::to_string)
}
