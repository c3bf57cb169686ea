//! Council decisions on rounds. Decisions are never changed: a later one supersedes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::decision::DecisionKind;
use crate::store::schema::decisions;

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = decisions)]
pub struct Decision {
    pub id: i64,
    pub round_id: i64,
    pub kind: DecisionKind,
    pub council_session: String,
    pub decided_on: String,
    /// JSON list of the approved proposal ids.
    pub approved: String,
    /// JSON list of {proposal_id, change: add|remove, reason}.
    pub changes: String,
    pub over_envelope_reason: Option<String>,
    pub decided_by: i64,
    pub superseded_by: Option<i64>,
    pub created_at: NaiveDateTime,
}

pub struct NewDecision<'a> {
    pub round_id: i64,
    pub kind: DecisionKind,
    pub council_session: &'a str,
    pub decided_on: &'a str,
    pub approved: &'a str,
    pub changes: &'a str,
    pub over_envelope_reason: Option<&'a str>,
    pub decided_by: i64,
}

pub fn insert(
    conn: &mut DbConnection,
    d: &NewDecision<'_>,
    now: NaiveDateTime,
) -> QueryResult<Decision> {
    diesel::insert_into(decisions::table)
        .values((
            decisions::round_id.eq(d.round_id),
            decisions::kind.eq(d.kind),
            decisions::council_session.eq(d.council_session),
            decisions::decided_on.eq(d.decided_on),
            decisions::approved.eq(d.approved),
            decisions::changes.eq(d.changes),
            decisions::over_envelope_reason.eq(d.over_envelope_reason),
            decisions::decided_by.eq(d.decided_by),
            decisions::created_at.eq(now),
        ))
        .returning(decisions::all_columns)
        .get_result(conn)
}

/// The decision in force for a round (the one nothing superseded).
pub fn current(conn: &mut DbConnection, round_id: i64) -> QueryResult<Option<Decision>> {
    decisions::table
        .filter(decisions::round_id.eq(round_id))
        .filter(decisions::superseded_by.is_null())
        .select(Decision::as_select())
        .first(conn)
        .optional()
}

pub fn history(conn: &mut DbConnection, round_id: i64) -> QueryResult<Vec<Decision>> {
    decisions::table
        .filter(decisions::round_id.eq(round_id))
        .order(decisions::id)
        .select(Decision::as_select())
        .load(conn)
}

pub fn supersede(conn: &mut DbConnection, old: i64, new: i64) -> QueryResult<()> {
    diesel::update(decisions::table.find(old))
        .set(decisions::superseded_by.eq(new))
        .execute(conn)?;
    Ok(())
}
