//! The RAG bot: the fixture site, the crawler's guards, ingest and answers
//! over the wire, and the quality evaluation.

mod eval;
pub(crate) mod fixture;
mod ssrf;
mod standin;
pub(crate) mod wire;
