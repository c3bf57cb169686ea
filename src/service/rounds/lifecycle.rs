//! Opening and closing rounds, by hand or on schedule, and telling residents.

use super::*;
use crate::domain::notification::EventKind;
use crate::error::Thing;
use crate::service::{follows, notifications};

/// The date before which a voter must be born to meet the minimum age today.
pub(super) fn born_on_or_before(min_age: Option<i32>, today: NaiveDateTime) -> Option<String> {
    use chrono::Datelike;
    let age = min_age?;
    let date = today.date();
    let cutoff = date
        .with_year(date.year() - age)
        .or_else(|| date.pred_opt().and_then(|d| d.with_year(d.year() - age)))?;
    Some(cutoff.format("%Y-%m-%d").to_string())
}

/// What the residents who may vote in a round are told.
pub(super) enum RoundNews<'a> {
    Opened,
    ResultsPublished,
    /// Cancelled (no new opening) or moved to a later opening, with the reason.
    CalledOff {
        reason: &'a str,
        opens_again: Option<NaiveDateTime>,
    },
}

/// Tells the residents who may vote in the round, and for its results or when it is called
/// off also who follows its area or edition, each as they chose for that kind of event.
pub(super) fn notify_residents(
    conn: &mut DbConnection,
    round: &Round,
    news: RoundNews,
    public_url: &str,
) -> ApiResult<()> {
    let cutoff = born_on_or_before(round.min_age, crate::clock::now());
    let link = format!("{public_url}/rounds/{}", round.id);
    let opens_again = match &news {
        RoundNews::CalledOff { opens_again, .. } => {
            opens_again.map(|at| at.format("%Y-%m-%d %H:%M").to_string())
        }
        _ => None,
    };
    let mut readers: Vec<i64> = store::users::residents(conn, round.area_id, cutoff.as_deref())?
        .into_iter()
        .map(|resident| resident.id)
        .collect();
    if !matches!(news, RoundNews::Opened) {
        let mut followed = vec![(follows::Subject::Edition, round.edition_id)];
        followed.extend(round.area_id.map(|area| (follows::Subject::Area, area)));
        readers.extend(follows::followers_of(conn, &followed)?);
    }
    let kind = match news {
        RoundNews::ResultsPublished => EventKind::Decision,
        RoundNews::Opened | RoundNews::CalledOff { .. } => EventKind::RoundOpening,
    };
    for reader in notifications::recipients(conn, readers, None)? {
        let (name, round, link) = (
            reader.display_name.as_str(),
            round.name.as_str(),
            link.as_str(),
        );
        let template = match &news {
            RoundNews::Opened => Template::RoundOpened { name, round, link },
            RoundNews::ResultsPublished => Template::ResultsPublished { name, round, link },
            RoundNews::CalledOff { reason, .. } => Template::RoundCalledOff {
                name,
                round,
                reason,
                opens_again: opens_again.as_deref(),
                link,
            },
        };
        notifications::notify(conn, &reader, kind, &template)?;
    }
    Ok(())
}

/// Opens a scheduled round in the voting phase: the feasible proposals of its envelope go on
/// the ballot with their reviewed cost, and everything that decides the outcome is frozen.
pub fn open(
    conn: &mut DbConnection,
    actor: Option<&Caller>,
    id: i64,
    public_url: &str,
) -> ApiResult<Round> {
    if let Some(caller) = actor {
        caller.require_admin()?;
    }
    db::write_transaction(conn, |conn| {
        let round = store::rounds::find_for_update(conn, id)?
            .ok_or_else(|| ApiError::not_found(Thing::Round))?;
        if round.status != RoundStatus::Scheduled {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!(
                    "the-round-is-already",
                    status = t!("round-status", name = round.status.as_str())
                ),
            ));
        }
        let edition = store::editions::find(conn, round.edition_id)?
            .ok_or_else(|| ApiError::not_found(Thing::Edition))?;
        if edition.phase != Phase::Voting {
            return Err(ApiError::new(
                ErrorCode::PhaseClosed,
                t!(
                    "rounds-open-in-the-voting-phase-the",
                    phase = t!("phase", name = edition.phase.as_str())
                ),
            ));
        }
        let envelope = store::editions::find_envelope(conn, round.edition_id, round.area_id)?
            .ok_or_else(|| ApiError::not_found(Thing::Envelope))?;
        let projects = eligible_projects(conn, &round)?;
        if projects.is_empty() {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!("the-round-has-no-feasible-project-to"),
            ));
        }
        let now = crate::clock::now();
        if round.closes_at <= now {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!(
                    "the-round-s-closing-time-utc-has",
                    closes_at = round.closes_at
                ),
            ));
        }
        store::rounds::set_projects(conn, id, &projects)?;
        store::rounds::set_budget(conn, id, envelope.amount_cents())?;
        let mut fields = RoundFields::from(&round);
        // Opened by hand before its time, it opens now, and says so.
        fields.opens_at = fields.opens_at.min(now);
        if round.ballot_type == BallotType::Knapsack && round.budget_limit_cents.is_none() {
            fields.budget_limit_cents = Some(envelope.amount_cents());
        }
        if fields != RoundFields::from(&round) {
            store::rounds::update(conn, id, &fields, now)?;
        }
        store::rounds::set_status(conn, id, RoundStatus::Scheduled, RoundStatus::Open, now)?;
        for (proposal_id, _) in &projects {
            if store::proposals::move_state(
                conn,
                *proposal_id,
                ProposalState::Feasible,
                ProposalState::OnBallot,
                now,
            )? {
                store::proposals::add_event(
                    conn,
                    *proposal_id,
                    Some(ProposalState::Feasible),
                    ProposalState::OnBallot,
                    None,
                    actor.map(Caller::id),
                    now,
                )?;
            }
        }
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: actor.map(Caller::id),
                action: "round_opened",
                entity_type: "round",
                entity_id: id.to_string(),
                details: serde_json::json!({"projects": projects, "budget_cents": envelope.amount_cents()}),
            },
        )?;
        let round =
            store::rounds::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Round))?;
        notify_residents(conn, &round, RoundNews::Opened, public_url)?;
        Ok(round)
    })
}

/// Closes an open round and computes its outcome in the same transaction; no ballot can be
/// written after the close has begun (ballots hold a shared lock on the round row).
pub fn close(
    conn: &mut DbConnection,
    secret: &crate::config::SecretKey,
    actor: Option<&Caller>,
    (id, early_reason): (i64, Option<&str>),
    public_url: &str,
) -> ApiResult<Round> {
    if let Some(caller) = actor {
        caller.require_admin()?;
    }
    let early_reason = early_reason.map(str::trim).filter(|r| !r.is_empty());
    if early_reason.is_some_and(|r| r.chars().count() > 1000) {
        return Err(ApiError::invalid(
            "reason",
            t!("length-at-most", max = 1000),
        ));
    }
    db::write_transaction(conn, |conn| {
        let round = store::rounds::find_for_update(conn, id)?
            .ok_or_else(|| ApiError::not_found(Thing::Round))?;
        if round.status != RoundStatus::Open {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!(
                    "the-round-is-not-open",
                    status = t!("round-status", name = round.status.as_str())
                ),
            ));
        }
        let now = crate::clock::now();
        if now < round.closes_at {
            let Some(reason) = early_reason else {
                return Err(ApiError::invalid(
                    "reason",
                    t!(
                        "the-round-closes-at-utc-closing-it",
                        closes_at = round.closes_at
                    ),
                ));
            };
            store::rounds::set_status_reason(conn, id, reason)?;
        }
        store::rounds::set_status(conn, id, RoundStatus::Open, RoundStatus::Closed, now)?;
        let (outcome, hash, count) = compute_outcome(conn, secret, &round)?;
        for project in &outcome.projects {
            let to = if project.selected {
                ProposalState::Selected
            } else {
                ProposalState::NotSelected
            };
            if store::proposals::move_state(
                conn,
                project.proposal_id,
                ProposalState::OnBallot,
                to,
                now,
            )? {
                store::proposals::add_event(
                    conn,
                    project.proposal_id,
                    Some(ProposalState::OnBallot),
                    to,
                    None,
                    None,
                    now,
                )?;
            }
        }
        let entry = store::audit::append(
            conn,
            AuditEvent {
                actor_id: actor.map(Caller::id),
                action: "round_closed",
                entity_type: "round",
                entity_id: id.to_string(),
                details: serde_json::json!({
                    "rule": outcome.rule,
                    "engine_version": outcome.engine_version,
                    "selected": outcome.selected,
                    "ballots": count,
                    "ballots_hash": hash,
                    "closed_early_because": early_reason.filter(|_| now < round.closes_at),
                }),
            },
        )?;
        let text = serde_json::to_string(&outcome).map_err(ApiError::internal)?;
        store::rounds::store_outcome(
            conn,
            id,
            &store::rounds::StoredOutcome {
                outcome: &text,
                engine_version: &outcome.engine_version,
                ballot_count: count,
                ballots_hash: &hash,
                audit_head_hash: &entry.hash,
            },
        )?;
        // The head published with the results is sealed at once: a later rewrite of the history
        // cannot fit it.
        crate::service::audit::checkpoint(conn, secret)?;
        let round =
            store::rounds::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Round))?;
        notify_residents(conn, &round, RoundNews::ResultsPublished, public_url)?;
        Ok(round)
    })
}

/// Opens and closes the rounds whose time has come; safe to run in every process at once.
pub fn run_schedule(
    conn: &mut DbConnection,
    secret: &crate::config::SecretKey,
    public_url: &str,
) -> ApiResult<usize> {
    let due = store::rounds::due(conn, crate::clock::now())?;
    let mut changed = 0;
    for round in due {
        let result = match round.status {
            RoundStatus::Scheduled => open(conn, None, round.id, public_url).map(|_| ()),
            _ => close(conn, secret, None, (round.id, None), public_url).map(|_| ()),
        };
        match result {
            Ok(()) => changed += 1,
            // Another process got there first, or the edition is not in the voting phase yet.
            Err(e) if matches!(e.code, ErrorCode::Conflict | ErrorCode::PhaseClosed) => {}
            Err(e) => tracing::warn!(round = round.id, error = %e, "scheduled round change failed"),
        }
    }
    Ok(changed)
}
