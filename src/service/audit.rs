//! The audit log: reading it, and checking that nobody rewrote it.
//!
//! Every entry carries the hash of the one before it and a hash over its own content; the head
//! row holds the last id and hash. Editing an entry breaks its hash, deleting one leaves a gap
//! in the ids or a head that points past the last entry, and both are found by [`verify`].

use crate::auth::caller::Caller;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::store::{self, audit::AuditEntry};

/// Where the chain breaks, and how.
#[derive(Debug, PartialEq, Eq)]
pub struct Break {
    pub entry_id: i64,
    pub reason: String,
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "audit entry {}: {}", self.entry_id, self.reason)
    }
}

const BATCH: i64 = 1000;

/// Recomputes the whole chain; returns the number of entries when it is intact.
pub fn verify(conn: &mut DbConnection) -> ApiResult<Result<i64, Break>> {
    let mut expected_prev = store::audit::GENESIS_HASH.to_string();
    let mut expected_id = 1i64;
    loop {
        let batch = store::audit::after(conn, expected_id - 1, BATCH)?;
        if batch.is_empty() {
            break;
        }
        for entry in &batch {
            if entry.id != expected_id {
                return Ok(Err(Break {
                    entry_id: expected_id,
                    reason: format!("is missing (deleted): the next entry is {}", entry.id),
                }));
            }
            if entry.prev_hash != expected_prev {
                return Ok(Err(Break {
                    entry_id: entry.id,
                    reason: "does not link to the entry before it (an earlier entry was changed or removed)".into(),
                }));
            }
            if store::audit::entry_hash(entry) != entry.hash {
                return Ok(Err(Break {
                    entry_id: entry.id,
                    reason: "its content does not match its hash (edited)".into(),
                }));
            }
            expected_prev = entry.hash.clone();
            expected_id += 1;
        }
    }
    let (last_id, last_hash) = store::audit::head(conn)?;
    let count = expected_id - 1;
    if last_id != count {
        return Ok(Err(Break {
            entry_id: count + 1,
            reason: format!(
                "is missing (deleted): the log ends at {count} but recorded {last_id} entries"
            ),
        }));
    }
    if last_hash != expected_prev {
        return Ok(Err(Break {
            entry_id: count,
            reason: "is not the entry the head of the chain recorded (replaced)".into(),
        }));
    }
    Ok(Ok(count))
}

/// A page of the log, newest first, optionally for one entity (administrators only).
pub fn list(
    conn: &mut DbConnection,
    caller: &Caller,
    entity_type: Option<&str>,
    entity_id: Option<&str>,
    before_id: Option<i64>,
    limit: i64,
) -> ApiResult<Vec<AuditEntry>> {
    caller.require_admin()?;
    Ok(store::audit::page_newest_first(
        conn,
        entity_type,
        entity_id,
        before_id,
        limit,
    )?)
}

/// The head hash of the chain.
pub fn head_hash(conn: &mut DbConnection) -> ApiResult<String> {
    Ok(store::audit::head(conn)?.1)
}
