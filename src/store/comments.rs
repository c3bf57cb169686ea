//! Comments on proposals and their reports.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::store::schema::{comment_reports, comments};

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = comments)]
pub struct Comment {
    pub id: i64,
    pub proposal_id: i64,
    pub parent_id: Option<i64>,
    pub milestone_id: Option<i64>,
    pub author_id: i64,
    pub body: String,
    pub official: bool,
    pub created_at: NaiveDateTime,
    pub edited_at: Option<NaiveDateTime>,
    pub removed_at: Option<NaiveDateTime>,
    pub hidden: bool,
    pub hidden_reason: Option<String>,
}

pub struct NewComment<'a> {
    pub proposal_id: i64,
    pub parent_id: Option<i64>,
    pub milestone_id: Option<i64>,
    pub author_id: i64,
    pub body: &'a str,
    pub official: bool,
}

pub fn insert(
    conn: &mut DbConnection,
    new: &NewComment<'_>,
    now: NaiveDateTime,
) -> QueryResult<Comment> {
    let id = diesel::insert_into(comments::table)
        .values((
            comments::proposal_id.eq(new.proposal_id),
            comments::parent_id.eq(new.parent_id),
            comments::milestone_id.eq(new.milestone_id),
            comments::author_id.eq(new.author_id),
            comments::body.eq(new.body),
            comments::official.eq(new.official),
            comments::created_at.eq(now),
        ))
        .returning(comments::id)
        .get_result::<i64>(conn)?;
    comments::table
        .find(id)
        .select(Comment::as_select())
        .first(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Comment>> {
    comments::table
        .find(id)
        .select(Comment::as_select())
        .first(conn)
        .optional()
}

/// Every comment on a proposal, oldest first.
pub fn of_proposal(conn: &mut DbConnection, proposal_id: i64) -> QueryResult<Vec<Comment>> {
    comments::table
        .filter(comments::proposal_id.eq(proposal_id))
        .order(comments::id)
        .select(Comment::as_select())
        .load(conn)
}

pub fn set_body(
    conn: &mut DbConnection,
    id: i64,
    body: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(comments::table.find(id))
        .set((comments::body.eq(body), comments::edited_at.eq(now)))
        .execute(conn)
        .map(drop)
}

/// Clears a comment's text: its author took it back.
pub fn remove(conn: &mut DbConnection, id: i64, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(comments::table.find(id))
        .set((comments::body.eq(""), comments::removed_at.eq(now)))
        .execute(conn)
        .map(drop)
}

pub fn set_hidden(conn: &mut DbConnection, id: i64, hidden: bool, reason: &str) -> QueryResult<()> {
    diesel::update(comments::table.find(id))
        .set((
            comments::hidden.eq(hidden),
            comments::hidden_reason.eq(reason),
        ))
        .execute(conn)
        .map(drop)
}

/// Adds a report; false when the reporter reported this comment before.
pub fn add_report(
    conn: &mut DbConnection,
    comment_id: i64,
    reporter_id: i64,
    reason: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let already = diesel::select(diesel::dsl::exists(
        comment_reports::table
            .filter(comment_reports::comment_id.eq(comment_id))
            .filter(comment_reports::reporter_id.eq(reporter_id)),
    ))
    .get_result::<bool>(conn)?;
    if already {
        return Ok(false);
    }
    diesel::insert_into(comment_reports::table)
        .values((
            comment_reports::comment_id.eq(comment_id),
            comment_reports::reporter_id.eq(reporter_id),
            comment_reports::reason.eq(reason),
            comment_reports::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(true)
}

/// A report as moderators see it: never who made it.
#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = comment_reports)]
pub struct CommentReport {
    pub comment_id: i64,
    pub reason: String,
    pub created_at: NaiveDateTime,
    pub handled_at: Option<NaiveDateTime>,
}

/// The reports of a proposal's comments, oldest first.
pub fn reports_on_proposal(
    conn: &mut DbConnection,
    proposal_id: i64,
) -> QueryResult<Vec<CommentReport>> {
    comment_reports::table
        .inner_join(comments::table)
        .filter(comments::proposal_id.eq(proposal_id))
        .order(comment_reports::id)
        .select(CommentReport::as_select())
        .load(conn)
}

/// Every open report with the comment it is about, oldest first, for the moderation queue.
pub fn open_reports(conn: &mut DbConnection) -> QueryResult<Vec<(CommentReport, Comment)>> {
    comment_reports::table
        .inner_join(comments::table)
        .filter(comment_reports::handled_at.is_null())
        .order(comment_reports::id)
        .select((CommentReport::as_select(), Comment::as_select()))
        .load(conn)
}

/// Marks a comment's open reports handled by a moderator's decision.
pub fn handle_reports(
    conn: &mut DbConnection,
    comment_id: i64,
    moderator_id: i64,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(
        comment_reports::table
            .filter(comment_reports::comment_id.eq(comment_id))
            .filter(comment_reports::handled_at.is_null()),
    )
    .set((
        comment_reports::handled_at.eq(now),
        comment_reports::handled_by.eq(moderator_id),
    ))
    .execute(conn)
    .map(drop)
}

/// Every comment's id, oldest first.
pub fn all_ids(conn: &mut DbConnection) -> QueryResult<Vec<i64>> {
    comments::table
        .order(comments::id)
        .select(comments::id)
        .load(conn)
}
