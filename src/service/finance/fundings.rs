//! Fundings of approved proposals, the move into implementation, commitments and expenditures.

use super::*;
use crate::error::Thing;
use crate::i18n::Text;

/// The cost the council approved for a proposal: its cost on the ballot.
pub fn approved_cost(conn: &mut DbConnection, proposal_id: i64) -> ApiResult<i64> {
    let review = store::proposals::review(conn, proposal_id)?.and_then(|r| r.reviewed_cost_cents);
    let proposal = store::proposals::find(conn, proposal_id)?
        .ok_or_else(|| ApiError::not_found(Thing::Proposal))?;
    Ok(review.unwrap_or(proposal.estimated_cost_cents))
}

/// Links an approved proposal to a budget line. The fundings on a line never exceed its planned
/// amount: the line is locked while this is checked and written, so concurrent fundings queue.
pub fn fund(
    conn: &mut DbConnection,
    desk: &FinanceDesk,
    proposal_id: i64,
    line_id: i64,
    amount: i64,
    kind: FundingKind,
) -> ApiResult<Funding> {
    let caller = desk.caller();
    finance::check_amount(amount).map_err(|m| ApiError::invalid("amount_cents", m))?;
    db::write_transaction(conn, |conn| {
        let proposal = store::proposals::find_for_update(conn, proposal_id)?
            .ok_or_else(|| ApiError::not_found(Thing::Proposal))?;
        if proposal.state != ProposalState::Approved {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!(
                    "only-approved-proposals-are-funded-this-one",
                    state = t!("proposal-state", name = proposal.state.as_str())
                ),
            ));
        }
        let line = store::finance::find_line_for_update(conn, line_id)?.ok_or_else(|| {
            ApiError::invalid_coded("budget_line_id", "not_found", t!("no-such-budget-line"))
        })?;
        check_line_fits(conn, proposal.edition_id, &line, kind)?;
        let on_line = store::finance::funded_on_line(conn, line_id)?;
        if on_line + amount > line.planned_cents {
            return Err(ApiError::new(
                ErrorCode::ExceedsBudgetLine,
                t!(
                    "line-exceeded",
                    planned = line.planned_cents,
                    funded = on_line,
                    amount = amount,
                    over = on_line + amount - line.planned_cents
                ),
            ));
        }
        let approved = approved_cost(conn, proposal_id)?;
        let funded: i64 = store::finance::fundings_of_proposal(conn, proposal_id)?
            .iter()
            .map(|f| f.amount_cents)
            .sum();
        if funded + amount > approved {
            return Err(ApiError::invalid(
                "amount_cents",
                t!(
                    "the-proposal-s-approved-cost-is-cents",
                    approved = approved,
                    funded = funded
                ),
            ));
        }
        let funding = store::finance::insert_funding(
            conn,
            proposal_id,
            line_id,
            amount,
            kind,
            caller.id(),
            crate::clock::now(),
        )?;
        audit(
            conn,
            caller,
            "funding_created",
            "proposal",
            proposal_id,
            serde_json::json!({"funding_id": funding.id, "budget_line_id": line_id, "amount_cents": amount, "kind": kind.as_str()}),
        )?;
        Ok(funding)
    })
}

/// A proposal is funded from its own edition's money: a line bound to the edition's base when
/// it has one, otherwise a line that serves the edition's year; and the kind of funding must
/// fit the line's account class.
fn check_line_fits(
    conn: &mut DbConnection,
    edition_id: i64,
    line: &BudgetLine,
    kind: FundingKind,
) -> ApiResult<()> {
    let edition = store::editions::find(conn, edition_id)?
        .ok_or_else(|| ApiError::not_found(Thing::Edition))?;
    let bound = store::finance::edition_lines(conn, edition_id)?;
    if !bound.is_empty() && !bound.contains(&line.id) {
        return Err(ApiError::invalid(
            "budget_line_id",
            t!(
                "line-not-bound",
                edition = edition.name.as_str(),
                lines = bound
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    line_serves_year(conn, line, edition.fiscal_year)?
        .map_err(|m| ApiError::invalid("budget_line_id", m))?;
    let category = finance::category_of(&line.ledger_account_code)
        .map_err(|m| ApiError::invalid("budget_line_id", m))?;
    if !kind.fits(category) {
        return Err(ApiError::invalid(
            "kind",
            t!(
                "funding-kind-mismatch",
                kind = kind.as_str(),
                category = category.as_str(),
                account = line.ledger_account_code.as_str()
            ),
        ));
    }
    Ok(())
}

/// An edition of `year` spends from a plan that covers that year, on lines of that year or
/// later (work may run into the following years), never on an earlier year's line.
pub(super) fn line_serves_year(
    conn: &mut DbConnection,
    line: &BudgetLine,
    year: i32,
) -> ApiResult<Result<(), Text>> {
    let plan = store::finance::find_plan(conn, line.plan_version_id)?
        .ok_or_else(|| ApiError::not_found(Thing::PlanVersion))?;
    Ok(if !(plan.first_year..=plan.last_year).contains(&year) {
        Err(t!(
            "belongs-to-plan-which-does-not-cover",
            name = plan.name,
            first_year = plan.first_year,
            last_year = plan.last_year,
            year = year
        ))
    } else if line.fiscal_year < year {
        Err(t!(
            "is-a-line-of-before-the-edition",
            fiscal_year = line.fiscal_year,
            year = year
        ))
    } else {
        Ok(())
    })
}

/// Moves a proposal along its implementation: `funded` (its fundings must add up to its
/// approved cost), `in_progress`, `completed`.
pub fn advance(
    conn: &mut DbConnection,
    desk: &FinanceDesk,
    proposal_id: i64,
    to: ProposalState,
) -> ApiResult<()> {
    let caller = desk.caller();
    if !matches!(
        to,
        ProposalState::Funded | ProposalState::InProgress | ProposalState::Completed
    ) {
        return Err(ApiError::invalid(
            "state",
            t!("must-be-funded-in-progress-or-completed"),
        ));
    }
    db::write_transaction(conn, |conn| {
        let p = store::proposals::find_for_update(conn, proposal_id)?
            .ok_or_else(|| ApiError::not_found(Thing::Proposal))?;
        if !p.state.can_move_to(to) {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!(
                    "illegal-state-change",
                    state = t!("proposal-state", name = p.state.as_str()),
                    target = t!("proposal-state", name = to.as_str())
                ),
            ));
        }
        if to == ProposalState::Funded {
            let approved = approved_cost(conn, proposal_id)?;
            let funded: i64 = store::finance::fundings_of_proposal(conn, proposal_id)?
                .iter()
                .map(|f| f.amount_cents)
                .sum();
            if funded != approved {
                return Err(ApiError::new(
                    ErrorCode::Conflict,
                    t!(
                        "the-fundings-add-up-to-cents-the",
                        funded = funded,
                        approved = approved
                    ),
                ));
            }
        }
        let now = crate::clock::now();
        store::proposals::set_state(conn, proposal_id, to, now)?;
        store::proposals::add_event(
            conn,
            proposal_id,
            Some(p.state),
            to,
            None,
            Some(caller.id()),
            now,
        )?;
        audit(
            conn,
            caller,
            "proposal_state_changed",
            "proposal",
            proposal_id,
            serde_json::json!({"from": p.state, "to": to.as_str()}),
        )?;
        Ok(())
    })
}

pub struct CommitmentInput {
    pub erp_reference: String,
    pub date: String,
    pub amount_cents: i64,
    pub third_party: String,
    pub overrun_reason: Option<String>,
}

/// Refuses an amount that takes `used` beyond `limit` unless a reason is given; returns the
/// reason, trimmed, when there is one.
pub(super) fn check_overrun<'r>(
    limit: i64,
    used: i64,
    amount: i64,
    reason: Option<&'r str>,
    what: &str,
) -> ApiResult<Option<&'r str>> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if used + amount > limit && reason.is_none() {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            t!(
                "overrun-needs-reason",
                what = what,
                limit = limit,
                over = used + amount - limit
            ),
        ));
    }
    Ok(reason)
}

/// A commitment (vastlegging) under a funding; committing more than funded needs a reason.
pub fn commit(
    conn: &mut DbConnection,
    desk: &FinanceDesk,
    funding_id: i64,
    input: CommitmentInput,
) -> ApiResult<store::finance::Commitment> {
    let caller = desk.caller();
    let mut errors = Vec::new();
    let reference = text("erp_reference", &input.erp_reference, 100)
        .map_err(|e| errors.push(e))
        .ok();
    let party = text("third_party", &input.third_party, 200)
        .map_err(|e| errors.push(e))
        .ok();
    let date = finance::check_date(&input.date)
        .map_err(|m| errors.push(FieldError::new("date", m)))
        .ok();
    if let Err(m) = finance::check_amount(input.amount_cents) {
        errors.push(FieldError::new("amount_cents", m));
    }
    let (Some(reference), Some(party), Some(date), true) =
        (reference, party, date, errors.is_empty())
    else {
        return Err(ApiError::invalid_fields(errors));
    };
    db::write_transaction(conn, |conn| {
        let funding = store::finance::find_funding_for_update(conn, funding_id)?
            .ok_or_else(|| ApiError::not_found(Thing::Funding))?;
        let used: i64 = store::finance::commitments_of_fundings(conn, &[funding_id])?
            .iter()
            .map(|c| c.amount_cents)
            .sum();
        let overrun_reason = check_overrun(
            funding.amount_cents,
            used,
            input.amount_cents,
            input.overrun_reason.as_deref(),
            "commitments",
        )?;
        let created = store::finance::insert_commitment(
            conn,
            &store::finance::NewCommitment {
                funding_id,
                erp_reference: &reference,
                committed_on: &date,
                amount_cents: input.amount_cents,
                third_party: &party,
                overrun_reason,
                created_by: caller.id(),
            },
            crate::clock::now(),
        )?;
        audit(
            conn,
            caller,
            "commitment_created",
            "funding",
            funding_id,
            serde_json::json!({"commitment_id": created.id, "amount_cents": created.amount_cents, "overrun_reason": created.overrun_reason}),
        )?;
        Ok(created)
    })
}

pub struct ExpenditureInput {
    pub reference: String,
    pub date: String,
    pub amount_cents: i64,
    pub overrun_reason: Option<String>,
}

/// An expenditure (aanrekening) under a commitment; spending more than committed needs a reason.
pub fn spend(
    conn: &mut DbConnection,
    desk: &FinanceDesk,
    commitment_id: i64,
    input: ExpenditureInput,
) -> ApiResult<store::finance::Expenditure> {
    let caller = desk.caller();
    let mut errors = Vec::new();
    let reference = text("reference", &input.reference, 100)
        .map_err(|e| errors.push(e))
        .ok();
    let date = finance::check_date(&input.date)
        .map_err(|m| errors.push(FieldError::new("date", m)))
        .ok();
    if let Err(m) = finance::check_amount(input.amount_cents) {
        errors.push(FieldError::new("amount_cents", m));
    }
    let (Some(reference), Some(date), true) = (reference, date, errors.is_empty()) else {
        return Err(ApiError::invalid_fields(errors));
    };
    db::write_transaction(conn, |conn| {
        let commitment = store::finance::find_commitment_for_update(conn, commitment_id)?
            .ok_or_else(|| ApiError::not_found(Thing::Commitment))?;
        check_invoice_once(conn, &commitment, &reference)?;
        let used: i64 = store::finance::expenditures_of_commitments(conn, &[commitment_id])?
            .iter()
            .map(|e| e.amount_cents)
            .sum();
        let overrun_reason = check_overrun(
            commitment.amount_cents,
            used,
            input.amount_cents,
            input.overrun_reason.as_deref(),
            "expenditures",
        )?;
        let created = store::finance::insert_expenditure(
            conn,
            &store::finance::NewExpenditure {
                commitment_id,
                reference: &reference,
                spent_on: &date,
                amount_cents: input.amount_cents,
                overrun_reason,
                created_by: caller.id(),
            },
            crate::clock::now(),
        )?;
        audit(
            conn,
            caller,
            "expenditure_created",
            "commitment",
            commitment_id,
            serde_json::json!({"expenditure_id": created.id, "amount_cents": created.amount_cents}),
        )?;
        Ok(created)
    })
}
