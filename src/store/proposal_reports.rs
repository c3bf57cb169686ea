//! Residents' reports of proposals, one per resident per proposal, and their handling by
//! moderators.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::store::schema::{proposal_reports, proposals};

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = proposal_reports)]
pub struct Report {
    pub id: i64,
    pub proposal_id: i64,
    pub reason: String,
    pub created_at: NaiveDateTime,
    pub handled_at: Option<NaiveDateTime>,
}

/// Adds a report; false when the reporter reported this proposal before.
pub fn add(
    conn: &mut DbConnection,
    proposal_id: i64,
    reporter_id: i64,
    reason: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let already = diesel::select(diesel::dsl::exists(
        proposal_reports::table
            .filter(proposal_reports::proposal_id.eq(proposal_id))
            .filter(proposal_reports::reporter_id.eq(reporter_id)),
    ))
    .get_result::<bool>(conn)?;
    if already {
        return Ok(false);
    }
    diesel::insert_into(proposal_reports::table)
        .values((
            proposal_reports::proposal_id.eq(proposal_id),
            proposal_reports::reporter_id.eq(reporter_id),
            proposal_reports::reason.eq(reason),
            proposal_reports::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(true)
}

pub fn open_count(conn: &mut DbConnection, proposal_id: i64) -> QueryResult<i64> {
    proposal_reports::table
        .filter(proposal_reports::proposal_id.eq(proposal_id))
        .filter(proposal_reports::handled_at.is_null())
        .count()
        .get_result(conn)
}

/// Marks the open reports of a proposal handled by a moderator's decision.
pub fn handle(
    conn: &mut DbConnection,
    proposal_id: i64,
    moderator_id: i64,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        proposal_reports::table
            .filter(proposal_reports::proposal_id.eq(proposal_id))
            .filter(proposal_reports::handled_at.is_null()),
    )
    .set((
        proposal_reports::handled_at.eq(now),
        proposal_reports::handled_by.eq(moderator_id),
    ))
    .execute(conn)
}

/// The reported proposals after `after_id`, by id: those with open reports (`open`), or those
/// whose reports were all handled; `areas` limits them to some areas (`None`: every area).
pub fn reported_proposals(
    conn: &mut DbConnection,
    open: bool,
    areas: Option<&[i64]>,
    after_id: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<i64>> {
    let open_reports = proposal_reports::table
        .filter(proposal_reports::handled_at.is_null())
        .select(proposal_reports::proposal_id);
    let mut query = proposals::table
        .filter(
            proposals::id.eq_any(
                proposal_reports::table
                    .select(proposal_reports::proposal_id)
                    .distinct(),
            ),
        )
        .select(proposals::id)
        .order(proposals::id)
        .limit(limit)
        .into_boxed();
    query = if open {
        query.filter(proposals::id.eq_any(open_reports))
    } else {
        query.filter(proposals::id.ne_all(open_reports))
    };
    if let Some(areas) = areas {
        query = query.filter(proposals::area_id.eq_any(areas.to_vec()));
    }
    if let Some(after) = after_id {
        query = query.filter(proposals::id.gt(after));
    }
    query.load(conn)
}

/// Every report of a proposal, oldest first, without who made it.
pub fn of_proposal(conn: &mut DbConnection, proposal_id: i64) -> QueryResult<Vec<Report>> {
    proposal_reports::table
        .filter(proposal_reports::proposal_id.eq(proposal_id))
        .order(proposal_reports::id)
        .select(Report::as_select())
        .load(conn)
}
