//! WhatsApp through Twilio: signed inbound webhooks (idempotent on
//! `MessageSid`), the same bot, queue and agents as the web, commands
//! (`human`, `site …`, `end`), outbound sends through Twilio's Messages API
//! from a queue written with each message, delivery status callbacks, and
//! files both ways (`media`).

mod commands;
mod form;
pub mod http;
pub mod media;
mod sender;
mod service;
pub mod signature;
mod worker;

pub use form::{Inbound, MediaRef, StatusCallback};
pub use sender::{SendError, SkippingSender, TwilioSender, WhatsAppSender};
pub use service::WhatsAppService;
pub use worker::OutboundWorker;
