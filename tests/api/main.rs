//! The one integration-test binary: store conformance on both databases, and
//! the real app driven over HTTP and Socket.IO.

mod chat;
mod conformance;
mod console;
mod flow;
mod hardening;
mod heartbeat;
mod helpers;
mod http;
mod idle;
mod kafka;
mod loadgen;
mod nodes;
mod notes;
mod openapi;
mod rag;
mod routing;
mod socket;
mod team;
mod twilio;
mod visitor;
mod webhooks;
mod whatsapp;
mod workspace;
