//! Pictures and files attached to proposals, comments and milestones.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::store::schema::attachments;

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = attachments)]
pub struct Attachment {
    pub id: i64,
    pub proposal_id: i64,
    pub comment_id: Option<i64>,
    pub milestone_id: Option<i64>,
    pub uploader_id: i64,
    pub content_type: String,
    pub file_name: String,
    pub byte_size: i64,
    pub storage_key: String,
    pub thumbnail_key: Option<String>,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub alt_text: String,
    pub created_at: NaiveDateTime,
    pub removed_at: Option<NaiveDateTime>,
}

#[derive(Insertable)]
#[diesel(table_name = attachments)]
pub struct NewAttachment<'a> {
    pub proposal_id: i64,
    pub comment_id: Option<i64>,
    pub milestone_id: Option<i64>,
    pub uploader_id: i64,
    pub content_type: &'a str,
    pub file_name: &'a str,
    pub byte_size: i64,
    pub storage_key: &'a str,
    pub thumbnail_key: Option<&'a str>,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub alt_text: &'a str,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, new: &NewAttachment<'_>) -> QueryResult<Attachment> {
    let id = diesel::insert_into(attachments::table)
        .values(new)
        .returning(attachments::id)
        .get_result::<i64>(conn)?;
    attachments::table
        .find(id)
        .select(Attachment::as_select())
        .first(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Attachment>> {
    attachments::table
        .find(id)
        .filter(attachments::removed_at.is_null())
        .select(Attachment::as_select())
        .first(conn)
        .optional()
}

/// Everything attached to a proposal, its comments and its milestones, oldest first.
pub fn of_proposal(conn: &mut DbConnection, proposal_id: i64) -> QueryResult<Vec<Attachment>> {
    attachments::table
        .filter(attachments::proposal_id.eq(proposal_id))
        .filter(attachments::removed_at.is_null())
        .order(attachments::id)
        .select(Attachment::as_select())
        .load(conn)
}

/// How many files one owner has: the proposal itself (no comment, no milestone), a comment or
/// a milestone.
pub fn count(
    conn: &mut DbConnection,
    proposal_id: i64,
    comment_id: Option<i64>,
    milestone_id: Option<i64>,
) -> QueryResult<i64> {
    let mut query = attachments::table
        .filter(attachments::proposal_id.eq(proposal_id))
        .filter(attachments::removed_at.is_null())
        .into_boxed();
    query = match comment_id {
        Some(id) => query.filter(attachments::comment_id.eq(id)),
        None => query.filter(attachments::comment_id.is_null()),
    };
    query = match milestone_id {
        Some(id) => query.filter(attachments::milestone_id.eq(id)),
        None => query.filter(attachments::milestone_id.is_null()),
    };
    query.count().get_result(conn)
}

pub fn mark_removed(conn: &mut DbConnection, id: i64, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(attachments::table.find(id))
        .set(attachments::removed_at.eq(now))
        .execute(conn)
        .map(drop)
}
