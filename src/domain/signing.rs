//! HMAC-SHA256 in hex: made and checked in one place (visitor identities,
//! signed attachment links).

use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// The HMAC-SHA256 of `message` under `key`.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

/// Whether `hex` (either case) is the HMAC-SHA256 of `message` under `key`,
/// compared in constant time.
pub fn hmac_sha256_matches(key: &[u8], message: &[u8], hex: &str) -> bool {
    let Ok(given) = hex::decode(hex.trim()) else {
        return false;
    };
    let expected = hmac_sha256(key, message);
    given.len() == expected.len() && bool::from(given.ct_eq(&expected))
}
