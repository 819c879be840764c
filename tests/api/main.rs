//! The one integration-test binary: store conformance on both databases, and
//! the real app driven over HTTP and Socket.IO.

mod conformance;
mod flow;
mod helpers;
mod http;
mod rag;
mod socket;
