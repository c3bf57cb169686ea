//! The audit log: reading it, and checking that nobody rewrote it.
//!
//! Every entry carries the hash of the one before it and a hash over its own content; the head
//! row holds the last id and hash. Editing an entry breaks its hash, deleting one leaves a gap
//! in the ids or a head that points past the last entry. The database itself refuses to change
//! or delete entries (triggers), and the server seals checkpoints of the head with a key the
//! database does not hold: whoever rewrites the history and re-hashes the chain cannot make the
//! sealed checkpoints, nor the heads published with round results, fit it. [`verify`] finds
//! all of these.

use crate::auth::caller::Caller;
use crate::config::SecretKey;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::store::{self, audit::AuditEntry, audit::Checkpoint};

/// Where the chain breaks, and how.
#[derive(Debug, PartialEq, Eq)]
pub struct Break {
    /// `audit entry 3`, `checkpoint at entry 7`, `the head published with round 2`.
    pub place: String,
    pub reason: String,
}

impl Break {
    fn entry(entry_id: i64, reason: impl Into<String>) -> Self {
        Self {
            place: format!("audit entry {entry_id}"),
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place, self.reason)
    }
}

const BATCH: i64 = 1000;

fn seal_of(secret: &SecretKey, entry_id: i64, entry_hash: &str) -> String {
    store::audit::hex(&secret.sign(
        "wijkbudget audit checkpoint v1",
        &format!("{entry_id}|{entry_hash}"),
    ))
}

/// Seals a checkpoint of the current head when it moved past the last checkpoint; returns the
/// entry sealed. The background job calls it every second, and a round's close at once, so
/// every entry is sealed (through the chain up to a sealed head) about a second after it was
/// written.
pub fn checkpoint(conn: &mut DbConnection, secret: &SecretKey) -> ApiResult<Option<i64>> {
    let (head_id, head_hash) = store::audit::head(conn)?;
    let now = crate::clock::now();
    let last_sealed = store::audit::last_checkpoint(conn)?.map_or(0, |c| c.entry_id);
    if head_id <= last_sealed {
        return Ok(None);
    }
    let sealed = Checkpoint {
        entry_id: head_id,
        seal: seal_of(secret, head_id, &head_hash),
        entry_hash: head_hash,
        created_at: now,
    };
    match store::audit::insert_checkpoint(conn, &sealed).map_err(ApiError::from) {
        Ok(()) => Ok(Some(head_id)),
        // Another process sealed the same head first.
        Err(e) if e.code == ErrorCode::AlreadyExists => Ok(None),
        Err(e) => Err(e),
    }
}

/// Recomputes the whole chain and checks it against every sealed checkpoint, every head
/// published with a round's results, and the heads given in `published`; returns the number
/// of entries when everything fits.
pub fn verify(
    conn: &mut DbConnection,
    secret: &SecretKey,
    published: &[String],
) -> ApiResult<Result<i64, Break>> {
    let count = match verify_chain(conn)? {
        Ok(count) => count,
        Err(broken) => return Ok(Err(broken)),
    };
    for checkpoint in store::audit::checkpoints(conn)? {
        let place = format!("checkpoint at entry {}", checkpoint.entry_id);
        if seal_of(secret, checkpoint.entry_id, &checkpoint.entry_hash) != checkpoint.seal {
            return Ok(Err(Break {
                place,
                reason: "its seal is wrong (forged, or PSEUDONYM_SECRET is not the server's)"
                    .into(),
            }));
        }
        match store::audit::find(conn, checkpoint.entry_id)? {
            None => {
                return Ok(Err(Break {
                    place,
                    reason: "the sealed entry is missing (the log was cut back)".into(),
                }));
            }
            Some(entry) if entry.hash != checkpoint.entry_hash => {
                return Ok(Err(Break {
                    place,
                    reason: "the entry is not the one that was sealed (the history was rewritten)"
                        .into(),
                }));
            }
            Some(_) => {}
        }
    }
    let mut heads: Vec<(String, String)> = store::rounds::published_audit_heads(conn)?
        .into_iter()
        .map(|(round, hash)| (format!("the head published with round {round}"), hash))
        .collect();
    heads.extend(
        published
            .iter()
            .map(|hash| (format!("the published head {hash}"), hash.clone())),
    );
    for (place, hash) in heads {
        if !store::audit::contains_hash(conn, &hash)? {
            return Ok(Err(Break {
                place,
                reason: "is not in the log (the history was rewritten or cut back)".into(),
            }));
        }
    }
    Ok(Ok(count))
}

/// The chain itself: ids without gaps, each entry linked to the one before and matching its
/// hash, and the head pointing at the last.
fn verify_chain(conn: &mut DbConnection) -> ApiResult<Result<i64, Break>> {
    let mut expected_prev = store::audit::GENESIS_HASH.to_string();
    let mut expected_id = 1i64;
    loop {
        let batch = store::audit::after(conn, expected_id - 1, BATCH)?;
        if batch.is_empty() {
            break;
        }
        for entry in &batch {
            if entry.id != expected_id {
                return Ok(Err(Break::entry(
                    expected_id,
                    format!("is missing (deleted): the next entry is {}", entry.id),
                )));
            }
            if entry.prev_hash != expected_prev {
                return Ok(Err(Break::entry(
                    entry.id,
                    "does not link to the entry before it (an earlier entry was changed or removed)",
                )));
            }
            if store::audit::entry_hash(entry) != entry.hash {
                return Ok(Err(Break::entry(
                    entry.id,
                    "its content does not match its hash (edited)",
                )));
            }
            expected_prev = entry.hash.clone();
            expected_id += 1;
        }
    }
    let (last_id, last_hash) = store::audit::head(conn)?;
    let count = expected_id - 1;
    if last_id != count {
        return Ok(Err(Break::entry(
            count + 1,
            format!("is missing (deleted): the log ends at {count} but recorded {last_id} entries"),
        )));
    }
    if last_hash != expected_prev {
        return Ok(Err(Break::entry(
            count,
            "is not the entry the head of the chain recorded (replaced)",
        )));
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
