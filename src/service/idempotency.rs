//! Idempotency-Key: a request sent again with the same key and the same content within 24 hours
//! gets the first answer again instead of being done twice; the same key with other content is
//! refused. Keys are scoped to who sends them and where, and kept only as hashes.

use chrono::TimeDelta;

use crate::auth::tokens::token_hash;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::store;
pub use crate::store::idempotency_keys::{Answer, KeptRequest};

/// How long an answer is kept.
pub const KEPT_FOR: TimeDelta = TimeDelta::hours(24);

/// What to do with a request that carries a key.
pub enum Begin {
    /// The key is new: answer the request, then `keep` the answer.
    Proceed,
    /// The same request came before: give this answer again.
    Replay(KeptRequest),
}

/// A key names the sender (`scope`: the signed-in account, or nobody), the method and path,
/// and the client's key.
pub fn key_hash(scope: &str, method: &str, path: &str, key: &str) -> ApiResult<String> {
    if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ApiError::invalid(
            "Idempotency-Key",
            t!("must-be-1-to-255-visible-ascii"),
        ));
    }
    Ok(token_hash(&format!("{scope}\n{method} {path}\n{key}")))
}

/// Claims the key for this request, or finds the answer it had.
pub fn begin(conn: &mut DbConnection, key_hash: &str, request_hash: &str) -> ApiResult<Begin> {
    let now = crate::clock::now();
    for _ in 0..2 {
        match store::idempotency_keys::find(conn, key_hash)? {
            Some(kept) if kept.created_at + KEPT_FOR < now => {
                store::idempotency_keys::release(conn, key_hash)?
            }
            Some(kept) => return decide(kept, request_hash),
            None => {
                if store::idempotency_keys::claim(conn, key_hash, request_hash, now)? {
                    return Ok(Begin::Proceed);
                }
            }
        }
    }
    Err(ApiError::unavailable(
        "the Idempotency-Key is changing hands; retry",
    ))
}

fn decide(kept: KeptRequest, request_hash: &str) -> ApiResult<Begin> {
    if kept.request_hash != request_hash {
        return Err(ApiError::new(
            ErrorCode::IdempotencyKeyReused,
            t!("this-idempotency-key-was-used-for-a"),
        ));
    }
    if kept.status.is_none() {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            t!("the-first-request-with-this-idempotency-key"),
        ));
    }
    Ok(Begin::Replay(kept))
}

/// Whether an answer is the request's outcome, to be given again; a failure of the server, a
/// missing sign-in, a timeout or a rate limit is not: the retry should be tried anew.
pub fn worth_keeping(status: u16) -> bool {
    status < 500 && ![401, 408, 429].contains(&status)
}

pub fn keep(conn: &mut DbConnection, key_hash: &str, answer: &Answer) -> ApiResult<()> {
    Ok(store::idempotency_keys::keep_answer(
        conn, key_hash, answer,
    )?)
}

pub fn release(conn: &mut DbConnection, key_hash: &str) -> ApiResult<()> {
    Ok(store::idempotency_keys::release(conn, key_hash)?)
}

/// Forgets answers older than `KEPT_FOR`.
pub fn prune(conn: &mut DbConnection) -> ApiResult<usize> {
    Ok(store::idempotency_keys::forget_before(
        conn,
        crate::clock::now() - KEPT_FOR,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_scoped_to_sender_method_and_path() {
        let base = key_hash("user:1", "POST", "/a", "k").unwrap();
        for other in [
            key_hash("user:2", "POST", "/a", "k"),
            key_hash("anonymous", "POST", "/a", "k"),
            key_hash("user:1", "PUT", "/a", "k"),
            key_hash("user:1", "POST", "/b", "k"),
            key_hash("user:1", "POST", "/a", "k2"),
        ] {
            assert_ne!(other.unwrap(), base);
        }
    }

    #[test]
    fn a_key_is_short_visible_ascii() {
        for bad in ["", " ", "é", "a b", &"x".repeat(256)] {
            assert!(key_hash("s", "POST", "/", bad).is_err(), "{bad:?}");
        }
        assert!(key_hash("s", "POST", "/", "6f1c2b4e-8f1a-4c1e-9b7a-0e2d3f4a5b6c").is_ok());
    }

    #[test]
    fn only_outcomes_are_kept() {
        for kept in [200, 201, 204, 403, 404, 409, 422] {
            assert!(worth_keeping(kept), "{kept}");
        }
        for not_kept in [401, 408, 429, 500, 503] {
            assert!(!worth_keeping(not_kept), "{not_kept}");
        }
    }
}
