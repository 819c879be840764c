//! Room names, in one place.

use uuid::Uuid;

/// Every connected agent, supervisor and admin.
pub const AGENTS: &str = "agents";

/// Every connected supervisor and admin: they hear every chat's updates and notes.
pub const SUPERVISORS: &str = "supervisors";

/// Every visitor socket that said `hello` (on this node: availability is
/// told by each node to its own).
pub const VISITORS: &str = "visitors";

/// A session's user sockets and its agent's.
pub fn session(id: Uuid) -> String {
    format!("session:{id}")
}

/// Every socket of one user, across tabs and devices.
pub fn user(id: Uuid) -> String {
    format!("user:{id}")
}
