//! What residents follow.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::store::schema::follows;

/// Follows a subject; following it again changes nothing.
pub fn add(
    conn: &mut DbConnection,
    user_id: i64,
    (subject, subject_id): (&str, i64),
    now: NaiveDateTime,
) -> QueryResult<()> {
    let already = diesel::select(diesel::dsl::exists(
        follows::table
            .filter(follows::user_id.eq(user_id))
            .filter(follows::subject.eq(subject))
            .filter(follows::subject_id.eq(subject_id)),
    ))
    .get_result::<bool>(conn)?;
    if !already {
        diesel::insert_into(follows::table)
            .values((
                follows::user_id.eq(user_id),
                follows::subject.eq(subject),
                follows::subject_id.eq(subject_id),
                follows::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn remove(
    conn: &mut DbConnection,
    user_id: i64,
    (subject, subject_id): (&str, i64),
) -> QueryResult<()> {
    diesel::delete(
        follows::table
            .filter(follows::user_id.eq(user_id))
            .filter(follows::subject.eq(subject))
            .filter(follows::subject_id.eq(subject_id)),
    )
    .execute(conn)
    .map(drop)
}

/// What a user follows: (subject, id), oldest first.
pub fn of_user(conn: &mut DbConnection, user_id: i64) -> QueryResult<Vec<(String, i64)>> {
    follows::table
        .filter(follows::user_id.eq(user_id))
        .order(follows::id)
        .select((follows::subject, follows::subject_id))
        .load(conn)
}

/// Who follows a subject.
pub fn followers(
    conn: &mut DbConnection,
    (subject, subject_id): (&str, i64),
) -> QueryResult<Vec<i64>> {
    follows::table
        .filter(follows::subject.eq(subject))
        .filter(follows::subject_id.eq(subject_id))
        .order(follows::id)
        .select(follows::user_id)
        .load(conn)
}
