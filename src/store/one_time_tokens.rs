//! Single-use tokens sent by e-mail: address verification and password reset.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::one_time_token::TokenPurpose;
use crate::store::schema::one_time_tokens;

pub fn create(
    conn: &mut DbConnection,
    user_id: i64,
    purpose: TokenPurpose,
    token_hash: &str,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(one_time_tokens::table)
        .values((
            one_time_tokens::user_id.eq(user_id),
            one_time_tokens::purpose.eq(purpose),
            one_time_tokens::token_hash.eq(token_hash),
            one_time_tokens::expires_at.eq(expires_at),
            one_time_tokens::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Uses a token once: returns its user when it existed, had this purpose, was unused and
/// unexpired. A concurrent second use finds it used.
pub fn consume(
    conn: &mut DbConnection,
    purpose: TokenPurpose,
    token_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<i64>> {
    let found: Option<(i64, i64)> = one_time_tokens::table
        .filter(one_time_tokens::token_hash.eq(token_hash))
        .filter(one_time_tokens::purpose.eq(purpose))
        .filter(one_time_tokens::used_at.is_null())
        .filter(one_time_tokens::expires_at.gt(now))
        .select((one_time_tokens::id, one_time_tokens::user_id))
        .first(conn)
        .optional()?;
    let Some((id, user_id)) = found else {
        return Ok(None);
    };
    let updated = diesel::update(
        one_time_tokens::table
            .find(id)
            .filter(one_time_tokens::used_at.is_null()),
    )
    .set(one_time_tokens::used_at.eq(now))
    .execute(conn)?;
    Ok((updated == 1).then_some(user_id))
}

/// The user of a usable token, without using it.
pub fn peek_user(
    conn: &mut DbConnection,
    purpose: TokenPurpose,
    token_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<i64>> {
    one_time_tokens::table
        .filter(one_time_tokens::token_hash.eq(token_hash))
        .filter(one_time_tokens::purpose.eq(purpose))
        .filter(one_time_tokens::used_at.is_null())
        .filter(one_time_tokens::expires_at.gt(now))
        .select(one_time_tokens::user_id)
        .first(conn)
        .optional()
}

/// Ends every open token of the user, whatever its purpose (the account is erased).
pub fn end_all_for_user(
    conn: &mut DbConnection,
    user_id: i64,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(
        one_time_tokens::table
            .filter(one_time_tokens::user_id.eq(user_id))
            .filter(one_time_tokens::used_at.is_null()),
    )
    .set(one_time_tokens::used_at.eq(now))
    .execute(conn)?;
    Ok(())
}

/// Ends every open token of this purpose for the user (a new one replaces them).
pub fn invalidate_for_user(
    conn: &mut DbConnection,
    user_id: i64,
    purpose: TokenPurpose,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(
        one_time_tokens::table
            .filter(one_time_tokens::user_id.eq(user_id))
            .filter(one_time_tokens::purpose.eq(purpose))
            .filter(one_time_tokens::used_at.is_null()),
    )
    .set(one_time_tokens::used_at.eq(now))
    .execute(conn)?;
    Ok(())
}
