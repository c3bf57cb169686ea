//! The append-only, hash-chained audit log.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use crate::db::DbConnection;
use crate::store::schema::{audit_checkpoints, audit_head, audit_log};

pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened, by whom, to what.
pub struct AuditEvent<'a> {
    pub actor_id: Option<i64>,
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: String,
    pub details: serde_json::Value,
}

#[derive(Queryable, Selectable, Clone, Debug, serde::Serialize, utoipa::ToSchema)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: i64,
    pub occurred_at: NaiveDateTime,
    pub actor_id: Option<i64>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    /// JSON text describing the change.
    pub details: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash that links an entry to the one before it: over every field but `hash` itself.
pub fn entry_hash(entry: &AuditEntry) -> String {
    let mut hasher = Sha256::new();
    for part in [
        entry.prev_hash.as_str(),
        &entry.id.to_string(),
        &entry
            .occurred_at
            .format("%Y-%m-%dT%H:%M:%S%.6f")
            .to_string(),
        &entry.actor_id.map(|a| a.to_string()).unwrap_or_default(),
        &entry.action,
        &entry.entity_type,
        &entry.entity_id,
        &entry.details,
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0x1f]);
    }
    hex(&hasher.finalize())
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Appends one event. Must run inside the transaction of the change it records; the update of
/// the single head row serialises concurrent appenders on both backends.
pub fn append(conn: &mut DbConnection, event: AuditEvent<'_>) -> QueryResult<AuditEntry> {
    let (id, prev_hash): (i64, String) = diesel::update(audit_head::table.find(1))
        .set(audit_head::last_id.eq(audit_head::last_id + 1))
        .returning((audit_head::last_id, audit_head::last_hash))
        .get_result(conn)?;
    let mut entry = AuditEntry {
        id,
        occurred_at: crate::clock::now(),
        actor_id: event.actor_id,
        action: event.action.to_string(),
        entity_type: event.entity_type.to_string(),
        entity_id: event.entity_id,
        details: event.details.to_string(),
        prev_hash,
        hash: String::new(),
    };
    entry.hash = entry_hash(&entry);
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::id.eq(entry.id),
            audit_log::occurred_at.eq(entry.occurred_at),
            audit_log::actor_id.eq(entry.actor_id),
            audit_log::action.eq(&entry.action),
            audit_log::entity_type.eq(&entry.entity_type),
            audit_log::entity_id.eq(&entry.entity_id),
            audit_log::details.eq(&entry.details),
            audit_log::prev_hash.eq(&entry.prev_hash),
            audit_log::hash.eq(&entry.hash),
        ))
        .execute(conn)?;
    diesel::update(audit_head::table.find(1))
        .set(audit_head::last_hash.eq(&entry.hash))
        .execute(conn)?;
    Ok(entry)
}

/// Entries in id order after `after_id` (for walking the chain).
pub fn after(conn: &mut DbConnection, after_id: i64, limit: i64) -> QueryResult<Vec<AuditEntry>> {
    audit_log::table
        .filter(audit_log::id.gt(after_id))
        .order(audit_log::id.asc())
        .limit(limit)
        .select(AuditEntry::as_select())
        .load(conn)
}

/// Entries newest first before `before_id`, optionally for one entity.
pub fn page_newest_first(
    conn: &mut DbConnection,
    entity_type: Option<&str>,
    entity_id: Option<&str>,
    before_id: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<AuditEntry>> {
    let mut query = audit_log::table
        .select(AuditEntry::as_select())
        .into_boxed();
    if let Some(kind) = entity_type {
        query = query.filter(audit_log::entity_type.eq(kind));
    }
    if let Some(id) = entity_id {
        query = query.filter(audit_log::entity_id.eq(id));
    }
    if let Some(before) = before_id {
        query = query.filter(audit_log::id.lt(before));
    }
    query.order(audit_log::id.desc()).limit(limit).load(conn)
}

/// A sealed checkpoint: the entry, its hash, and a MAC over both with a key the database does
/// not hold.
#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = audit_checkpoints)]
pub struct Checkpoint {
    pub entry_id: i64,
    pub entry_hash: String,
    pub seal: String,
    pub created_at: NaiveDateTime,
}

pub fn insert_checkpoint(conn: &mut DbConnection, checkpoint: &Checkpoint) -> QueryResult<()> {
    diesel::insert_into(audit_checkpoints::table)
        .values((
            audit_checkpoints::entry_id.eq(checkpoint.entry_id),
            audit_checkpoints::entry_hash.eq(&checkpoint.entry_hash),
            audit_checkpoints::seal.eq(&checkpoint.seal),
            audit_checkpoints::created_at.eq(checkpoint.created_at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn checkpoints(conn: &mut DbConnection) -> QueryResult<Vec<Checkpoint>> {
    audit_checkpoints::table
        .order(audit_checkpoints::entry_id)
        .select(Checkpoint::as_select())
        .load(conn)
}

pub fn last_checkpoint(conn: &mut DbConnection) -> QueryResult<Option<Checkpoint>> {
    audit_checkpoints::table
        .order(audit_checkpoints::entry_id.desc())
        .select(Checkpoint::as_select())
        .first(conn)
        .optional()
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<AuditEntry>> {
    audit_log::table
        .find(id)
        .select(AuditEntry::as_select())
        .first(conn)
        .optional()
}

pub fn contains_hash(conn: &mut DbConnection, hash: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        audit_log::table.filter(audit_log::hash.eq(hash)),
    ))
    .get_result(conn)
}

/// The last id and hash the chain recorded.
pub fn head(conn: &mut DbConnection) -> QueryResult<(i64, String)> {
    audit_head::table
        .find(1)
        .select((audit_head::last_id, audit_head::last_hash))
        .first(conn)
}
