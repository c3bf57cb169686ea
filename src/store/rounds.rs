//! Voting rounds, the projects on their ballots, the ballots (keyed by pseudonym, never by
//! person), who took part, and one-time voting codes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::ballot::BallotType;
use crate::domain::round::{Channel, RoundStatus};
use crate::store::editions::Edition;
use crate::store::schema::{ballots, editions, round_projects, rounds, voting_codes};

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = rounds)]
pub struct Round {
    pub id: i64,
    pub edition_id: i64,
    pub area_id: Option<i64>,
    pub scope_key: String,
    pub name: String,
    pub ballot_type: BallotType,
    pub min_choices: Option<i32>,
    pub max_choices: Option<i32>,
    pub budget_limit_cents: Option<i64>,
    pub min_spend_bp: Option<i32>,
    pub points: Option<i32>,
    pub max_points_per_project: Option<i32>,
    pub rule: String,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub min_age: Option<i32>,
    pub uses_codes: bool,
    pub allows_abstention: bool,
    pub status: RoundStatus,
    pub opened_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub budget_cents: Option<i64>,
    pub outcome: Option<String>,
    pub engine_version: Option<String>,
    pub ballot_count: Option<i64>,
    pub ballots_hash: Option<String>,
    pub audit_head_hash: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Why it was closed before its time, or cancelled.
    pub status_reason: Option<String>,
    /// When it was called off before anyone voted; it is closed, without an outcome.
    pub cancelled_at: Option<NaiveDateTime>,
}

/// What an administrator sets on a round.
#[derive(AsChangeset, Insertable, Clone, Debug, PartialEq)]
#[diesel(table_name = rounds, treat_none_as_null = true)]
pub struct RoundFields {
    pub name: String,
    pub ballot_type: BallotType,
    pub min_choices: Option<i32>,
    pub max_choices: Option<i32>,
    pub budget_limit_cents: Option<i64>,
    pub min_spend_bp: Option<i32>,
    pub points: Option<i32>,
    pub max_points_per_project: Option<i32>,
    pub rule: String,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub min_age: Option<i32>,
    pub uses_codes: bool,
    pub allows_abstention: bool,
}

impl From<&Round> for RoundFields {
    fn from(r: &Round) -> Self {
        Self {
            name: r.name.clone(),
            ballot_type: r.ballot_type,
            min_choices: r.min_choices,
            max_choices: r.max_choices,
            budget_limit_cents: r.budget_limit_cents,
            min_spend_bp: r.min_spend_bp,
            points: r.points,
            max_points_per_project: r.max_points_per_project,
            rule: r.rule.clone(),
            opens_at: r.opens_at,
            closes_at: r.closes_at,
            min_age: r.min_age,
            uses_codes: r.uses_codes,
            allows_abstention: r.allows_abstention,
        }
    }
}

pub fn scope_key(area_id: Option<i64>) -> String {
    crate::store::editions::envelope_key(area_id)
}

pub fn insert(
    conn: &mut DbConnection,
    edition_id: i64,
    area_id: Option<i64>,
    fields: &RoundFields,
    now: NaiveDateTime,
) -> QueryResult<Round> {
    diesel::insert_into(rounds::table)
        .values((
            fields,
            rounds::edition_id.eq(edition_id),
            rounds::area_id.eq(area_id),
            rounds::scope_key.eq(scope_key(area_id)),
            rounds::status.eq(RoundStatus::Scheduled),
            rounds::created_at.eq(now),
            rounds::updated_at.eq(now),
        ))
        .returning(rounds::all_columns)
        .get_result(conn)
}

pub fn update(
    conn: &mut DbConnection,
    id: i64,
    fields: &RoundFields,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(rounds::table.find(id))
        .set((fields, rounds::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Round>> {
    rounds::table
        .find(id)
        .select(Round::as_select())
        .first(conn)
        .optional()
}

/// Every round that has taken ballots (open or closed, not cancelled), newest first.
pub fn started(conn: &mut DbConnection) -> QueryResult<Vec<Round>> {
    rounds::table
        .filter(rounds::status.ne("scheduled"))
        .filter(rounds::cancelled_at.is_null())
        .order(rounds::id.desc())
        .select(Round::as_select())
        .load(conn)
}

/// The round with its edition, in one query (every ballot checks both).
pub fn find_with_edition(
    conn: &mut DbConnection,
    id: i64,
) -> QueryResult<Option<(Round, Edition)>> {
    rounds::table
        .inner_join(editions::table)
        .filter(rounds::id.eq(id))
        .select((Round::as_select(), Edition::as_select()))
        .first(conn)
        .optional()
}

/// Reads the round with an exclusive lock (PostgreSQL row lock; SQLite's immediate
/// transaction already excludes other writers).
pub fn find_for_update(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Round>> {
    let touched = diesel::update(rounds::table.find(id))
        .set(rounds::id.eq(rounds::id))
        .execute(conn)?;
    if touched == 0 {
        return Ok(None);
    }
    find(conn, id)
}

pub fn for_edition(conn: &mut DbConnection, edition_id: i64) -> QueryResult<Vec<Round>> {
    rounds::table
        .filter(rounds::edition_id.eq(edition_id))
        .order(rounds::id)
        .select(Round::as_select())
        .load(conn)
}

/// Rounds whose time has come: scheduled ones to open, open ones to close.
pub fn due(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<Vec<Round>> {
    rounds::table
        .filter(
            rounds::status
                .eq(RoundStatus::Scheduled)
                .and(rounds::opens_at.le(now))
                .or(rounds::status
                    .eq(RoundStatus::Open)
                    .and(rounds::closes_at.le(now))),
        )
        .order(rounds::id)
        .select(Round::as_select())
        .load(conn)
}

/// Moves the round from `from` to `to`; false when another process did it first.
pub fn set_status(
    conn: &mut DbConnection,
    id: i64,
    from: RoundStatus,
    to: RoundStatus,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let stamp = diesel::update(rounds::table.find(id).filter(rounds::status.eq(from)));
    let updated = match to {
        RoundStatus::Open => stamp
            .set((
                rounds::status.eq(to),
                rounds::opened_at.eq(now),
                rounds::updated_at.eq(now),
            ))
            .execute(conn)?,
        _ => stamp
            .set((
                rounds::status.eq(to),
                rounds::closed_at.eq(now),
                rounds::updated_at.eq(now),
            ))
            .execute(conn)?,
    };
    Ok(updated == 1)
}

pub fn set_status_reason(conn: &mut DbConnection, id: i64, reason: &str) -> QueryResult<()> {
    diesel::update(rounds::table.find(id))
        .set(rounds::status_reason.eq(reason))
        .execute(conn)?;
    Ok(())
}

/// Calls a round off: it keeps its record, and its envelope is free for a new round.
pub fn cancel(
    conn: &mut DbConnection,
    id: i64,
    reason: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(rounds::table.find(id))
        .set((
            rounds::status.eq(RoundStatus::Closed),
            rounds::status_reason.eq(reason),
            rounds::scope_key.eq(format!("cancelled:{id}")),
            rounds::closed_at.eq(now),
            rounds::cancelled_at.eq(now),
            rounds::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Takes an open round that has no ballot back to scheduled: off the ballot go its projects.
pub fn unopen(conn: &mut DbConnection, id: i64, now: NaiveDateTime) -> QueryResult<()> {
    diesel::delete(round_projects::table.filter(round_projects::round_id.eq(id))).execute(conn)?;
    diesel::update(rounds::table.find(id))
        .set((
            rounds::status.eq(RoundStatus::Scheduled),
            rounds::opened_at.eq(None::<NaiveDateTime>),
            rounds::budget_cents.eq(None::<i64>),
            rounds::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn set_budget(conn: &mut DbConnection, id: i64, budget: i64) -> QueryResult<()> {
    diesel::update(rounds::table.find(id))
        .set(rounds::budget_cents.eq(budget))
        .execute(conn)?;
    Ok(())
}

pub struct StoredOutcome<'a> {
    pub outcome: &'a str,
    pub engine_version: &'a str,
    pub ballot_count: i64,
    pub ballots_hash: &'a str,
    pub audit_head_hash: &'a str,
}

pub fn store_outcome(
    conn: &mut DbConnection,
    id: i64,
    outcome: &StoredOutcome<'_>,
) -> QueryResult<()> {
    diesel::update(rounds::table.find(id))
        .set((
            rounds::outcome.eq(outcome.outcome),
            rounds::engine_version.eq(outcome.engine_version),
            rounds::ballot_count.eq(outcome.ballot_count),
            rounds::ballots_hash.eq(outcome.ballots_hash),
            rounds::audit_head_hash.eq(outcome.audit_head_hash),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn set_projects(
    conn: &mut DbConnection,
    round_id: i64,
    projects: &[(i64, i64)],
) -> QueryResult<()> {
    diesel::delete(round_projects::table.filter(round_projects::round_id.eq(round_id)))
        .execute(conn)?;
    for (proposal_id, cost) in projects {
        diesel::insert_into(round_projects::table)
            .values((
                round_projects::round_id.eq(round_id),
                round_projects::proposal_id.eq(proposal_id),
                round_projects::cost_cents.eq(cost),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// (proposal id, cost) of every project on the ballot, by proposal id; withdrawn ones are off
/// the ballot.
pub fn projects(conn: &mut DbConnection, round_id: i64) -> QueryResult<Vec<(i64, i64)>> {
    round_projects::table
        .filter(round_projects::round_id.eq(round_id))
        .filter(round_projects::withdrawn_at.is_null())
        .order(round_projects::proposal_id)
        .select((round_projects::proposal_id, round_projects::cost_cents))
        .load(conn)
}

/// A project taken off a round's ballot after it opened.
#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = round_projects)]
pub struct Withdrawal {
    pub proposal_id: i64,
    pub cost_cents: i64,
    #[diesel(select_expression = round_projects::withdrawn_at.assume_not_null())]
    pub withdrawn_at: NaiveDateTime,
    #[diesel(select_expression = round_projects::withdrawn_reason.assume_not_null())]
    pub withdrawn_reason: String,
}

pub fn withdrawals(conn: &mut DbConnection, round_id: i64) -> QueryResult<Vec<Withdrawal>> {
    round_projects::table
        .filter(round_projects::round_id.eq(round_id))
        .filter(round_projects::withdrawn_at.is_not_null())
        .order(round_projects::proposal_id)
        .select(Withdrawal::as_select())
        .load(conn)
}

/// Takes a project off the ballot; false when it is not (or no longer) on it.
pub fn withdraw_project(
    conn: &mut DbConnection,
    round_id: i64,
    proposal_id: i64,
    reason: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        round_projects::table
            .filter(round_projects::round_id.eq(round_id))
            .filter(round_projects::proposal_id.eq(proposal_id))
            .filter(round_projects::withdrawn_at.is_null()),
    )
    .set((
        round_projects::withdrawn_at.eq(now),
        round_projects::withdrawn_reason.eq(reason),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

/// The open rounds whose ballot lists the proposal.
pub fn open_rounds_listing(conn: &mut DbConnection, proposal_id: i64) -> QueryResult<Vec<i64>> {
    round_projects::table
        .inner_join(rounds::table)
        .filter(round_projects::proposal_id.eq(proposal_id))
        .filter(round_projects::withdrawn_at.is_null())
        .filter(rounds::status.eq(RoundStatus::Open))
        .select(rounds::id)
        .load(conn)
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = ballots)]
pub struct StoredBallot {
    pub round_id: i64,
    pub pseudonym: String,
    /// The choices and the receipt, sealed (see `service::ballot_seal`).
    pub sealed: String,
    pub channel: Channel,
}

pub fn find_ballot(
    conn: &mut DbConnection,
    round_id: i64,
    pseudonym: &str,
) -> QueryResult<Option<StoredBallot>> {
    ballots::table
        .find((round_id, pseudonym))
        .select(StoredBallot::as_select())
        .first(conn)
        .optional()
}

/// Stores or replaces a ballot; true when it was new.
pub fn put_ballot(conn: &mut DbConnection, ballot: &StoredBallot) -> QueryResult<bool> {
    let replaced = diesel::update(ballots::table.find((ballot.round_id, &ballot.pseudonym)))
        .set(ballots::sealed.eq(&ballot.sealed))
        .execute(conn)?;
    if replaced == 1 {
        return Ok(false);
    }
    diesel::insert_into(ballots::table)
        .values((
            ballots::round_id.eq(ballot.round_id),
            ballots::pseudonym.eq(&ballot.pseudonym),
            ballots::sealed.eq(&ballot.sealed),
            ballots::channel.eq(&ballot.channel),
        ))
        .execute(conn)?;
    Ok(true)
}

pub fn delete_ballot(conn: &mut DbConnection, round_id: i64, pseudonym: &str) -> QueryResult<bool> {
    Ok(diesel::delete(ballots::table.find((round_id, pseudonym))).execute(conn)? == 1)
}

/// Every (sealed) ballot of a round.
pub fn ballots(conn: &mut DbConnection, round_id: i64) -> QueryResult<Vec<StoredBallot>> {
    ballots::table
        .filter(ballots::round_id.eq(round_id))
        .select(StoredBallot::as_select())
        .load(conn)
}

/// Ballots of every round still stored as plain JSON choices (written before sealing).
pub fn unsealed_ballots(conn: &mut DbConnection) -> QueryResult<Vec<StoredBallot>> {
    ballots::table
        .filter(ballots::sealed.not_like("v1.%"))
        .select(StoredBallot::as_select())
        .load(conn)
}

pub fn set_sealed(
    conn: &mut DbConnection,
    round_id: i64,
    pseudonym: &str,
    sealed: &str,
) -> QueryResult<()> {
    diesel::update(ballots::table.find((round_id, pseudonym)))
        .set(ballots::sealed.eq(sealed))
        .execute(conn)?;
    Ok(())
}

/// The audit head hash each closed round published with its results: (round, hash).
pub fn published_audit_heads(conn: &mut DbConnection) -> QueryResult<Vec<(i64, String)>> {
    rounds::table
        .filter(rounds::audit_head_hash.is_not_null())
        .order(rounds::id)
        .select((rounds::id, rounds::audit_head_hash.assume_not_null()))
        .load(conn)
}

/// The pseudonyms the round's ballots are stored under.
pub fn pseudonyms(conn: &mut DbConnection, round_id: i64) -> QueryResult<Vec<String>> {
    ballots::table
        .filter(ballots::round_id.eq(round_id))
        .select(ballots::pseudonym)
        .load(conn)
}

pub fn ballot_count(conn: &mut DbConnection, round_id: i64) -> QueryResult<i64> {
    ballots::table
        .filter(ballots::round_id.eq(round_id))
        .count()
        .get_result(conn)
}

pub fn insert_codes(
    conn: &mut DbConnection,
    round_id: i64,
    hashes: &[String],
    now: NaiveDateTime,
) -> QueryResult<()> {
    for hash in hashes {
        diesel::insert_into(voting_codes::table)
            .values((
                voting_codes::round_id.eq(round_id),
                voting_codes::code_hash.eq(hash),
                voting_codes::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// (code id, channel it was used through) for a code of this round.
pub fn find_code(
    conn: &mut DbConnection,
    round_id: i64,
    code_hash: &str,
) -> QueryResult<Option<(i64, Option<Channel>)>> {
    voting_codes::table
        .filter(voting_codes::round_id.eq(round_id))
        .filter(voting_codes::code_hash.eq(code_hash))
        .select((voting_codes::id, voting_codes::used_channel))
        .first(conn)
        .optional()
}

/// Marks an unused code as used; false when it was used already.
pub fn use_code(conn: &mut DbConnection, id: i64, channel: Channel) -> QueryResult<bool> {
    let updated = diesel::update(
        voting_codes::table
            .find(id)
            .filter(voting_codes::used_channel.is_null()),
    )
    .set(voting_codes::used_channel.eq(channel))
    .execute(conn)?;
    Ok(updated == 1)
}

pub fn code_count(conn: &mut DbConnection, round_id: i64) -> QueryResult<i64> {
    voting_codes::table
        .filter(voting_codes::round_id.eq(round_id))
        .count()
        .get_result(conn)
}
