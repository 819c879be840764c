//! Opaque bearer tokens: 32 random bytes, shown once, stored as SHA-256.

use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A new random token, `wct_` followed by 43 url-safe characters.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!(
        "wct_{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

/// What the store keeps: the hex SHA-256 of the token. Looking a token up by
/// its hash is an indexed equality on a value an attacker cannot choose, so
/// it leaks nothing through timing.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Cheap shape check before any database work.
pub fn looks_like_token(token: &str) -> bool {
    token.len() == 47
        && token.starts_with("wct_")
        && token[4..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_well_formed() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a, b);
        assert!(looks_like_token(&a), "{a}");
        assert!(!looks_like_token("wct_short"));
        assert!(!looks_like_token(&format!("{}!", &a[..46])));
        assert_eq!(hash_token(&a).len(), 64);
        assert_ne!(hash_token(&a), hash_token(&b));
    }
}
