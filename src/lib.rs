//! Webchat: self-hosted live chat with a bot and human handoff.
//!
//! `App::build(config)` binds the listener (port 0 works) and wires the
//! parts; `App::run` serves until a shutdown signal.
#![forbid(unsafe_code)]

pub mod app;
pub mod assets;
pub mod auth;
pub mod chat;
pub mod cli;
pub mod config;
pub mod error;
pub mod events;
pub mod http;
pub mod limits;
pub mod rag;
pub mod realtime;
pub mod store;
pub mod whatsapp;
