//! Milestones of funded proposals, and their changes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::finance::MilestoneStatus;
use crate::domain::locale::Locale;
use crate::store::schema::milestones;

#[derive(Queryable, Selectable, Clone, Debug, serde::Serialize)]
#[diesel(table_name = milestones)]
pub struct Milestone {
    pub id: i64,
    pub proposal_id: i64,
    pub title: String,
    pub status: MilestoneStatus,
    pub progress_pct: i32,
    pub due_on: Option<String>,
    pub note: Option<String>,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    /// The language it was written in; others are translations.
    pub language: Locale,
}

pub struct NewMilestone<'a> {
    pub proposal_id: i64,
    pub title: &'a str,
    pub status: MilestoneStatus,
    pub progress_pct: i32,
    pub due_on: Option<&'a str>,
    pub note: Option<&'a str>,
    pub created_by: i64,
}

pub fn insert_milestone(
    conn: &mut DbConnection,
    m: &NewMilestone<'_>,
    now: NaiveDateTime,
) -> QueryResult<Milestone> {
    diesel::insert_into(milestones::table)
        .values((
            milestones::proposal_id.eq(m.proposal_id),
            milestones::title.eq(m.title),
            milestones::status.eq(m.status),
            milestones::progress_pct.eq(m.progress_pct),
            milestones::due_on.eq(m.due_on),
            milestones::note.eq(m.note),
            milestones::created_by.eq(m.created_by),
            milestones::created_at.eq(now),
        ))
        .returning(milestones::all_columns)
        .get_result(conn)
}

pub fn milestones_of(conn: &mut DbConnection, proposal_id: i64) -> QueryResult<Vec<Milestone>> {
    milestones::table
        .filter(milestones::proposal_id.eq(proposal_id))
        .order(milestones::id)
        .select(Milestone::as_select())
        .load(conn)
}

/// What an edit of a milestone sets.
pub struct MilestoneChange<'a> {
    pub title: &'a str,
    pub status: MilestoneStatus,
    pub progress_pct: i32,
    pub due_on: Option<&'a str>,
    pub note: Option<&'a str>,
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Milestone>> {
    milestones::table
        .find(id)
        .select(Milestone::as_select())
        .first(conn)
        .optional()
}

pub fn update(conn: &mut DbConnection, id: i64, m: &MilestoneChange<'_>) -> QueryResult<()> {
    diesel::update(milestones::table.find(id))
        .set((
            milestones::title.eq(m.title),
            milestones::status.eq(m.status),
            milestones::progress_pct.eq(m.progress_pct),
            milestones::due_on.eq(m.due_on),
            milestones::note.eq(m.note),
        ))
        .execute(conn)?;
    Ok(())
}
