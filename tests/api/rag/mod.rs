//! The RAG bot: the fixture site, the crawler's guards, ingest and answers
//! over the wire (streamed, scoped, handed off when unsure), and the quality
//! evaluation on three sites.

mod answers;
mod calibrate;
mod eval;
pub(crate) mod fixture;
mod sites;
mod ssrf;
mod standin;
pub(crate) mod wire;
