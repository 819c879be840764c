//! The plain types every layer shares, at the bottom of the house: users,
//! sessions, messages and their wire shapes (`model`), the workspace's
//! contacts, canned responses and search results (`workspace`), input checks
//! (`validate`), business hours (`hours`), languages and the server's own words (`locale`), run-time settings (`settings`), text escaping (`text`), HMACs (`signing`), the outbox's event types (`events`), outgoing webhooks' rules (`webhooks`), and pure views built
//! from stored rows (`queue`, `stats`). Nothing here reads a database or a
//! socket, and nothing here imports from another layer.

pub mod access;
pub mod console;
pub mod events;
pub mod hours;
pub mod locale;
pub mod model;
pub mod queue;
pub mod reports;
pub mod settings;
pub mod signing;
pub mod stats;
pub mod text;
pub mod validate;
pub mod webhooks;
pub mod workspace;
