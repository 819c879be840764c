//! The console's API (PROTOCOL.md Part 2, "Console"): reports that equal
//! what happened, the audit log, API tokens, knowledge sites, a contact's
//! export and erasure, retention; every route checks the caller's role.

mod invitations;
mod knowledge;
mod people;
mod privacy;
mod reports;
mod tokens;
