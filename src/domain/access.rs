//! Rules that the store must enforce inside a statement, for atomicity,
//! written as data. The chat's rule book (`chat::rules`) defines the values;
//! the store turns them into the conditions of its writes, so a rule has one
//! definition even where it is checked in SQL.

use super::model::SessionStatus;

/// Who may add a message to a session, by the session's status: the system
/// and the bot (no sender), the session's own user, and its assigned agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteAccess {
    pub system: &'static [SessionStatus],
    pub user: &'static [SessionStatus],
    pub agent: &'static [SessionStatus],
}

impl WriteAccess {
    /// Whether a sender in this position may write in a session with `status`.
    pub fn allows(&self, position: Writer, status: SessionStatus) -> bool {
        let statuses = match position {
            Writer::System => self.system,
            Writer::User => self.user,
            Writer::Agent => self.agent,
        };
        statuses.contains(&status)
    }
}

/// Where a sender stands in a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    System,
    User,
    Agent,
}
