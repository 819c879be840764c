//! The RAG bot: the fixture site, the crawler's guards, ingest and answers
//! over the wire, and the quality evaluation.

mod eval;
mod fixture;
mod ssrf;
mod standin;
mod wire;
