//! Values sealed at rest (XChaCha20-Poly1305) under a key derived from a configured secret for
//! one purpose, and bound to what they belong to (the associated data), so that a sealed value
//! moved to another row no longer opens. Ballots and the signing secrets of webhooks use it.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;

use crate::config::SecretKey;

/// Marks a sealed value and its format.
pub const VERSION_PREFIX: &str = "v1.";
const NONCE_BYTES: usize = 24;

fn cipher(secret: &SecretKey, purpose: &str) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new(&secret.derive(purpose).into())
}

/// Seals `plaintext` for `purpose`, bound to `bound_to`; `None` only if encryption fails.
pub fn seal(secret: &SecretKey, purpose: &str, bound_to: &str, plaintext: &[u8]) -> Option<String> {
    let mut nonce = [0u8; NONCE_BYTES];
    rand::rng().fill_bytes(&mut nonce);
    let sealed = cipher(secret, purpose)
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad: bound_to.as_bytes(),
            },
        )
        .ok()?;
    let mut bytes = nonce.to_vec();
    bytes.extend(sealed);
    Some(format!("{VERSION_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes)))
}

/// Opens a sealed value; `None` when it was sealed for another purpose, binding or secret, or
/// changed since.
pub fn open(secret: &SecretKey, purpose: &str, bound_to: &str, sealed: &str) -> Option<Vec<u8>> {
    let encoded = sealed.strip_prefix(VERSION_PREFIX)?;
    let bytes = URL_SAFE_NO_PAD.decode(encoded).ok()?;
    if bytes.len() <= NONCE_BYTES {
        return None;
    }
    let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
    cipher(secret, purpose)
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: ciphertext,
                aad: bound_to.as_bytes(),
            },
        )
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(byte: u8) -> SecretKey {
        SecretKey::new(vec![byte; 32], "TEST").unwrap()
    }

    #[test]
    fn a_sealed_value_opens_only_with_its_secret_purpose_and_binding() {
        let sealed = seal(&secret(1), "p", "row:1", b"hello").unwrap();
        assert_eq!(open(&secret(1), "p", "row:1", &sealed).unwrap(), b"hello");
        assert!(open(&secret(2), "p", "row:1", &sealed).is_none());
        assert!(open(&secret(1), "q", "row:1", &sealed).is_none());
        assert!(open(&secret(1), "p", "row:2", &sealed).is_none());
    }
}
