//! Authentication: passwords (argon2), opaque bearer tokens stored hashed,
//! and the service that issues, checks and revokes them.
//!
//! The role of a caller always comes from its token's user, never from what
//! the client claims.

mod invitations;
mod password;
mod service;
mod token;

pub use invitations::{InviteRequest, Invited, LinkMail};
pub use password::Passwords;
pub use service::{AuthService, Identity, StaffAccount};
pub use token::{hash_token, new_token};
