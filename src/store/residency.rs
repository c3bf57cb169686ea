//! Where a resident is verified to live, and the one-time letter codes that prove it.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::residency::ResidencyMethod;
use crate::store::schema::{residencies, residency_codes};

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = residencies)]
pub struct Residency {
    pub user_id: i64,
    pub area_id: i64,
    pub method: ResidencyMethod,
    pub verified_by: Option<i64>,
    pub verified_at: NaiveDateTime,
}

pub fn find(conn: &mut DbConnection, user_id: i64) -> QueryResult<Option<Residency>> {
    residencies::table
        .find(user_id)
        .select(Residency::as_select())
        .first(conn)
        .optional()
}

/// Records (or replaces) the verified residence of a user.
pub fn set(conn: &mut DbConnection, residency: &Residency) -> QueryResult<()> {
    diesel::delete(residencies::table.find(residency.user_id)).execute(conn)?;
    diesel::insert_into(residencies::table)
        .values((
            residencies::user_id.eq(residency.user_id),
            residencies::area_id.eq(residency.area_id),
            residencies::method.eq(&residency.method),
            residencies::verified_by.eq(residency.verified_by),
            residencies::verified_at.eq(residency.verified_at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn insert_codes(
    conn: &mut DbConnection,
    area_id: i64,
    code_hashes: &[String],
    created_by: i64,
    now: NaiveDateTime,
) -> QueryResult<()> {
    for hash in code_hashes {
        diesel::insert_into(residency_codes::table)
            .values((
                residency_codes::area_id.eq(area_id),
                residency_codes::code_hash.eq(hash),
                residency_codes::created_by.eq(Some(created_by)),
                residency_codes::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Redeems an unused code; returns its area, or `None` when it does not exist or was used.
pub fn redeem_code(
    conn: &mut DbConnection,
    code_hash: &str,
    user_id: i64,
    now: NaiveDateTime,
) -> QueryResult<Option<i64>> {
    let found: Option<(i64, i64)> = residency_codes::table
        .filter(residency_codes::code_hash.eq(code_hash))
        .filter(residency_codes::redeemed_at.is_null())
        .select((residency_codes::id, residency_codes::area_id))
        .first(conn)
        .optional()?;
    let Some((id, area_id)) = found else {
        return Ok(None);
    };
    let updated = diesel::update(
        residency_codes::table
            .find(id)
            .filter(residency_codes::redeemed_at.is_null()),
    )
    .set((
        residency_codes::redeemed_by.eq(user_id),
        residency_codes::redeemed_at.eq(now),
    ))
    .execute(conn)?;
    Ok((updated == 1).then_some(area_id))
}
