//! The chat: the rule book (`rules`) and the transport-free service every
//! transport goes through (`service`, with `messages`, `handoff`, `ending`, `presence`,
//! `team`, `routing`, `requeue`, `waiting`, `transfer`, `staff`, `notes`, and
//! the workspace's `attachments`, `canned`, `contacts` and `search`),
//! which commits through the store and then tells the transports what
//! happened (`notify`). The bot and the summarizer are its seams to the RAG
//! side.

pub mod attachments;
pub mod bot;
pub mod canned;
mod channels;
pub mod contacts;
mod ending;
mod handoff;
mod messages;
pub mod monitor;
mod notes;
pub mod notify;
mod presence;
mod requeue;
pub mod routing;
pub mod rules;
pub mod search;
pub mod service;
pub mod staff;
pub mod summary;
pub mod team;
mod transfer;
mod waiting;

pub use channels::DeliveryStatus;
pub use messages::Draft;
pub use service::{ChatConfig, ChatService};
