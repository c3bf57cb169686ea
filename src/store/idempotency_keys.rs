//! Answers kept for requests sent with an Idempotency-Key.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::store::schema::idempotency_keys;

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = idempotency_keys)]
pub struct KeptRequest {
    pub request_hash: String,
    /// Absent while the first request is still being answered.
    pub status: Option<i32>,
    pub content_type: Option<String>,
    pub location: Option<String>,
    pub body: Option<String>,
    pub created_at: NaiveDateTime,
}

/// The kept request for a key, if any.
pub fn find(conn: &mut DbConnection, key_hash: &str) -> QueryResult<Option<KeptRequest>> {
    idempotency_keys::table
        .find(key_hash)
        .select(KeptRequest::as_select())
        .first(conn)
        .optional()
}

/// Claims a key for a request about to be answered; false when the key is taken already.
/// Called outside a transaction: the unique key decides between concurrent claims.
pub fn claim(
    conn: &mut DbConnection,
    key_hash: &str,
    request_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    match diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::key_hash.eq(key_hash),
            idempotency_keys::request_hash.eq(request_hash),
            idempotency_keys::created_at.eq(now),
        ))
        .execute(conn)
    {
        Ok(_) => Ok(true),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Ok(false),
        Err(e) => Err(e),
    }
}

/// The answer given to the claimed request.
pub struct Answer<'a> {
    pub status: i32,
    pub content_type: Option<&'a str>,
    pub location: Option<&'a str>,
    pub body: &'a str,
}

pub fn keep_answer(conn: &mut DbConnection, key_hash: &str, answer: &Answer) -> QueryResult<()> {
    diesel::update(idempotency_keys::table.find(key_hash))
        .set((
            idempotency_keys::status.eq(answer.status),
            idempotency_keys::content_type.eq(answer.content_type),
            idempotency_keys::location.eq(answer.location),
            idempotency_keys::body.eq(answer.body),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn release(conn: &mut DbConnection, key_hash: &str) -> QueryResult<()> {
    diesel::delete(idempotency_keys::table.find(key_hash)).execute(conn)?;
    Ok(())
}

/// Forgets the keys claimed before `cutoff`.
pub fn forget_before(conn: &mut DbConnection, cutoff: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(idempotency_keys::table.filter(idempotency_keys::created_at.lt(cutoff)))
        .execute(conn)
}
