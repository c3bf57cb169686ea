//! Residents' choices of how they hear of each kind of event, and the notifications waiting for
//! their daily digest.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::notification::{Delivery, EventKind};
use crate::store::schema::{digest_items, digests, notification_preferences};

/// The kinds a user chose a delivery for; the others are delivered immediately.
pub fn preferences(
    conn: &mut DbConnection,
    user_id: i64,
) -> QueryResult<Vec<(EventKind, Delivery)>> {
    notification_preferences::table
        .filter(notification_preferences::user_id.eq(user_id))
        .select((
            notification_preferences::kind,
            notification_preferences::delivery,
        ))
        .load(conn)
}

/// Sets how a user hears of one kind of event. Called inside a transaction.
pub fn set_preference(
    conn: &mut DbConnection,
    user_id: i64,
    kind: EventKind,
    delivery: Delivery,
) -> QueryResult<()> {
    diesel::delete(
        notification_preferences::table
            .filter(notification_preferences::user_id.eq(user_id))
            .filter(notification_preferences::kind.eq(kind)),
    )
    .execute(conn)?;
    diesel::insert_into(notification_preferences::table)
        .values((
            notification_preferences::user_id.eq(user_id),
            notification_preferences::kind.eq(kind),
            notification_preferences::delivery.eq(delivery),
        ))
        .execute(conn)
        .map(drop)
}

/// A notification line kept for the user's next digest.
pub fn keep_for_digest(
    conn: &mut DbConnection,
    user_id: i64,
    kind: EventKind,
    (line, link): (&str, &str),
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(digest_items::table)
        .values((
            digest_items::user_id.eq(user_id),
            digest_items::kind.eq(kind.as_str()),
            digest_items::line.eq(line),
            digest_items::link.eq(link),
            digest_items::created_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// Who has notifications waiting for a digest.
pub fn users_waiting(conn: &mut DbConnection) -> QueryResult<Vec<i64>> {
    digest_items::table
        .filter(digest_items::digest_day.is_null())
        .select(digest_items::user_id)
        .distinct()
        .order(digest_items::user_id)
        .load(conn)
}

/// Claims the digest of `day` for a user; false when a digest for that day was claimed already
/// (by this process or another). In a savepoint, so a lost race leaves the caller's transaction
/// usable on PostgreSQL too.
pub fn claim_digest(
    conn: &mut DbConnection,
    user_id: i64,
    day: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let claimed = conn.transaction(|conn| {
        diesel::insert_into(digests::table)
            .values((
                digests::user_id.eq(user_id),
                digests::day.eq(day),
                digests::sent_at.eq(now),
            ))
            .execute(conn)
    });
    match claimed {
        Ok(_) => Ok(true),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Takes a user's waiting notifications into the digest of `day`: (line, link), oldest first.
pub fn take_for_digest(
    conn: &mut DbConnection,
    user_id: i64,
    day: &str,
) -> QueryResult<Vec<(String, String)>> {
    let waiting = digest_items::table
        .filter(digest_items::user_id.eq(user_id))
        .filter(digest_items::digest_day.is_null());
    let items = waiting
        .order(digest_items::id)
        .select((digest_items::line, digest_items::link))
        .load(conn)?;
    diesel::update(waiting)
        .set(digest_items::digest_day.eq(day))
        .execute(conn)?;
    Ok(items)
}

/// How many notifications wait for a user's next digest.
pub fn waiting_count(conn: &mut DbConnection, user_id: i64) -> QueryResult<i64> {
    digest_items::table
        .filter(digest_items::user_id.eq(user_id))
        .filter(digest_items::digest_day.is_null())
        .count()
        .get_result(conn)
}

/// Forgets a user's choices and waiting notifications (their account was erased).
pub fn forget_user(conn: &mut DbConnection, user_id: i64) -> QueryResult<()> {
    diesel::delete(digest_items::table.filter(digest_items::user_id.eq(user_id))).execute(conn)?;
    diesel::delete(
        notification_preferences::table.filter(notification_preferences::user_id.eq(user_id)),
    )
    .execute(conn)?;
    Ok(())
}
