//! Council decisions on closed rounds: approving the computed outcome, or amending it with a
//! reason for every change. Decisions are immutable; a later one supersedes and the history
//! stays public.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::auth::caller::Caller;
use crate::db::{self, DbConnection};
use crate::domain::decision::DecisionKind;
use crate::domain::finance::check_date;
use crate::domain::phase::Phase;
use crate::domain::proposal::ProposalState;
use crate::domain::role::Role;
use crate::domain::round::RoundStatus;
use crate::error::{ApiError, ApiResult, ErrorCode, FieldError};

use crate::error::Thing;
use crate::service::permit::{Permit, Rule};
use crate::service::rounds::{StoredOutcome, outcome_of};
pub use crate::store::decisions::Decision;
use crate::store::rounds::Round;
use crate::store::{self, audit::AuditEvent};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Approve,
    Amend,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Change {
    pub proposal_id: i64,
    /// `add` or `remove`.
    pub change: String,
    pub reason: String,
}

pub struct DecisionInput {
    pub kind: Kind,
    pub council_session: String,
    pub decided_on: String,
    pub add: Vec<(i64, String)>,
    pub remove: Vec<(i64, String)>,
    pub over_envelope_reason: Option<String>,
}

/// Only the council decides on outcomes.
pub enum Decide {}

impl Rule for Decide {
    fn check(caller: &Caller) -> ApiResult<()> {
        if caller.has(Role::Council) {
            Ok(())
        } else {
            Err(ApiError::forbidden(t!(
                "only-the-council-decides-on-outcomes"
            )))
        }
    }
}

pub type CouncilSeat = Permit<Decide>;

fn check(input: &DecisionInput) -> Result<(String, Vec<Change>), Vec<FieldError>> {
    let mut errors = Vec::new();
    if input.council_session.trim().is_empty() || input.council_session.chars().count() > 200 {
        errors.push(FieldError::new(
            "council_session",
            t!("name-the-council-session-1-to-200"),
        ));
    }
    let date = check_date(&input.decided_on)
        .map_err(|m| errors.push(FieldError::new("decided_on", m)))
        .ok();
    let mut changes = Vec::new();
    match input.kind {
        Kind::Approve => {
            if !input.add.is_empty() || !input.remove.is_empty() {
                errors.push(FieldError::new(
                    "kind",
                    t!("an-approval-changes-nothing-use-amend-to"),
                ));
            }
        }
        Kind::Amend => {
            if input.add.is_empty() && input.remove.is_empty() {
                errors.push(FieldError::new(
                    "add",
                    t!("an-amendment-adds-or-removes-at-least"),
                ));
            }
            for (list, name) in [(&input.add, "add"), (&input.remove, "remove")] {
                for (i, (proposal_id, reason)) in list.iter().enumerate() {
                    if reason.trim().is_empty() {
                        errors.push(FieldError::new(
                            format!("{name}[{i}].reason"),
                            t!("every-change-needs-a-reason"),
                        ));
                    }
                    changes.push(Change {
                        proposal_id: *proposal_id,
                        change: name.into(),
                        reason: reason.trim().into(),
                    });
                }
            }
        }
    }
    if input
        .over_envelope_reason
        .as_deref()
        .is_some_and(|r| r.trim().is_empty())
    {
        errors.push(FieldError::new(
            "over_envelope_reason",
            t!("must-not-be-empty-when-given"),
        ));
    }
    match (date, errors.is_empty()) {
        (Some(date), true) => Ok((date, changes)),
        _ => Err(errors),
    }
}

/// Records a decision; approved proposals become `approved`, the others on the ballot
/// `rejected`, and their authors are told.
pub fn decide(
    conn: &mut DbConnection,
    seat: &CouncilSeat,
    round_id: i64,
    input: DecisionInput,
    public_url: &str,
) -> ApiResult<Decision> {
    let caller = seat.caller();
    let (decided_on, changes) = check(&input).map_err(ApiError::invalid_fields)?;
    db::write_transaction(conn, |conn| {
        let round = decidable_round(conn, round_id)?;
        let outcome = outcome_of(&round)?;
        let approved = approved_by(&outcome, &input).map_err(ApiError::invalid_fields)?;
        let now = crate::clock::now();
        let previous = store::decisions::current(conn, round_id)?;
        let first_decision = previous.is_none();
        let approved_list: Vec<i64> = approved.iter().copied().collect();
        let decision = store::decisions::insert(
            conn,
            &store::decisions::NewDecision {
                round_id,
                kind: match input.kind {
                    Kind::Approve => DecisionKind::Approve,
                    Kind::Amend => DecisionKind::Amend,
                },
                council_session: input.council_session.trim(),
                decided_on: &decided_on,
                approved: &serde_json::to_string(&approved_list).map_err(ApiError::internal)?,
                changes: &serde_json::to_string(&changes).map_err(ApiError::internal)?,
                over_envelope_reason: input.over_envelope_reason.as_deref().map(str::trim),
                decided_by: caller.id(),
            },
            now,
        )?;
        if let Some(previous) = previous {
            store::decisions::supersede(conn, previous.id, decision.id)?;
        }
        // The session and the date, no words around them: the history and the mail say in the
        // reader's language that the council decided.
        let reason = format!("{}, {decided_on}", input.council_session.trim());
        settle_proposals(
            conn,
            caller,
            &outcome,
            (&approved, first_decision),
            &reason,
            public_url,
            now,
        )?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: "decision_recorded",
                entity_type: "round",
                entity_id: round_id.to_string(),
                details: serde_json::json!({
                    "decision_id": decision.id,
                    "kind": decision.kind,
                    "council_session": decision.council_session,
                    "decided_on": decision.decided_on,
                    "approved": approved_list,
                    "changes": changes,
                    "over_envelope_reason": decision.over_envelope_reason,
                }),
            },
        )?;
        Ok(decision)
    })
}

/// The round, if the council may decide on it now: closed, and its edition in the decision
/// phase.
fn decidable_round(conn: &mut DbConnection, round_id: i64) -> ApiResult<Round> {
    let round = store::rounds::find_for_update(conn, round_id)?
        .ok_or_else(|| ApiError::not_found(Thing::Round))?;
    if round.status != RoundStatus::Closed {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            t!("the-council-decides-on-a-closed-round"),
        ));
    }
    let edition = store::editions::find(conn, round.edition_id)?
        .ok_or_else(|| ApiError::not_found(Thing::Edition))?;
    if edition.phase != Phase::Decision {
        return Err(ApiError::new(
            ErrorCode::PhaseClosed,
            t!(
                "decisions-are-taken-in-the-decision-phase",
                phase = t!("phase", name = edition.phase.as_str())
            ),
        ));
    }
    Ok(round)
}

/// The proposals the decision approves: the outcome's, with the council's additions and
/// removals; going over the envelope needs a reason.
fn approved_by(
    outcome: &StoredOutcome,
    input: &DecisionInput,
) -> Result<BTreeSet<i64>, Vec<FieldError>> {
    let mut approved: BTreeSet<i64> = outcome.selected.iter().copied().collect();
    let mut errors = Vec::new();
    for (i, (id, _)) in input.add.iter().enumerate() {
        if !outcome.projects.iter().any(|p| p.proposal_id == *id) {
            errors.push(FieldError::new(
                format!("add[{i}].proposal_id"),
                t!("is-not-on-this-round-s-ballot"),
            ));
        } else if !approved.insert(*id) {
            errors.push(FieldError::new(
                format!("add[{i}].proposal_id"),
                t!("is-funded-by-the-outcome-already"),
            ));
        }
    }
    for (i, (id, _)) in input.remove.iter().enumerate() {
        if !approved.remove(id) {
            errors.push(FieldError::new(
                format!("remove[{i}].proposal_id"),
                t!("is-not-funded-by-the-outcome"),
            ));
        }
    }
    let cost: i64 = outcome
        .projects
        .iter()
        .filter(|p| approved.contains(&p.proposal_id))
        .map(|p| p.cost_cents)
        .sum();
    if cost > outcome.budget_cents && input.over_envelope_reason.is_none() {
        errors.push(FieldError::new(
            "over_envelope_reason",
            t!(
                "the-decision-spends-cents-of-an-envelope",
                cost = cost,
                budget_cents = outcome.budget_cents
            ),
        ));
    }
    if errors.is_empty() {
        Ok(approved)
    } else {
        Err(errors)
    }
}

/// Moves every proposal on the ballot to approved, or rejected when the vote selected it and
/// the council did not, and tells its author what happened and who decided. A proposal that
/// did not win the vote and is not added stays `not_selected`: the vote decided, the council
/// only confirmed it (its author hears so once, at the first decision).
fn settle_proposals(
    conn: &mut DbConnection,
    caller: &Caller,
    outcome: &StoredOutcome,
    (approved, first_decision): (&BTreeSet<i64>, bool),
    reason: &str,
    public_url: &str,
    now: chrono::NaiveDateTime,
) -> ApiResult<()> {
    for project in &outcome.projects {
        let p = store::proposals::find_for_update(conn, project.proposal_id)?
            .ok_or_else(|| ApiError::not_found(Thing::Proposal))?;
        let target = if approved.contains(&p.id) {
            ProposalState::Approved
        } else if p.state == ProposalState::NotSelected {
            if first_decision {
                tell_author(conn, &p, "not_selected_confirmed", reason, public_url)?;
            }
            continue;
        } else {
            ProposalState::Rejected
        };
        let current = p.state;
        if current == target {
            continue;
        }
        if !current.can_move_to(target) {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!(
                    "decision-state-conflict",
                    id = p.id,
                    state = t!("proposal-state", name = p.state.as_str()),
                    target = t!("proposal-state", name = target.as_str())
                ),
            ));
        }
        store::proposals::set_state(conn, p.id, target, now)?;
        store::proposals::add_event(
            conn,
            p.id,
            Some(p.state),
            target,
            Some(reason),
            Some(caller.id()),
            now,
        )?;
        let what_happened = match (current, target) {
            (ProposalState::NotSelected, ProposalState::Approved) => "added_by_council",
            (ProposalState::Approved, ProposalState::Rejected) => "removed_by_council",
            (_, target) => target.as_str(),
        };
        tell_author(conn, &p, what_happened, reason, public_url)?;
    }
    Ok(())
}

fn tell_author(
    conn: &mut DbConnection,
    p: &store::proposals::Proposal,
    what_happened: &str,
    reason: &str,
    public_url: &str,
) -> ApiResult<()> {
    crate::service::proposals::notify_author(
        conn,
        p,
        what_happened,
        Some(&t!("as-written", text = reason)),
        public_url,
    )
}

/// Every decision taken on a round, oldest first; public.
pub fn history(conn: &mut DbConnection, round_id: i64) -> ApiResult<Vec<Decision>> {
    store::rounds::find(conn, round_id)?.ok_or_else(|| ApiError::not_found(Thing::Round))?;
    Ok(store::decisions::history(conn, round_id)?)
}
