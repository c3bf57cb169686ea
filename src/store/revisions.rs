//! The history of edits: each one with the record before and after, who, when and why.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::store::schema::revisions;

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = revisions)]
pub struct Revision {
    pub id: i64,
    pub entity_type: String,
    pub entity_id: i64,
    /// JSON.
    pub before: String,
    /// JSON.
    pub after: String,
    pub reason: String,
    pub changed_by: i64,
    pub changed_at: NaiveDateTime,
}

pub struct NewRevision<'a> {
    pub entity_type: &'a str,
    pub entity_id: i64,
    pub before: &'a str,
    pub after: &'a str,
    pub reason: &'a str,
    pub changed_by: i64,
}

pub fn insert(conn: &mut DbConnection, r: &NewRevision, now: NaiveDateTime) -> QueryResult<()> {
    diesel::insert_into(revisions::table)
        .values((
            revisions::entity_type.eq(r.entity_type),
            revisions::entity_id.eq(r.entity_id),
            revisions::before.eq(r.before),
            revisions::after.eq(r.after),
            revisions::reason.eq(r.reason),
            revisions::changed_by.eq(r.changed_by),
            revisions::changed_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// The edits of one record, oldest first.
pub fn of(
    conn: &mut DbConnection,
    entity_type: &str,
    entity_id: i64,
) -> QueryResult<Vec<Revision>> {
    revisions::table
        .filter(revisions::entity_type.eq(entity_type))
        .filter(revisions::entity_id.eq(entity_id))
        .order(revisions::id)
        .select(Revision::as_select())
        .load(conn)
}
