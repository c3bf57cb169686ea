//! Feasibility review by the departments.

use super::*;
use crate::service::permit::{Permit, Rule};

/// An administrator sends a proposal to a department for the feasibility review.
pub fn assign_review(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    department: &str,
) -> ApiResult<()> {
    caller.require_admin()?;
    let department = department.trim();
    if department.is_empty() || department.chars().count() > 80 {
        return Err(ApiError::invalid(
            "department",
            t!("length-between", min = 1, max = 80),
        ));
    }
    db::write_transaction(conn, |conn| {
        let p = load_for_update(conn, id)?;
        let edition = load_edition(conn, p.edition_id)?;
        if edition.phase != Phase::Review {
            return Err(phase_closed("assign_review", Phase::Review, &edition));
        }
        if !matches!(
            p.state,
            ProposalState::ThresholdReached | ProposalState::Feasible | ProposalState::Infeasible
        ) {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!(
                    "a-proposal-is-not-reviewed",
                    state = t!("proposal-state", name = p.state.as_str())
                ),
            ));
        }
        let department = crate::service::departments::resolve(conn, "department", department)?;
        store::proposals::assign_review(conn, id, &department, caller.id(), crate::clock::now())?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: "review_assigned",
                entity_type: "proposal",
                entity_id: id.to_string(),
                details: serde_json::json!({"department": department}),
            },
        )?;
        Ok(())
    })
}

/// A proposal of an edition that a department can review, with the department it is sent to.
pub struct Reviewable {
    pub proposal: Proposal,
    /// The department's code, once assigned.
    pub department: Option<String>,
}

/// The proposals of an edition that can be sent to a department (those that reached the
/// threshold, and those reviewed already, which can be sent again), for administrators.
pub fn reviewable(
    conn: &mut DbConnection,
    caller: &Caller,
    edition_id: i64,
) -> ApiResult<Vec<Reviewable>> {
    caller.require_admin()?;
    load_edition(conn, edition_id)?;
    let proposals = store::proposal_search::list(
        conn,
        &store::proposal_search::ProposalFilter {
            edition_id,
            area_id: None,
            citywide_only: false,
            category: None,
            states: &[
                ProposalState::ThresholdReached,
                ProposalState::Feasible,
                ProposalState::Infeasible,
            ],
            author_id: None,
            updated_since: None,
            only_ids: None,
            include_hidden: true,
            viewer_id: Some(caller.id()),
            sort: store::proposal_search::Sort::Newest,
            after: None,
            limit: 500,
        },
    )?;
    proposals
        .into_iter()
        .map(|proposal| {
            let department = store::proposals::review(conn, proposal.id)?.map(|r| r.department);
            Ok(Reviewable {
                proposal,
                department,
            })
        })
        .collect()
}

pub struct ReviewInput {
    pub feasible: bool,
    pub public_explanation: String,
    pub reviewed_cost_cents: Option<i64>,
    /// The breakdown of the reviewed cost; when given, it adds up to it.
    pub reviewed_cost_lines: Vec<(String, i64)>,
    pub internal_notes: Option<String>,
}

/// Reviewing needs the reviewer role (or an administrator); the department is checked against
/// the proposal's assignment when the verdict is recorded.
pub enum Review {}

impl Rule for Review {
    fn check(caller: &Caller) -> ApiResult<()> {
        if caller.has(Role::Reviewer) || caller.is_admin() {
            Ok(())
        } else {
            Err(ApiError::forbidden(t!("this-needs-the-reviewer-role")))
        }
    }
}

pub type ReviewDesk = Permit<Review>;

/// A reviewer of the assigned department records the verdict during the review phase.
pub fn review(
    conn: &mut DbConnection,
    desk: &ReviewDesk,
    id: i64,
    input: ReviewInput,
    public_url: &str,
) -> ApiResult<Proposal> {
    let caller = desk.caller();
    let mut errors = Vec::new();
    let explanation = input.public_explanation.trim();
    if explanation.is_empty() || explanation.chars().count() > 5000 {
        errors.push(FieldError::new(
            "public_explanation",
            t!("a-verdict-needs-a-public-explanation-1"),
        ));
    }
    match input.reviewed_cost_cents {
        None if input.feasible => errors.push(FieldError::new(
            "reviewed_cost_cents",
            t!("is-required-when-the-proposal-is-feasible"),
        )),
        None if !input.reviewed_cost_lines.is_empty() => errors.push(FieldError::new(
            "reviewed_cost_cents",
            t!("is-required-with-cost-lines"),
        )),
        None => {}
        Some(cost) => errors.extend(proposal::check_costs(
            &proposal::REVIEWED_COST,
            cost,
            &input.reviewed_cost_lines,
        )),
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid_fields(errors));
    }
    db::write_transaction(conn, |conn| {
        let p = load_for_update(conn, id)?;
        let edition = load_edition(conn, p.edition_id)?;
        if edition.phase != Phase::Review {
            return Err(phase_closed("review", Phase::Review, &edition));
        }
        let assignment = store::proposals::review(conn, id)?;
        let department_ok = assignment.as_ref().is_some_and(|a| {
            caller
                .reviewer_departments()
                .iter()
                .any(|d| crate::service::departments::code_of(d) == a.department)
        });
        if !caller.is_admin() && !department_ok {
            return Err(ApiError::forbidden(t!(
                "this-proposal-is-not-assigned-to-your"
            )));
        }
        if assignment.is_none() {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!("assign-the-proposal-to-a-department-first"),
            ));
        }
        let verdict = if input.feasible {
            Verdict::Feasible
        } else {
            Verdict::Infeasible
        };
        let to = verdict.state();
        let from = p.state;
        if from != to && !from.can_move_to(to) {
            return Err(illegal_move(&p, to));
        }
        store::proposals::record_verdict(
            conn,
            id,
            &store::proposals::ReviewVerdict {
                reviewer_id: caller.id(),
                verdict,
                public_explanation: explanation,
                internal_notes: input.internal_notes.as_deref(),
                reviewed_cost_cents: input.reviewed_cost_cents,
            },
            &input.reviewed_cost_lines,
            crate::clock::now(),
        )?;
        store::proposals::set_state(conn, id, to, crate::clock::now())?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: "review_recorded",
                entity_type: "proposal",
                entity_id: id.to_string(),
                details: serde_json::json!({"verdict": to.as_str(), "reviewed_cost_cents": input.reviewed_cost_cents}),
            },
        )?;
        record(
            conn,
            &p,
            Some(p.state),
            to,
            Some(t!("as-written", text = explanation)),
            Some(caller.id()),
            public_url,
        )?;
        load(conn, id)
    })
}

/// How long a department has for a review when the edition plans no start of its vote.
pub const REVIEW_DAYS: i64 = 21;

/// A proposal waiting for its department's verdict.
pub struct Waiting {
    pub listed: super::read::Listed,
    pub department: String,
    pub assigned_at: chrono::NaiveDateTime,
    /// When the verdict is due: the planned start of the edition's vote, or `REVIEW_DAYS`
    /// after the assignment when the edition plans none.
    pub due_at: chrono::NaiveDateTime,
}

impl Waiting {
    pub fn overdue(&self, now: chrono::NaiveDateTime) -> bool {
        now > self.due_at
    }
}

/// The review queue: proposals assigned and not yet reviewed, oldest first. Reviewers see their
/// departments (`department` narrows to one of them), administrators every department.
pub fn review_queue(
    conn: &mut DbConnection,
    desk: &ReviewDesk,
    department: Option<&str>,
    after: Option<(chrono::NaiveDateTime, i64)>,
    limit: i64,
) -> ApiResult<Vec<Waiting>> {
    let caller = desk.caller();
    let departments: Option<Vec<String>> = match department {
        Some(wanted) => {
            let wanted = crate::service::departments::resolve(conn, "department", wanted)?;
            if !caller.is_admin() && !caller.reviewer_departments().contains(&wanted.as_str()) {
                return Err(ApiError::forbidden(t!(
                    "reviewers-see-the-queue-of-their-own"
                )));
            }
            Some(vec![wanted])
        }
        None if caller.is_admin() => None,
        None => Some(
            caller
                .reviewer_departments()
                .into_iter()
                .map(str::to_string)
                .collect(),
        ),
    };
    let rows =
        store::proposal_search::waiting_for_review(conn, departments.as_deref(), after, limit)?;
    let (page, reviews): (Vec<_>, Vec<_>) = rows.into_iter().unzip();
    let listed = super::read::listed(conn, page, Some(caller))?;
    let mut votes_planned = std::collections::HashMap::new();
    listed
        .into_iter()
        .zip(reviews)
        .map(|(listed, review)| {
            let edition_id = listed.proposal.edition_id;
            let planned = match votes_planned.entry(edition_id) {
                std::collections::hash_map::Entry::Occupied(known) => *known.get(),
                std::collections::hash_map::Entry::Vacant(unknown) => {
                    *unknown.insert(load_edition(conn, edition_id)?.voting_at)
                }
            };
            let due_at =
                planned.unwrap_or(review.assigned_at + chrono::TimeDelta::days(REVIEW_DAYS));
            Ok(Waiting {
                listed,
                department: review.department,
                assigned_at: review.assigned_at,
                due_at,
            })
        })
        .collect()
}
