//! Webchat: self-hosted live chat with a bot and human handoff.
//!
//! The layers, bottom up: `domain` (plain types), `store` (rows and
//! statements), `chat`, `auth` and `rag` (the services and their rules),
//! then the transports (`realtime`, `http`, `whatsapp`) and the outbox
//! relays (`events`). `state` is what transports are handed; `app` wires it
//! all: `App::build(config)` binds the listener (port 0 works), `App::run`
//! serves until a shutdown signal.
#![forbid(unsafe_code)]

pub mod app;
pub mod assets;
pub mod auth;
pub mod chat;
pub mod cli;
pub mod config;
pub mod domain;
pub mod error;
pub mod events;
pub mod files;
pub mod http;
pub mod limits;
pub mod mail;
pub mod rag;
pub mod realtime;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod whatsapp;
