//! Sign-in sessions and their rotating refresh tokens (a session is a refresh-token family).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::store::residency::Residency;
use crate::store::schema::{refresh_tokens, residencies, sessions, users};
use crate::store::users::User;

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = sessions)]
pub struct Session {
    pub id: String,
    pub user_id: i64,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
    pub revoked_reason: Option<String>,
}

impl Session {
    pub fn is_active(&self, now: NaiveDateTime) -> bool {
        self.revoked_at.is_none() && self.expires_at > now
    }
}

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = refresh_tokens)]
pub struct RefreshToken {
    pub id: i64,
    pub session_id: String,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub rotated_at: Option<NaiveDateTime>,
    /// When the one retry after a lost answer was spent, or withdrawn.
    pub retry_closed_at: Option<NaiveDateTime>,
}

pub fn create(
    conn: &mut DbConnection,
    id: &str,
    user_id: i64,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(sessions::table)
        .values((
            sessions::id.eq(id),
            sessions::user_id.eq(user_id),
            sessions::created_at.eq(now),
            sessions::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<Session>> {
    sessions::table
        .find(id)
        .select(Session::as_select())
        .first(conn)
        .optional()
}

/// The session with its user and the user's verified residence, in one query: every
/// authenticated request needs all three.
pub fn find_with_user(
    conn: &mut DbConnection,
    id: &str,
) -> QueryResult<Option<(Session, User, Option<Residency>)>> {
    sessions::table
        .inner_join(users::table)
        .left_join(residencies::table.on(residencies::user_id.eq(users::id)))
        .filter(sessions::id.eq(id))
        .select((
            Session::as_select(),
            User::as_select(),
            Option::<Residency>::as_select(),
        ))
        .first(conn)
        .optional()
}

pub fn extend(conn: &mut DbConnection, id: &str, expires_at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(sessions::table.find(id))
        .set(sessions::expires_at.eq(expires_at))
        .execute(conn)?;
    Ok(())
}

pub fn revoke(conn: &mut DbConnection, id: &str, reason: &str) -> QueryResult<()> {
    diesel::update(
        sessions::table
            .find(id)
            .filter(sessions::revoked_at.is_null()),
    )
    .set((
        sessions::revoked_at.eq(crate::clock::now()),
        sessions::revoked_reason.eq(reason),
    ))
    .execute(conn)?;
    Ok(())
}

pub fn revoke_all_for_user(
    conn: &mut DbConnection,
    user_id: i64,
    reason: &str,
) -> QueryResult<usize> {
    diesel::update(
        sessions::table
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::revoked_at.is_null()),
    )
    .set((
        sessions::revoked_at.eq(crate::clock::now()),
        sessions::revoked_reason.eq(reason),
    ))
    .execute(conn)
}

pub fn add_refresh_token(
    conn: &mut DbConnection,
    session_id: &str,
    token_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::session_id.eq(session_id),
            refresh_tokens::token_hash.eq(token_hash),
            refresh_tokens::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn find_refresh_token(
    conn: &mut DbConnection,
    token_hash: &str,
) -> QueryResult<Option<RefreshToken>> {
    refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(token_hash))
        .select(RefreshToken::as_select())
        .first(conn)
        .optional()
}

/// The session's refresh token used most recently.
pub fn last_rotated(
    conn: &mut DbConnection,
    session_id: &str,
) -> QueryResult<Option<RefreshToken>> {
    refresh_tokens::table
        .filter(refresh_tokens::session_id.eq(session_id))
        .filter(refresh_tokens::rotated_at.is_not_null())
        .order((refresh_tokens::rotated_at.desc(), refresh_tokens::id.desc()))
        .select(RefreshToken::as_select())
        .first(conn)
        .optional()
}

/// The session's refresh tokens not used yet.
pub fn unrotated(conn: &mut DbConnection, session_id: &str) -> QueryResult<Vec<RefreshToken>> {
    refresh_tokens::table
        .filter(refresh_tokens::session_id.eq(session_id))
        .filter(refresh_tokens::rotated_at.is_null())
        .select(RefreshToken::as_select())
        .load(conn)
}

pub fn close_retry(conn: &mut DbConnection, id: i64, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(refresh_tokens::table.find(id))
        .set(refresh_tokens::retry_closed_at.eq(now))
        .execute(conn)?;
    Ok(())
}

/// Marks a refresh token as used; false when another request used it first.
pub fn mark_rotated(conn: &mut DbConnection, id: i64, now: NaiveDateTime) -> QueryResult<bool> {
    let updated = diesel::update(
        refresh_tokens::table
            .find(id)
            .filter(refresh_tokens::rotated_at.is_null()),
    )
    .set(refresh_tokens::rotated_at.eq(now))
    .execute(conn)?;
    Ok(updated == 1)
}
