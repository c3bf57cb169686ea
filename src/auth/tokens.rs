//! Access tokens (JWT, HS256, pinned) and opaque random tokens stored only as hashes.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::SecretKey;

pub const ISSUER: &str = "wijkbudget";
pub const AUDIENCE: &str = "wijkbudget-api";
pub const ACCESS_TOKEN_TYPE: &str = "access";
pub const ACCESS_TOKEN_SECONDS: i64 = 15 * 60;

/// The claims of an access token; every one is checked on the way in.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct AccessClaims {
    pub iss: String,
    pub aud: String,
    /// The user id.
    pub sub: String,
    pub exp: i64,
    pub nbf: i64,
    pub iat: i64,
    /// Always `access`: a token of another kind is never accepted as an access token.
    pub typ: String,
    /// The session this token belongs to; logging out ends it.
    pub sid: String,
    /// An API client's token: the scopes it was issued with, separated by spaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// Signs and checks access tokens with one HS256 key.
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl TokenKeys {
    pub fn new(secret: &SecretKey) -> Result<Self, String> {
        let encoding = EncodingKey::from_secret(secret.bytes()).map_err(|e| e.to_string())?;
        let decoding = DecodingKey::from_secret(secret.bytes()).map_err(|e| e.to_string())?;
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "nbf", "iat", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        validation.leeway = 5;
        Ok(Self {
            encoding,
            decoding,
            validation,
        })
    }

    pub fn issue(&self, user_id: i64, session_id: &str, now_unix: i64) -> Result<String, String> {
        self.issue_with_scope(user_id, session_id, None, now_unix)
    }

    /// A token for an API client's account, limited to `scope`.
    pub fn issue_with_scope(
        &self,
        user_id: i64,
        session_id: &str,
        scope: Option<String>,
        now_unix: i64,
    ) -> Result<String, String> {
        let claims = AccessClaims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: user_id.to_string(),
            exp: now_unix + ACCESS_TOKEN_SECONDS,
            nbf: now_unix,
            iat: now_unix,
            typ: ACCESS_TOKEN_TYPE.into(),
            sid: session_id.into(),
            scope,
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| e.to_string())
    }

    /// The checked claims, or `None` for any token that is not a valid, current access token.
    pub fn verify(&self, token: &str) -> Option<AccessClaims> {
        let data =
            jsonwebtoken::decode::<AccessClaims>(token, &self.decoding, &self.validation).ok()?;
        if data.header.alg != Algorithm::HS256 || data.claims.typ != ACCESS_TOKEN_TYPE {
            return None;
        }
        Some(data.claims)
    }
}

/// A fresh random token of 256 bits, URL-safe.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// How a random token is stored: its SHA-256, in hex. The tokens carry 256 bits of entropy, so
/// a fast hash is enough to make a leaked table useless.
pub fn token_hash(token: &str) -> String {
    crate::store::audit::hex(&Sha256::digest(token.trim().as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> TokenKeys {
        TokenKeys::new(&SecretKey::random()).unwrap()
    }

    fn now() -> i64 {
        chrono::Utc::now().timestamp()
    }

    #[test]
    fn a_fresh_token_verifies() {
        let keys = keys();
        let token = keys.issue(7, "s1", now()).unwrap();
        let claims = keys.verify(&token).unwrap();
        assert_eq!((claims.sub.as_str(), claims.sid.as_str()), ("7", "s1"));
    }

    #[test]
    fn expired_and_future_tokens_are_refused() {
        let keys = keys();
        assert!(
            keys.verify(&keys.issue(7, "s", now() - 3600).unwrap())
                .is_none()
        );
        assert!(
            keys.verify(&keys.issue(7, "s", now() + 3600).unwrap())
                .is_none()
        );
    }

    #[test]
    fn another_key_is_refused() {
        let token = keys().issue(7, "s", now()).unwrap();
        assert!(keys().verify(&token).is_none());
    }

    #[test]
    fn random_tokens_are_long_and_distinct() {
        let (a, b) = (random_token(), random_token());
        assert_ne!(a, b);
        assert!(a.len() >= 43);
        assert_eq!(token_hash(&a).len(), 64);
    }
}
