//! Events counted by the rate limiter, shared by every process through the database.

use chrono::NaiveDateTime;
use diesel::dsl::{count_star, min};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::store::schema::rate_limit_events;

/// How many events the bucket has since `since`, and when the oldest of them happened.
pub fn window(
    conn: &mut DbConnection,
    bucket: &str,
    since: NaiveDateTime,
) -> QueryResult<(i64, Option<NaiveDateTime>)> {
    rate_limit_events::table
        .filter(rate_limit_events::bucket.eq(bucket))
        .filter(rate_limit_events::occurred_at.gt(since))
        .select((count_star(), min(rate_limit_events::occurred_at)))
        .first(conn)
}

/// Records one event; returns its id.
pub fn record(conn: &mut DbConnection, bucket: &str, at: NaiveDateTime) -> QueryResult<i64> {
    diesel::insert_into(rate_limit_events::table)
        .values((
            rate_limit_events::bucket.eq(bucket),
            rate_limit_events::occurred_at.eq(at),
        ))
        .returning(rate_limit_events::id)
        .get_result(conn)
}

pub fn forget(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<usize> {
    diesel::delete(rate_limit_events::table.filter(rate_limit_events::id.eq_any(ids))).execute(conn)
}

pub fn clear(conn: &mut DbConnection, bucket: &str) -> QueryResult<()> {
    diesel::delete(rate_limit_events::table.filter(rate_limit_events::bucket.eq(bucket)))
        .execute(conn)?;
    Ok(())
}

pub fn delete_older_than(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(rate_limit_events::table.filter(rate_limit_events::occurred_at.lt(before)))
        .execute(conn)
}

/// Deletes every bucket whose name starts with `prefix`.
pub fn clear_prefixed(conn: &mut DbConnection, prefix: &str) -> QueryResult<usize> {
    let escaped: String = prefix
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    diesel::delete(
        rate_limit_events::table.filter(
            rate_limit_events::bucket
                .like(format!("{escaped}%"))
                .escape('\\'),
        ),
    )
    .execute(conn)
}
