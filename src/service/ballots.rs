//! Casting, replacing, reading and withdrawing ballots, by residents online, with one-time
//! letter codes, or on paper (imported by an administrator).
//!
//! Secrecy: a ballot is stored under a pseudonym, an HMAC of the voter (or the code) and the
//! round with a server secret, and sealed (`ballot_seal`). Nothing else is written beside it:
//! whether someone took part, and through which channel, is the ballot under their pseudonym.
//! Only the voter, through their own session or code, can find their ballot again.

use std::collections::{BTreeMap, HashMap, HashSet};

use rand::seq::SliceRandom;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::auth::caller::Caller;
use crate::auth::tokens;
use crate::config::SecretKey;
use crate::csv;
use crate::db::{self, DbConnection};
use crate::domain::ballot::{self, Choices};
use crate::domain::phase::Phase;
use crate::domain::round::{Channel, RoundStatus};
use crate::domain::scope::Scope;
use crate::error::Thing;
use crate::error::{ApiError, ApiResult, ErrorCode, FieldError};
use crate::i18n::Text;
use crate::service::ballot_seal::{self, BallotContent};
use crate::service::rate_limit;
use crate::service::residency::{new_code, normalise_code};
use crate::service::rounds::rules_of;
use crate::store::{
    self,
    audit::AuditEvent,
    rounds::{Round, StoredBallot},
};

/// Who casts a ballot.
#[derive(Clone, Copy)]
enum Voter<'a> {
    Resident(i64),
    Code(&'a str),
}

fn pseudonym(secret: &SecretKey, round_id: i64, voter: Voter<'_>) -> String {
    let subject = match voter {
        Voter::Resident(user) => format!("round:{round_id}|user:{user}"),
        Voter::Code(code_hash) => format!("round:{round_id}|code:{code_hash}"),
    };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.bytes()) else {
        return tokens::token_hash(&subject);
    };
    mac.update(subject.as_bytes());
    store::audit::hex(&mac.finalize().into_bytes())
}

/// The pseudonym a resident's ballot in a round is stored under.
pub(crate) fn resident_pseudonym(secret: &SecretKey, round_id: i64, user_id: i64) -> String {
    pseudonym(secret, round_id, Voter::Resident(user_id))
}

/// Seals and stores a checked ballot; returns its receipt and whether it was new.
fn store_ballot(
    conn: &mut DbConnection,
    secret: &SecretKey,
    round_id: i64,
    pseudonym: String,
    choices: Choices,
    channel: Channel,
) -> ApiResult<(String, bool)> {
    let receipt = ballot_seal::receipt(secret, round_id, &pseudonym, &choices);
    let sealed = ballot_seal::seal(
        secret,
        round_id,
        &pseudonym,
        &BallotContent {
            choices,
            receipt: receipt.clone(),
        },
    )?;
    let created = store::rounds::put_ballot(
        conn,
        &StoredBallot {
            round_id,
            pseudonym,
            sealed,
            channel,
        },
    )?;
    Ok((receipt, created))
}

/// Seals the ballots stored before ballots were sealed (their receipts are made anew, keyed
/// with the secret). Runs at start-up; returns how many it sealed.
pub fn seal_plaintext_ballots(conn: &mut DbConnection, secret: &SecretKey) -> ApiResult<usize> {
    db::write_transaction(conn, |conn| {
        let plain = store::rounds::unsealed_ballots(conn)?;
        for ballot in &plain {
            let choices: Choices =
                serde_json::from_str(&ballot.sealed).map_err(ApiError::internal)?;
            let receipt =
                ballot_seal::receipt(secret, ballot.round_id, &ballot.pseudonym, &choices);
            let sealed = ballot_seal::seal(
                secret,
                ballot.round_id,
                &ballot.pseudonym,
                &BallotContent { choices, receipt },
            )?;
            store::rounds::set_sealed(conn, ballot.round_id, &ballot.pseudonym, &sealed)?;
        }
        Ok(plain.len())
    })
}

/// A stored ballot as its owner sees it.
pub struct OwnBallot {
    pub choices: Choices,
    pub receipt: String,
    pub channel: String,
}

fn round_closed(round: &Round) -> ApiError {
    ApiError::new(
        ErrorCode::RoundClosed,
        t!(
            "the-round-is-open-from-to-utc",
            status = t!("round-status", name = round.status.as_str()),
            opens_at = round.opens_at,
            closes_at = round.closes_at
        ),
    )
}

/// Locks the round for this ballot (shared with other ballots, exclusive against closing) and
/// checks, inside the writing transaction, that it is open now.
fn open_round(conn: &mut DbConnection, round_id: i64) -> ApiResult<Round> {
    db::lock_row_shared(conn, "rounds", round_id)?;
    let (round, edition) = store::rounds::find_with_edition(conn, round_id)?
        .ok_or_else(|| ApiError::not_found(Thing::Round))?;
    let now = crate::clock::now();
    if round.status != RoundStatus::Open || now >= round.closes_at || now < round.opens_at {
        return Err(round_closed(&round));
    }
    if edition.phase != Phase::Voting {
        return Err(ApiError::new(
            ErrorCode::PhaseClosed,
            t!("ballots-are-cast-in-the-voting-phase"),
        ));
    }
    Ok(round)
}

fn costs(conn: &mut DbConnection, round_id: i64) -> ApiResult<HashMap<i64, i64>> {
    Ok(store::rounds::projects(conn, round_id)?
        .into_iter()
        .collect())
}

/// Verified residents of the round's area (any area for a city-wide round) of the minimum age.
fn check_eligible(caller: &Caller, round: &Round) -> ApiResult<()> {
    caller.require_verified_email()?;
    let not_eligible = |why: Text| ApiError::new(ErrorCode::NotEligible, why);
    match (caller.resident_area(), round.area_id) {
        (None, _) => {
            return Err(not_eligible(t!("only-verified-residents-vote")));
        }
        (Some(home), Some(area)) if home != area => {
            return Err(not_eligible(t!("only-area-residents-vote")));
        }
        _ => {}
    }
    if let Some(min_age) = round.min_age {
        let born = caller
            .user
            .birth_date
            .as_deref()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .ok_or_else(|| not_eligible(t!("minimum-age-needs-birth-date")))?;
        let today = crate::clock::now().date();
        let age = today.years_since(born).unwrap_or(0);
        if age < min_age as u32 {
            return Err(not_eligible(t!("minimum-age", min_age = min_age)));
        }
    }
    Ok(())
}

/// Creates or replaces the caller's ballot. Returns the receipt and whether it was new.
pub fn put(
    conn: &mut DbConnection,
    secret: &SecretKey,
    caller: &Caller,
    round_id: i64,
    choices: Choices,
) -> ApiResult<(String, bool)> {
    let attempt = |conn: &mut DbConnection| {
        db::write_transaction(conn, |conn| {
            let round = open_round(conn, round_id)?;
            if round.uses_codes {
                return Err(ApiError::new(
                    ErrorCode::Conflict,
                    t!("this-round-votes-with-the-codes-sent"),
                ));
            }
            check_eligible(caller, &round)?;
            let pseudonym = pseudonym(secret, round_id, Voter::Resident(caller.id()));
            let existing = store::rounds::find_ballot(conn, round_id, &pseudonym)?;
            if existing.is_some_and(|b| b.channel == Channel::Paper) {
                return Err(ApiError::new(
                    ErrorCode::Conflict,
                    t!("you-voted-on-paper-in-this-round"),
                ));
            }
            let checked = ballot::check(&rules_of(&round), &costs(conn, round_id)?, &choices)
                .map_err(ApiError::invalid_fields)?;
            store_ballot(conn, secret, round_id, pseudonym, checked, Channel::Online)
        })
    };
    let stored = match attempt(conn) {
        // Two first ballots of one voter raced to the unique key; the second becomes a replace.
        Err(e) if e.code == ErrorCode::AlreadyExists => attempt(conn),
        other => other,
    };
    if let Ok((_, true)) = &stored {
        crate::metrics::ballots_cast(Channel::Online, 1);
    }
    stored
}

pub fn get(
    conn: &mut DbConnection,
    secret: &SecretKey,
    caller: &Caller,
    round_id: i64,
) -> ApiResult<OwnBallot> {
    store::rounds::find(conn, round_id)?.ok_or_else(|| ApiError::not_found(Thing::Round))?;
    let pseudonym = pseudonym(secret, round_id, Voter::Resident(caller.id()));
    let stored = store::rounds::find_ballot(conn, round_id, &pseudonym)?
        .ok_or_else(|| ApiError::not_found(Thing::Ballot))?;
    let content = ballot_seal::open(secret, round_id, &pseudonym, &stored.sealed)?;
    Ok(OwnBallot {
        choices: content.choices,
        receipt: content.receipt,
        channel: stored.channel.as_str().to_string(),
    })
}

/// A round on the caller's own list: one they voted in, or an open one they may vote in.
pub struct MyRound {
    pub round: Round,
    /// The caller's ballot, if any; its choices only while the round is open.
    pub ballot: Option<OwnBallot>,
}

/// The rounds the caller voted in and the open rounds they may vote in, newest first. When a
/// ballot was cast is not kept at all (it would let a reader of the database tie ballots to
/// sign-ins), so the list cannot say it.
pub fn mine(
    conn: &mut DbConnection,
    secret: &SecretKey,
    caller: &Caller,
) -> ApiResult<Vec<MyRound>> {
    let mut mine = Vec::new();
    for round in store::rounds::started(conn)? {
        let pseudonym = pseudonym(secret, round.id, Voter::Resident(caller.id()));
        let ballot = match store::rounds::find_ballot(conn, round.id, &pseudonym)? {
            Some(stored) => {
                let content = ballot_seal::open(secret, round.id, &pseudonym, &stored.sealed)?;
                Some(OwnBallot {
                    choices: content.choices,
                    receipt: content.receipt,
                    channel: stored.channel.as_str().to_string(),
                })
            }
            None => None,
        };
        let open = round.status == RoundStatus::Open;
        if ballot.is_some() || (open && !round.uses_codes && check_eligible(caller, &round).is_ok())
        {
            mine.push(MyRound { round, ballot });
        }
    }
    Ok(mine)
}

/// Withdraws the caller's online ballot while the round is open.
pub fn delete(
    conn: &mut DbConnection,
    secret: &SecretKey,
    caller: &Caller,
    round_id: i64,
) -> ApiResult<()> {
    db::write_transaction(conn, |conn| {
        open_round(conn, round_id)?;
        let pseudonym = pseudonym(secret, round_id, Voter::Resident(caller.id()));
        match store::rounds::find_ballot(conn, round_id, &pseudonym)? {
            Some(b) if b.channel == Channel::Online => {}
            Some(_) => {
                return Err(ApiError::new(
                    ErrorCode::Conflict,
                    t!("a-paper-ballot-cannot-be-withdrawn-online"),
                ));
            }
            None => return Err(ApiError::not_found(Thing::Ballot)),
        }
        store::rounds::delete_ballot(conn, round_id, &pseudonym)?;
        Ok(())
    })
}

/// Casts a ballot with a one-time letter code. The code works once.
pub fn put_with_code(
    conn: &mut DbConnection,
    secret: &SecretKey,
    client: &str,
    round_id: i64,
    code: &str,
    choices: Choices,
) -> ApiResult<String> {
    let attempt = rate_limit::take(conn, &[(&rate_limit::CODE_FAILURES_PER_ACCOUNT, client)])?;
    let code_hash = tokens::token_hash(&normalise_code(code));
    let outcome = db::write_transaction(conn, |conn| -> ApiResult<Result<String, ApiError>> {
        let round = open_round(conn, round_id)?;
        let Some((code_id, used)) = store::rounds::find_code(conn, round_id, &code_hash)? else {
            return Ok(Err(ApiError::invalid(
                "code",
                t!("is-not-a-voting-code-of-this"),
            )));
        };
        if let Some(channel) = used {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!(
                    "this-code-has-been-used-already",
                    channel = t!("channel", name = channel.as_str())
                ),
            ));
        }
        let checked = ballot::check(&rules_of(&round), &costs(conn, round_id)?, &choices)
            .map_err(ApiError::invalid_fields)?;
        if !store::rounds::use_code(conn, code_id, Channel::Online)? {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!("this-code-has-been-used-already-2"),
            ));
        }
        let pseudonym = pseudonym(secret, round_id, Voter::Code(&code_hash));
        let (receipt, _) = store_ballot(conn, secret, round_id, pseudonym, checked, Channel::Code)?;
        Ok(Ok(receipt))
    });
    // Only an unknown code counts as a failed attempt.
    match outcome {
        Ok(Err(unknown_code)) => Err(unknown_code),
        other => {
            rate_limit::refund(conn, attempt)?;
            let receipt = other??;
            crate::metrics::ballots_cast(Channel::Code, 1);
            Ok(receipt)
        }
    }
}

pub const MAX_CODES: usize = 100_000;

/// Generates one-time voting codes for letters; they are returned once, only hashes are kept.
pub fn generate_codes(
    conn: &mut DbConnection,
    caller: &Caller,
    round_id: i64,
    count: usize,
) -> ApiResult<Vec<String>> {
    caller.require_admin()?;
    if !(1..=MAX_CODES).contains(&count) {
        return Err(ApiError::invalid(
            "count",
            t!("number-between", min = 1, max = MAX_CODES),
        ));
    }
    let codes: Vec<String> = (0..count).map(|_| new_code()).collect();
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| tokens::token_hash(&normalise_code(c)))
        .collect();
    db::write_transaction(conn, |conn| {
        let round = store::rounds::find_for_update(conn, round_id)?
            .ok_or_else(|| ApiError::not_found(Thing::Round))?;
        if round.status == RoundStatus::Closed {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!("the-round-is-closed"),
            ));
        }
        if !round.uses_codes {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!("this-round-does-not-use-voting-codes"),
            ));
        }
        store::rounds::insert_codes(conn, round_id, &hashes, crate::clock::now())?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: "voting_codes_generated",
                entity_type: "round",
                entity_id: round_id.to_string(),
                details: serde_json::json!({"count": count}),
            },
        )?;
        Ok(codes)
    })
}

/// An area worker of the round's area, or an administrator, enters its paper ballots.
pub fn enters_paper_ballots(caller: &Caller, round: &Round) -> bool {
    caller.is_admin()
        || caller.holds(Scope::ImportPaperBallots)
        || round.area_id.is_some_and(|area| caller.works_in_area(area))
}

/// Only area workers, administrators and API clients with `import_paper_ballots` enter paper
/// ballots at all; checked before a file is read, so anyone else learns nothing about what it
/// should hold.
pub fn may_enter_paper_ballots(caller: &Caller) -> ApiResult<()> {
    if caller.is_admin()
        || caller.holds(Scope::ImportPaperBallots)
        || !caller.worker_areas().is_empty()
    {
        Ok(())
    } else {
        Err(ApiError::forbidden(t!("paper-ballots-are-entered-by")))
    }
}

/// The open rounds whose paper ballots the caller enters, newest first.
pub fn paper_rounds(conn: &mut DbConnection, caller: &Caller) -> ApiResult<Vec<Round>> {
    Ok(store::rounds::started(conn)?
        .into_iter()
        .filter(|round| round.status == RoundStatus::Open && enters_paper_ballots(caller, round))
        .collect())
}

/// One row of a paper-ballot file.
enum PaperVoter {
    Code(String),
    Resident(i64),
}

fn parse_choices(text: &str, cumulative: bool) -> Result<Choices, Text> {
    let items = text
        .split([' ', ',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty());
    if cumulative {
        let mut points = BTreeMap::new();
        for item in items {
            let (id, n) = item.split_once(':').ok_or(t!("points-as-project-points"))?;
            let id: i64 = id.parse().map_err(|_| t!("not-a-project-id", value = id))?;
            let n: i64 = n
                .parse()
                .map_err(|_| t!("not-a-number-of-points", value = n))?;
            if points.insert(id, n).is_some() {
                return Err(t!("project-is-listed-twice", id = id));
            }
        }
        Ok(Choices::Points(points))
    } else {
        items
            .map(|id| {
                id.parse::<i64>()
                    .map_err(|_| t!("not-a-project-id", value = id))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Choices::ProjectIds)
    }
}

/// Imports paper ballots (CSV with `code` or `user_id`, and `choices`: project ids separated by
/// spaces, or `id:points` for cumulative rounds), entered by an area worker of the round's area
/// or an administrator. Every row is checked first; nothing is written when any row is wrong,
/// nor when `check_only` asks only for the check. A code or resident that voted online cannot
/// also vote on paper. Returns how many ballots were (or would be) written.
pub fn import_paper(
    conn: &mut DbConnection,
    secret: &SecretKey,
    caller: &Caller,
    round_id: i64,
    text: &str,
    check_only: bool,
) -> ApiResult<usize> {
    let written = db::write_transaction(conn, |conn| {
        let round = open_round(conn, round_id)?;
        if !enters_paper_ballots(caller, &round) {
            return Err(ApiError::forbidden(t!("paper-ballots-are-entered-by")));
        }
        let rules = rules_of(&round);
        let costs = costs(conn, round_id)?;
        let cumulative = rules.ballot_type == ballot::BallotType::Cumulative;
        let Some(Ok(mut reader)) = csv::Upload::open(text) else {
            return Err(ApiError::invalid(
                "body",
                t!("the-file-needs-a-header-code-choices"),
            ));
        };
        let choices_at = reader
            .column("choices")
            .ok_or_else(|| ApiError::invalid("header", t!("needs-a-choices-column")))?;
        let code_at = reader.column("code");
        let user_at = reader.column("user_id");
        if code_at.is_none() == user_at.is_none() {
            return Err(ApiError::invalid(
                "header",
                t!("needs-exactly-one-of-the-columns-code"),
            ));
        }
        let mut errors = Vec::new();
        let mut rows = Vec::new();
        let mut seen = HashSet::new();
        while let Some(record) = reader.next_record() {
            let record = record
                .map_err(|e| ApiError::invalid(format!("rows[{}]", e.line), csv::problem(&e)))?;
            let field = |i: usize| record.fields.get(i).map(|f| f.trim()).unwrap_or("");
            let row = format!("rows[{}]", record.line);
            let voter = match (code_at, user_at) {
                (Some(i), _) => PaperVoter::Code(tokens::token_hash(&normalise_code(field(i)))),
                (_, Some(i)) => match field(i).parse::<i64>() {
                    Ok(id) => PaperVoter::Resident(id),
                    Err(_) => {
                        errors.push(FieldError::new(
                            format!("{row}.user_id"),
                            t!("is-not-a-user-id"),
                        ));
                        continue;
                    }
                },
                _ => continue,
            };
            let key = match &voter {
                PaperVoter::Code(h) => format!("c{h}"),
                PaperVoter::Resident(id) => format!("u{id}"),
            };
            if !seen.insert(key) {
                errors.push(FieldError::new(
                    row.clone(),
                    t!("this-voter-appears-twice-in-the-file"),
                ));
                continue;
            }
            let choices = match parse_choices(field(choices_at), cumulative) {
                Ok(c) => c,
                Err(m) => {
                    errors.push(FieldError::new(format!("{row}.choices"), m));
                    continue;
                }
            };
            match ballot::check(&rules, &costs, &choices) {
                Ok(checked) => rows.push((row, voter, checked)),
                Err(list) => errors.extend(
                    list.into_iter()
                        .map(|e| FieldError::new(format!("{row}.{}", e.field), e.message)),
                ),
            }
        }
        let mut ready = Vec::new();
        for (row, voter, choices) in rows {
            let pseudonym = match &voter {
                PaperVoter::Code(hash) => match store::rounds::find_code(conn, round_id, hash)? {
                    None => {
                        errors.push(FieldError::new(
                            format!("{row}.code"),
                            t!("is-not-a-voting-code-of-this"),
                        ));
                        continue;
                    }
                    Some((_, Some(channel))) => {
                        errors.push(FieldError::new(
                            format!("{row}.code"),
                            t!(
                                "was-used-already",
                                channel = t!("channel", name = channel.as_str())
                            ),
                        ));
                        continue;
                    }
                    Some((_, None)) => pseudonym(secret, round_id, Voter::Code(hash)),
                },
                PaperVoter::Resident(user) => {
                    if store::users::find(conn, *user)?.is_none() {
                        errors.push(FieldError::new(
                            format!("{row}.user_id"),
                            t!("no-such-user"),
                        ));
                        continue;
                    }
                    let pseudonym = pseudonym(secret, round_id, Voter::Resident(*user));
                    if let Some(ballot) = store::rounds::find_ballot(conn, round_id, &pseudonym)? {
                        errors.push(FieldError::new(
                            format!("{row}.user_id"),
                            t!(
                                "voted-already",
                                channel = t!("channel", name = ballot.channel.as_str())
                            ),
                        ));
                        continue;
                    }
                    pseudonym
                }
            };
            ready.push((voter, pseudonym, choices));
        }
        if !errors.is_empty() {
            return Err(ApiError::invalid_fields(errors));
        }
        if ready.is_empty() {
            return Err(ApiError::invalid("body", t!("the-file-has-no-ballots")));
        }
        if check_only {
            return Ok(ready.len());
        }
        // Written in random order, so the order of the file (a list of names) is not the
        // order of the ballots in the database.
        ready.shuffle(&mut rand::rng());
        let count = ready.len();
        for (voter, pseudonym, choices) in ready {
            if let PaperVoter::Code(hash) = &voter
                && let Some((id, None)) = store::rounds::find_code(conn, round_id, hash)?
            {
                store::rounds::use_code(conn, id, Channel::Paper)?;
            }
            store_ballot(conn, secret, round_id, pseudonym, choices, Channel::Paper)?;
        }
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: "paper_ballots_imported",
                entity_type: "round",
                entity_id: round_id.to_string(),
                details: serde_json::json!({"count": count}),
            },
        )?;
        Ok(count)
    })?;
    if !check_only {
        crate::metrics::ballots_cast(Channel::Paper, written as u64);
    }
    Ok(written)
}
