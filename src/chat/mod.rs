//! The chat domain: its objects, the rule book, and the service every
//! transport goes through.

pub mod bot;
mod ending;
pub mod fanout;
mod handoff;
pub mod model;
mod presence;
pub mod queue;
pub mod rules;
pub mod service;
pub mod stats;
pub mod summary;
pub mod validate;

pub use service::ChatService;
