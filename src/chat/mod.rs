//! The chat: the rule book (`rules`) and the transport-free service every
//! transport goes through (`service`, with `messages`, `handoff`, `ending`, `presence`,
//! `team`, `routing`, `requeue`, `waiting`, `transfer`, `staff`, `notes`, and
//! the workspace's `attachments`, `canned`, `contacts` and `search`, and the
//! visitor side's `settings`, `availability`, `offline` mail and `feedback`),
//! which commits through the store and then tells the transports what
//! happened (`notify`). The bot and the summarizer are its seams to the RAG
//! side.

pub mod attachments;
mod availability;
pub mod bot;
pub mod canned;
mod channels;
pub mod console;
pub mod contacts;
mod ending;
mod feedback;
mod handoff;
mod messages;
pub mod monitor;
mod notes;
pub mod notify;
pub mod offline;
mod presence;
mod requeue;
pub mod routing;
pub mod rules;
pub mod search;
pub mod service;
pub mod settings;
pub mod staff;
pub mod summary;
pub mod team;
mod transfer;
mod waiting;
pub mod webhooks;

pub use channels::DeliveryStatus;
pub use handoff::Handoff;
pub use messages::Draft;
pub use service::{ChatConfig, ChatService};
