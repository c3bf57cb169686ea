//! Proposals, with their co-authors, cost lines, versions, state history, supports, reports
//! and reviews.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::locale::Locale;
use crate::domain::proposal::{ProposalState, Verdict};
use crate::store::schema::{
    editions, proposal_coauthors, proposal_cost_lines, proposal_events, proposal_versions,
    proposals, review_cost_lines, review_verdicts, reviews, supports,
};

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = proposals)]
pub struct Proposal {
    pub id: i64,
    pub edition_id: i64,
    pub area_id: Option<i64>,
    pub author_id: i64,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub category: Option<String>,
    pub estimated_cost_cents: i64,
    pub latitude_e6: Option<i64>,
    pub longitude_e6: Option<i64>,
    pub state: ProposalState,
    pub hidden: bool,
    pub hidden_reason: Option<String>,
    pub merged_into_id: Option<i64>,
    pub support_count: i64,
    pub version: i32,
    pub submitted_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The language it was written in; others are translations.
    pub language: Locale,
}

/// The fields an author writes.
#[derive(Clone, Debug, AsChangeset, Insertable)]
#[diesel(table_name = proposals, treat_none_as_null = true)]
pub struct ProposalContent {
    pub area_id: Option<i64>,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub category: Option<String>,
    pub estimated_cost_cents: i64,
    pub latitude_e6: Option<i64>,
    pub longitude_e6: Option<i64>,
    pub language: Locale,
}

impl From<&Proposal> for ProposalContent {
    fn from(p: &Proposal) -> Self {
        Self {
            area_id: p.area_id,
            title: p.title.clone(),
            summary: p.summary.clone(),
            body: p.body.clone(),
            category: p.category.clone(),
            estimated_cost_cents: p.estimated_cost_cents,
            latitude_e6: p.latitude_e6,
            longitude_e6: p.longitude_e6,
            language: p.language,
        }
    }
}

pub fn insert(
    conn: &mut DbConnection,
    edition_id: i64,
    author_id: i64,
    content: &ProposalContent,
    now: NaiveDateTime,
) -> QueryResult<Proposal> {
    diesel::insert_into(proposals::table)
        .values((
            content,
            proposals::edition_id.eq(edition_id),
            proposals::author_id.eq(author_id),
            proposals::state.eq("draft"),
            proposals::created_at.eq(now),
            proposals::updated_at.eq(now),
        ))
        .returning(proposals::all_columns)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Proposal>> {
    proposals::table
        .find(id)
        .select(Proposal::as_select())
        .first(conn)
        .optional()
}

/// Reads the proposal and, on PostgreSQL, locks its row for the rest of the transaction.
pub fn find_for_update(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Proposal>> {
    let touched = diesel::update(proposals::table.find(id))
        .set(proposals::id.eq(proposals::id))
        .execute(conn)?;
    if touched == 0 {
        return Ok(None);
    }
    find(conn, id)
}

pub fn update_content(
    conn: &mut DbConnection,
    id: i64,
    content: &ProposalContent,
    version: i32,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(proposals::table.find(id))
        .set((
            content,
            proposals::version.eq(version),
            proposals::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn set_state(
    conn: &mut DbConnection,
    id: i64,
    state: ProposalState,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(proposals::table.find(id))
        .set((proposals::state.eq(state), proposals::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

/// Moves a proposal only if it is still in `from`; false when another writer moved it first.
pub fn move_state(
    conn: &mut DbConnection,
    id: i64,
    from: ProposalState,
    to: ProposalState,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let updated = diesel::update(proposals::table.find(id).filter(proposals::state.eq(from)))
        .set((proposals::state.eq(to), proposals::updated_at.eq(now)))
        .execute(conn)?;
    Ok(updated == 1)
}

pub fn mark_submitted(conn: &mut DbConnection, id: i64, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(proposals::table.find(id))
        .set((
            proposals::state.eq(ProposalState::Submitted),
            proposals::submitted_at.eq(now),
            proposals::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn set_hidden(
    conn: &mut DbConnection,
    id: i64,
    hidden: bool,
    reason: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(proposals::table.find(id))
        .set((
            proposals::hidden.eq(hidden),
            proposals::hidden_reason.eq(hidden.then_some(reason)),
            proposals::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn set_merged_into(
    conn: &mut DbConnection,
    id: i64,
    target: i64,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(proposals::table.find(id))
        .set((
            proposals::merged_into_id.eq(target),
            proposals::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// How many proposals the author has submitted (or beyond) in the edition.
pub fn submitted_count_by_author(
    conn: &mut DbConnection,
    edition_id: i64,
    author_id: i64,
) -> QueryResult<i64> {
    proposals::table
        .filter(proposals::edition_id.eq(edition_id))
        .filter(proposals::author_id.eq(author_id))
        .filter(proposals::state.ne_all(["draft", "withdrawn"]))
        .count()
        .get_result(conn)
}

/// Proposals of an edition in given states (for phase jobs, ballots and statistics).
pub fn in_states(
    conn: &mut DbConnection,
    edition_id: i64,
    states: &[ProposalState],
) -> QueryResult<Vec<Proposal>> {
    proposals::table
        .filter(proposals::edition_id.eq(edition_id))
        .filter(proposals::state.eq_any(states))
        .order(proposals::id)
        .select(Proposal::as_select())
        .load(conn)
}

/// The proposals of every edition in these states, by id.
pub fn in_states_everywhere(
    conn: &mut DbConnection,
    states: &[ProposalState],
) -> QueryResult<Vec<Proposal>> {
    proposals::table
        .filter(proposals::state.eq_any(states))
        .order(proposals::id)
        .select(Proposal::as_select())
        .load(conn)
}

/// Submitted proposals whose edition has left the support phase (the threshold job's work).
pub fn awaiting_threshold(conn: &mut DbConnection) -> QueryResult<Vec<(Proposal, i32)>> {
    proposals::table
        .inner_join(editions::table)
        .filter(proposals::state.eq(ProposalState::Submitted))
        .filter(editions::phase.eq_any([
            "review",
            "voting",
            "decision",
            "implementation",
            "closed",
        ]))
        .select((Proposal::as_select(), editions::support_threshold))
        .load(conn)
}

pub fn coauthors(conn: &mut DbConnection, proposal_id: i64) -> QueryResult<Vec<i64>> {
    proposal_coauthors::table
        .filter(proposal_coauthors::proposal_id.eq(proposal_id))
        .select(proposal_coauthors::user_id)
        .order(proposal_coauthors::user_id)
        .load(conn)
}

pub fn set_coauthors(conn: &mut DbConnection, proposal_id: i64, users: &[i64]) -> QueryResult<()> {
    diesel::delete(
        proposal_coauthors::table.filter(proposal_coauthors::proposal_id.eq(proposal_id)),
    )
    .execute(conn)?;
    for user in users {
        diesel::insert_into(proposal_coauthors::table)
            .values((
                proposal_coauthors::proposal_id.eq(proposal_id),
                proposal_coauthors::user_id.eq(user),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn cost_lines(conn: &mut DbConnection, proposal_id: i64) -> QueryResult<Vec<(String, i64)>> {
    proposal_cost_lines::table
        .filter(proposal_cost_lines::proposal_id.eq(proposal_id))
        .order(proposal_cost_lines::position)
        .select((
            proposal_cost_lines::description,
            proposal_cost_lines::amount_cents,
        ))
        .load(conn)
}

pub fn set_cost_lines(
    conn: &mut DbConnection,
    proposal_id: i64,
    lines: &[(String, i64)],
) -> QueryResult<()> {
    diesel::delete(
        proposal_cost_lines::table.filter(proposal_cost_lines::proposal_id.eq(proposal_id)),
    )
    .execute(conn)?;
    for (position, (description, amount)) in lines.iter().enumerate() {
        diesel::insert_into(proposal_cost_lines::table)
            .values((
                proposal_cost_lines::proposal_id.eq(proposal_id),
                proposal_cost_lines::position.eq(position as i32),
                proposal_cost_lines::description.eq(description),
                proposal_cost_lines::amount_cents.eq(amount),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn add_version(
    conn: &mut DbConnection,
    proposal_id: i64,
    version: i32,
    snapshot: &str,
    edited_by: i64,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(proposal_versions::table)
        .values((
            proposal_versions::proposal_id.eq(proposal_id),
            proposal_versions::version.eq(version),
            proposal_versions::snapshot.eq(snapshot),
            proposal_versions::edited_by.eq(edited_by),
            proposal_versions::edited_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// (version, snapshot JSON, edited by, edited at), oldest first.
pub fn versions(
    conn: &mut DbConnection,
    proposal_id: i64,
) -> QueryResult<Vec<(i32, String, i64, NaiveDateTime)>> {
    proposal_versions::table
        .filter(proposal_versions::proposal_id.eq(proposal_id))
        .order(proposal_versions::version)
        .select((
            proposal_versions::version,
            proposal_versions::snapshot,
            proposal_versions::edited_by,
            proposal_versions::edited_at,
        ))
        .load(conn)
}

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = proposal_events)]
pub struct ProposalEvent {
    pub id: i64,
    pub proposal_id: i64,
    pub from_state: Option<ProposalState>,
    pub to_state: ProposalState,
    pub reason: Option<String>,
    pub actor_id: Option<i64>,
    pub created_at: NaiveDateTime,
}

pub fn add_event(
    conn: &mut DbConnection,
    proposal_id: i64,
    from: Option<ProposalState>,
    to: ProposalState,
    reason: Option<&str>,
    actor_id: Option<i64>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(proposal_events::table)
        .values((
            proposal_events::proposal_id.eq(proposal_id),
            proposal_events::from_state.eq(from),
            proposal_events::to_state.eq(to),
            proposal_events::reason.eq(reason),
            proposal_events::actor_id.eq(actor_id),
            proposal_events::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn events(conn: &mut DbConnection, proposal_id: i64) -> QueryResult<Vec<ProposalEvent>> {
    proposal_events::table
        .filter(proposal_events::proposal_id.eq(proposal_id))
        .order(proposal_events::id)
        .select(ProposalEvent::as_select())
        .load(conn)
}

pub fn has_support(conn: &mut DbConnection, proposal_id: i64, user_id: i64) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        supports::table
            .filter(supports::proposal_id.eq(proposal_id))
            .filter(supports::user_id.eq(user_id)),
    ))
    .get_result(conn)
}

/// Adds a support; false when the user already supported the proposal.
pub fn add_support(
    conn: &mut DbConnection,
    proposal_id: i64,
    user_id: i64,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    if has_support(conn, proposal_id, user_id)? {
        return Ok(false);
    }
    diesel::insert_into(supports::table)
        .values((
            supports::proposal_id.eq(proposal_id),
            supports::user_id.eq(user_id),
            supports::created_at.eq(now),
        ))
        .execute(conn)?;
    diesel::update(proposals::table.find(proposal_id))
        .set(proposals::support_count.eq(proposals::support_count + 1))
        .execute(conn)?;
    Ok(true)
}

/// Removes a support; false when there was none.
pub fn remove_support(
    conn: &mut DbConnection,
    proposal_id: i64,
    user_id: i64,
) -> QueryResult<bool> {
    let removed = diesel::delete(
        supports::table
            .filter(supports::proposal_id.eq(proposal_id))
            .filter(supports::user_id.eq(user_id)),
    )
    .execute(conn)?;
    if removed == 1 {
        diesel::update(proposals::table.find(proposal_id))
            .set(proposals::support_count.eq(proposals::support_count - 1))
            .execute(conn)?;
    }
    Ok(removed == 1)
}

/// Moves the supports of `from` to `to`, counting each supporter once.
pub fn merge_supports(
    conn: &mut DbConnection,
    from: i64,
    to: i64,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let users: Vec<i64> = supports::table
        .filter(supports::proposal_id.eq(from))
        .select(supports::user_id)
        .load(conn)?;
    for user in users {
        add_support(conn, to, user, now)?;
    }
    Ok(())
}

/// How many people support at least one of the proposals.
pub fn distinct_supporters(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<i64> {
    supports::table
        .filter(supports::proposal_id.eq_any(ids))
        .select(diesel::dsl::count(supports::user_id).aggregate_distinct())
        .first(conn)
}

pub fn supporter_count_in_edition(conn: &mut DbConnection, edition_id: i64) -> QueryResult<i64> {
    supports::table
        .inner_join(proposals::table)
        .filter(proposals::edition_id.eq(edition_id))
        .select(diesel::dsl::count(supports::user_id).aggregate_distinct())
        .first(conn)
}

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = reviews)]
pub struct Review {
    pub proposal_id: i64,
    pub department: String,
    pub assigned_by: i64,
    pub assigned_at: NaiveDateTime,
    pub reviewer_id: Option<i64>,
    pub verdict: Option<Verdict>,
    pub public_explanation: Option<String>,
    pub internal_notes: Option<String>,
    pub reviewed_cost_cents: Option<i64>,
    pub reviewed_at: Option<NaiveDateTime>,
}

pub fn review(conn: &mut DbConnection, proposal_id: i64) -> QueryResult<Option<Review>> {
    reviews::table
        .find(proposal_id)
        .select(Review::as_select())
        .first(conn)
        .optional()
}

pub fn assign_review(
    conn: &mut DbConnection,
    proposal_id: i64,
    department: &str,
    by: i64,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let updated = diesel::update(reviews::table.find(proposal_id))
        .set((
            reviews::department.eq(department),
            reviews::assigned_by.eq(by),
            reviews::assigned_at.eq(now),
        ))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(reviews::table)
            .values((
                reviews::proposal_id.eq(proposal_id),
                reviews::department.eq(department),
                reviews::assigned_by.eq(by),
                reviews::assigned_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub struct ReviewVerdict<'a> {
    pub reviewer_id: i64,
    pub verdict: Verdict,
    pub public_explanation: &'a str,
    pub internal_notes: Option<&'a str>,
    pub reviewed_cost_cents: Option<i64>,
}

/// Records the verdict on the assignment and in the history, with its cost lines; returns the
/// verdict's id in the history.
pub fn record_verdict(
    conn: &mut DbConnection,
    proposal_id: i64,
    verdict: &ReviewVerdict<'_>,
    cost_lines: &[(String, i64)],
    now: NaiveDateTime,
) -> QueryResult<i64> {
    diesel::update(reviews::table.find(proposal_id))
        .set((
            reviews::reviewer_id.eq(verdict.reviewer_id),
            reviews::verdict.eq(verdict.verdict),
            reviews::public_explanation.eq(verdict.public_explanation),
            reviews::internal_notes.eq(verdict.internal_notes),
            reviews::reviewed_cost_cents.eq(verdict.reviewed_cost_cents),
            reviews::reviewed_at.eq(now),
        ))
        .execute(conn)?;
    let department: String = reviews::table
        .find(proposal_id)
        .select(reviews::department)
        .first(conn)?;
    let verdict_id: i64 = diesel::insert_into(review_verdicts::table)
        .values((
            review_verdicts::proposal_id.eq(proposal_id),
            review_verdicts::department.eq(department),
            review_verdicts::reviewer_id.eq(verdict.reviewer_id),
            review_verdicts::verdict.eq(verdict.verdict),
            review_verdicts::public_explanation.eq(verdict.public_explanation),
            review_verdicts::internal_notes.eq(verdict.internal_notes),
            review_verdicts::reviewed_cost_cents.eq(verdict.reviewed_cost_cents),
            review_verdicts::reviewed_at.eq(now),
        ))
        .returning(review_verdicts::id)
        .get_result(conn)?;
    for (position, (description, amount)) in cost_lines.iter().enumerate() {
        diesel::insert_into(review_cost_lines::table)
            .values((
                review_cost_lines::verdict_id.eq(verdict_id),
                review_cost_lines::position.eq(position as i32),
                review_cost_lines::description.eq(description),
                review_cost_lines::amount_cents.eq(amount),
            ))
            .execute(conn)?;
    }
    Ok(verdict_id)
}

/// The cost lines of a verdict in the history, in order.
pub fn verdict_cost_lines(
    conn: &mut DbConnection,
    verdict_id: i64,
) -> QueryResult<Vec<(String, i64)>> {
    review_cost_lines::table
        .filter(review_cost_lines::verdict_id.eq(verdict_id))
        .order(review_cost_lines::position)
        .select((
            review_cost_lines::description,
            review_cost_lines::amount_cents,
        ))
        .load(conn)
}

/// A verdict as it was given.
#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = review_verdicts)]
pub struct PastVerdict {
    pub id: i64,
    pub department: String,
    pub reviewer_id: i64,
    pub verdict: Verdict,
    pub public_explanation: String,
    pub internal_notes: Option<String>,
    pub reviewed_cost_cents: Option<i64>,
    pub reviewed_at: NaiveDateTime,
}

/// Every verdict on a proposal, oldest first.
pub fn verdicts(conn: &mut DbConnection, proposal_id: i64) -> QueryResult<Vec<PastVerdict>> {
    review_verdicts::table
        .filter(review_verdicts::proposal_id.eq(proposal_id))
        .order(review_verdicts::id)
        .select(PastVerdict::as_select())
        .load(conn)
}

/// (area, state, count) over an edition's proposals, drafts left out.
pub fn counts_by_area_and_state(
    conn: &mut DbConnection,
    edition_id: i64,
) -> QueryResult<Vec<(Option<i64>, ProposalState, i64)>> {
    proposals::table
        .filter(proposals::edition_id.eq(edition_id))
        .filter(proposals::state.ne("draft"))
        .group_by((proposals::area_id, proposals::state))
        .select((
            proposals::area_id,
            proposals::state,
            diesel::dsl::count_star(),
        ))
        .order((proposals::area_id, proposals::state))
        .load(conn)
}

pub fn support_total_in_edition(conn: &mut DbConnection, edition_id: i64) -> QueryResult<i64> {
    supports::table
        .inner_join(proposals::table)
        .filter(proposals::edition_id.eq(edition_id))
        .count()
        .get_result(conn)
}

/// Every proposal's id, oldest first.
pub fn all_ids(conn: &mut DbConnection) -> QueryResult<Vec<i64>> {
    proposals::table
        .order(proposals::id)
        .select(proposals::id)
        .load(conn)
}
