//! Accounts known to the city's identity provider, and sign-ins on their way through it.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::store::schema::{identities, identity_sign_ins};

/// The account the provider's subject belongs to.
pub fn user_of(conn: &mut DbConnection, issuer: &str, subject: &str) -> QueryResult<Option<i64>> {
    identities::table
        .filter(identities::issuer.eq(issuer))
        .filter(identities::subject.eq(subject))
        .select(identities::user_id)
        .first(conn)
        .optional()
}

pub fn link(
    conn: &mut DbConnection,
    user_id: i64,
    (issuer, subject): (&str, &str),
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(identities::table)
        .values((
            identities::user_id.eq(user_id),
            identities::issuer.eq(issuer),
            identities::subject.eq(subject),
            identities::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = identity_sign_ins)]
pub struct PendingSignIn {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub next_path: String,
    pub created_at: NaiveDateTime,
}

pub fn remember(conn: &mut DbConnection, pending: &PendingSignIn) -> QueryResult<()> {
    diesel::insert_into(identity_sign_ins::table)
        .values((
            identity_sign_ins::state.eq(&pending.state),
            identity_sign_ins::nonce.eq(&pending.nonce),
            identity_sign_ins::pkce_verifier.eq(&pending.pkce_verifier),
            identity_sign_ins::next_path.eq(&pending.next_path),
            identity_sign_ins::created_at.eq(pending.created_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Takes the sign-in with this state: it is gone afterwards, so a state works once.
pub fn take(conn: &mut DbConnection, state: &str) -> QueryResult<Option<PendingSignIn>> {
    diesel::delete(identity_sign_ins::table.find(state))
        .returning(identity_sign_ins::all_columns)
        .get_result(conn)
        .optional()
}

/// Forgets sign-ins that never came back.
pub fn forget_older_than(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(identity_sign_ins::table.filter(identity_sign_ins::created_at.lt(before)))
        .execute(conn)
}
