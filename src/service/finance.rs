//! The strategic-cycle budget module: the multi-year plan and its budget lines, fundings of
//! approved proposals on those lines, commitments and expenditures, implementation milestones,
//! and the reports that add it all up.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::auth::caller::Caller;
use crate::csv;
use crate::db::{self, DbConnection};
use crate::domain::finance::{self, FundingKind, LedgerCategory, MilestoneStatus, PlanKind};
use crate::domain::proposal::ProposalState;
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult, ErrorCode, FieldError};

pub use crate::store::finance::{
    BudgetLine, Commitment, Expenditure, Funding, Milestone, PlanItem, PlanVersion,
};
use crate::store::{self, audit::AuditEvent, finance::NewBudgetLine};

/// Finance changes the books.
pub fn require_finance(caller: &Caller) -> ApiResult<()> {
    caller.require(Role::Finance)
}

/// Finance, the council and administrators read them.
pub fn require_reader(caller: &Caller) -> ApiResult<()> {
    if caller.has(Role::Finance) || caller.has(Role::Council) || caller.is_admin() {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "the budget module is for finance, the council and administrators",
        ))
    }
}

fn audit(
    conn: &mut DbConnection,
    caller: &Caller,
    action: &str,
    entity_type: &str,
    entity_id: i64,
    details: serde_json::Value,
) -> ApiResult<()> {
    store::audit::append(
        conn,
        AuditEvent {
            actor_id: Some(caller.id()),
            action,
            entity_type,
            entity_id: entity_id.to_string(),
            details,
        },
    )?;
    Ok(())
}

fn text(field: &str, value: &str, max: usize) -> Result<String, FieldError> {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > max {
        Err(FieldError::new(
            field,
            format!("must be 1 to {max} characters"),
        ))
    } else {
        Ok(value.to_string())
    }
}

pub struct PlanInput {
    pub kind: String,
    pub name: String,
    pub first_year: i32,
    pub last_year: i32,
    pub council_decision_date: Option<String>,
}

pub fn create_plan(
    conn: &mut DbConnection,
    caller: &Caller,
    input: PlanInput,
) -> ApiResult<PlanVersion> {
    require_finance(caller)?;
    let mut errors = Vec::new();
    let kind = PlanKind::parse(&input.kind);
    if kind.is_none() {
        errors.push(FieldError::new(
            "kind",
            "must be mjp (meerjarenplan) or amjp (aanpassing)",
        ));
    }
    let name = text("name", &input.name, 200)
        .map_err(|e| errors.push(e))
        .ok();
    if !(2000..=2200).contains(&input.first_year)
        || input.last_year < input.first_year
        || input.last_year > input.first_year + 10
    {
        errors.push(FieldError::new(
            "last_year",
            "the period runs from first_year to at most ten years later",
        ));
    }
    let decided = match input
        .council_decision_date
        .as_deref()
        .map(finance::check_date)
    {
        Some(Err(m)) => {
            errors.push(FieldError::new("council_decision_date", m));
            None
        }
        Some(Ok(d)) => Some(d),
        None => None,
    };
    let (Some(name), Some(kind)) = (name.filter(|_| errors.is_empty()), kind) else {
        return Err(ApiError::invalid_fields(errors));
    };
    db::write_transaction(conn, |conn| {
        let sequence = store::finance::next_plan_sequence(conn)?;
        let plan = store::finance::insert_plan(
            conn,
            &store::finance::NewPlanVersion {
                kind,
                name: &name,
                first_year: input.first_year,
                last_year: input.last_year,
                sequence,
                council_decision_date: decided.as_deref(),
                created_at: crate::clock::now(),
            },
        )?;
        audit(
            conn,
            caller,
            "plan_version_created",
            "plan_version",
            plan.id,
            serde_json::json!({"kind": plan.kind, "name": plan.name}),
        )?;
        Ok(plan)
    })
}

/// A plan version with its objectives, action plans and actions.
pub struct PlanTree {
    pub plan: PlanVersion,
    pub objectives: Vec<PlanItem>,
    pub action_plans: Vec<PlanItem>,
    pub actions: Vec<PlanItem>,
}

pub fn plan_tree(conn: &mut DbConnection, plan: PlanVersion) -> ApiResult<PlanTree> {
    let objectives = store::finance::objectives_of(conn, plan.id)?;
    let objective_ids: Vec<i64> = objectives.iter().map(|o| o.id).collect();
    let action_plans = store::finance::action_plans_of(conn, &objective_ids)?;
    let plan_ids: Vec<i64> = action_plans.iter().map(|a| a.id).collect();
    let actions = store::finance::actions_of(conn, &plan_ids)?;
    Ok(PlanTree {
        plan,
        objectives,
        action_plans,
        actions,
    })
}

#[derive(Clone, Copy)]
pub enum Level {
    Objective,
    ActionPlan,
    Action,
}

/// Adds an objective (parent: plan version), action plan (parent: objective) or action
/// (parent: action plan). Returns the new id.
pub fn add_plan_item(
    conn: &mut DbConnection,
    caller: &Caller,
    level: Level,
    parent_id: i64,
    code: &str,
    title: &str,
    priority: bool,
) -> ApiResult<i64> {
    require_finance(caller)?;
    let mut errors = Vec::new();
    let code = text("code", code, 32).map_err(|e| errors.push(e)).ok();
    let title = text("title", title, 300).map_err(|e| errors.push(e)).ok();
    let (Some(code), Some(title), true) = (code, title, errors.is_empty()) else {
        return Err(ApiError::invalid_fields(errors));
    };
    db::write_transaction(conn, |conn| {
        let (inserted, kind, parent_kind) = match level {
            Level::Objective => {
                store::finance::find_plan(conn, parent_id)?
                    .ok_or_else(|| ApiError::not_found("plan version"))?;
                (
                    store::finance::insert_objective(conn, parent_id, &code, &title),
                    "objective",
                    "plan version",
                )
            }
            Level::ActionPlan => {
                if !store::finance::objective_exists(conn, parent_id)? {
                    return Err(ApiError::not_found("objective"));
                }
                (
                    store::finance::insert_action_plan(conn, parent_id, &code, &title),
                    "action_plan",
                    "objective",
                )
            }
            Level::Action => {
                if !store::finance::action_plan_exists(conn, parent_id)? {
                    return Err(ApiError::not_found("action plan"));
                }
                (
                    store::finance::insert_action(conn, parent_id, &code, &title, priority),
                    "action",
                    "action plan",
                )
            }
        };
        let id = inserted.map_err(|e| match e {
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            ) => ApiError::new(
                ErrorCode::AlreadyExists,
                format!("this {parent_kind} has an item with code {code:?} already"),
            ),
            other => other.into(),
        })?;
        audit(
            conn,
            caller,
            "plan_item_created",
            kind,
            id,
            serde_json::json!({"code": code, "title": title, "parent_id": parent_id}),
        )?;
        Ok(id)
    })
}

pub fn add_policy_field(
    conn: &mut DbConnection,
    caller: &Caller,
    code: &str,
    name: &str,
) -> ApiResult<()> {
    require_finance(caller)?;
    finance::check_policy_field_code(code).map_err(|m| ApiError::invalid("code", m))?;
    let name = text("name", name, 200).map_err(|e| ApiError::invalid_fields(vec![e]))?;
    Ok(store::finance::upsert_policy_field(conn, code, &name)?)
}

pub fn add_ledger_account(
    conn: &mut DbConnection,
    caller: &Caller,
    code: &str,
    name: &str,
) -> ApiResult<LedgerCategory> {
    require_finance(caller)?;
    let category = finance::category_of(code).map_err(|m| ApiError::invalid("code", m))?;
    let name = text("name", name, 200).map_err(|e| ApiError::invalid_fields(vec![e]))?;
    store::finance::upsert_ledger_account(conn, code, &name)?;
    Ok(category)
}

pub struct LineInput {
    pub plan_version_id: i64,
    pub fiscal_year: i32,
    pub action_id: i64,
    pub policy_field_code: String,
    pub ledger_account_code: String,
    pub planned_cents: i64,
}

/// The line with the same plan version, year, action, policy field and account, if any.
fn existing_line(conn: &mut DbConnection, line: &LineInput) -> ApiResult<Option<BudgetLine>> {
    Ok(store::finance::find_line_by_key(
        conn,
        line.plan_version_id,
        line.fiscal_year,
        line.action_id,
        &line.policy_field_code,
        &line.ledger_account_code,
    )?)
}

/// What is funded on a line (`None`: no such line), with the line locked until the transaction
/// ends, so no funding slips in before a new planned amount is written.
fn funded_on_locked_line(conn: &mut DbConnection, line_id: i64) -> ApiResult<Option<i64>> {
    if store::finance::find_line_for_update(conn, line_id)?.is_none() {
        return Ok(None);
    }
    Ok(Some(store::finance::funded_on_line(conn, line_id)?))
}

/// Checks a budget line against the plan; `prefix` names the row in imports.
fn check_line(
    conn: &mut DbConnection,
    line: &LineInput,
    prefix: &str,
) -> ApiResult<Vec<FieldError>> {
    let mut errors = Vec::new();
    let field = |name: &str| format!("{prefix}{name}");
    match store::finance::find_plan(conn, line.plan_version_id)? {
        None => errors.push(FieldError::new(
            field("plan_version_id"),
            "no such plan version",
        )),
        Some(plan) => {
            if !(plan.first_year..=plan.last_year).contains(&line.fiscal_year) {
                errors.push(FieldError::new(
                    field("fiscal_year"),
                    format!(
                        "must lie in the plan's period {}–{}",
                        plan.first_year, plan.last_year
                    ),
                ));
            }
            if store::finance::plan_of_action(conn, line.action_id)? != Some(plan.id) {
                errors.push(FieldError::new(
                    field("action_id"),
                    "is not an action of this plan version",
                ));
            }
        }
    }
    if !store::finance::policy_field_exists(conn, &line.policy_field_code)? {
        errors.push(FieldError::new(
            field("policy_field_code"),
            "is not a known policy field",
        ));
    }
    if let Err(m) = finance::category_of(&line.ledger_account_code) {
        errors.push(FieldError::new(field("ledger_account_code"), m));
    } else if !store::finance::ledger_account_exists(conn, &line.ledger_account_code)? {
        errors.push(FieldError::new(
            field("ledger_account_code"),
            "is not a known ledger account",
        ));
    }
    if line.planned_cents < 0 {
        errors.push(FieldError::new(
            field("planned_cents"),
            "must not be negative",
        ));
    }
    Ok(errors)
}

pub fn add_line(
    conn: &mut DbConnection,
    caller: &Caller,
    line: LineInput,
) -> ApiResult<BudgetLine> {
    require_finance(caller)?;
    db::write_transaction(conn, |conn| {
        let errors = check_line(conn, &line, "")?;
        if !errors.is_empty() {
            return Err(ApiError::invalid_fields(errors));
        }
        if existing_line(conn, &line)?.is_some() {
            return Err(ApiError::new(
                ErrorCode::AlreadyExists,
                "this plan version has a line for this year, action, policy field and account",
            ));
        }
        let created = store::finance::insert_line(conn, &new_line(&line))?;
        audit(
            conn,
            caller,
            "budget_line_created",
            "budget_line",
            created.id,
            serde_json::json!({"planned_cents": created.planned_cents}),
        )?;
        Ok(created)
    })
}

fn new_line(line: &LineInput) -> NewBudgetLine {
    NewBudgetLine {
        plan_version_id: line.plan_version_id,
        fiscal_year: line.fiscal_year,
        action_id: line.action_id,
        policy_field_code: line.policy_field_code.clone(),
        ledger_account_code: line.ledger_account_code.clone(),
        planned_cents: line.planned_cents,
        created_at: crate::clock::now(),
    }
}

/// Changes a line's planned amount; never below what is funded on it. Editions whose base is
/// bound to the line are recomputed while their money rules are not frozen.
pub fn set_planned(
    conn: &mut DbConnection,
    caller: &Caller,
    line_id: i64,
    planned: i64,
) -> ApiResult<BudgetLine> {
    require_finance(caller)?;
    if planned < 0 {
        return Err(ApiError::invalid("planned_cents", "must not be negative"));
    }
    db::write_transaction(conn, |conn| {
        let funded = funded_on_locked_line(conn, line_id)?
            .ok_or_else(|| ApiError::not_found("budget line"))?;
        if planned < funded {
            return Err(ApiError::new(
                ErrorCode::ExceedsBudgetLine,
                format!("{funded} cents are funded on this line; it cannot plan less"),
            ));
        }
        store::finance::set_planned(conn, line_id, planned)?;
        for edition_id in store::finance::editions_bound_to(conn, line_id)? {
            rebase_edition(conn, edition_id)?;
        }
        audit(
            conn,
            caller,
            "budget_line_changed",
            "budget_line",
            line_id,
            serde_json::json!({"planned_cents": planned}),
        )?;
        store::finance::find_line(conn, line_id)?.ok_or_else(|| ApiError::not_found("budget line"))
    })
}

/// Sets an unfrozen edition's base to the planned total of its bound lines.
fn rebase_edition(conn: &mut DbConnection, edition_id: i64) -> ApiResult<()> {
    let Some(edition) = store::editions::find(conn, edition_id)? else {
        return Ok(());
    };
    if edition.rules_frozen_at.is_some() {
        return Ok(());
    }
    let lines = store::finance::edition_lines(conn, edition_id)?;
    let mut fields = store::editions::EditionFields::from(&edition);
    fields.base_cents = store::finance::planned_total(conn, &lines)?;
    store::editions::update(conn, edition_id, &fields, crate::clock::now())?;
    crate::service::editions::recompute_envelopes(conn, edition_id)
}

/// Binds an edition's base to budget lines: the reserved percentage then applies to their
/// planned total, kept up to date until voting opens.
pub fn bind_edition(
    conn: &mut DbConnection,
    caller: &Caller,
    edition_id: i64,
    line_ids: &[i64],
) -> ApiResult<i64> {
    if !caller.is_admin() {
        require_finance(caller)?;
    }
    if line_ids.is_empty() {
        return Err(ApiError::invalid(
            "budget_line_ids",
            "list at least one budget line",
        ));
    }
    db::write_transaction(conn, |conn| {
        let edition = store::editions::find_for_update(conn, edition_id)?
            .ok_or_else(|| ApiError::not_found("edition"))?;
        if edition.rules_frozen_at.is_some() {
            return Err(ApiError::new(
                ErrorCode::RulesFrozen,
                "voting has started: the base of this edition is frozen",
            ));
        }
        for (i, id) in line_ids.iter().enumerate() {
            if store::finance::find_line(conn, *id)?.is_none() {
                return Err(ApiError::invalid(
                    format!("budget_line_ids[{i}]"),
                    "no such budget line",
                ));
            }
        }
        store::finance::bind_edition_lines(conn, edition_id, line_ids)?;
        rebase_edition(conn, edition_id)?;
        let base = store::editions::find(conn, edition_id)?
            .map(|e| e.base_cents)
            .unwrap_or(0);
        audit(
            conn,
            caller,
            "edition_base_bound",
            "edition",
            edition_id,
            serde_json::json!({"budget_line_ids": line_ids, "base_cents": base}),
        )?;
        Ok(base)
    })
}

const LINE_COLUMNS: [&str; 6] = [
    "plan_version_id",
    "fiscal_year",
    "action_id",
    "policy_field_code",
    "ledger_account_code",
    "planned_cents",
];

/// Imports budget lines from CSV (the six columns of a line). Every row is checked first;
/// nothing is written when any row is wrong. A row for an existing key sets its planned amount,
/// which may not fall below what is funded on the line.
pub fn import_lines(
    conn: &mut DbConnection,
    caller: &Caller,
    text: &str,
) -> ApiResult<(usize, usize)> {
    require_finance(caller)?;
    let separator = if text.lines().next().unwrap_or("").contains(';') {
        ';'
    } else {
        ','
    };
    let mut reader = csv::Reader::new(text, separator);
    let header: Vec<String> = match reader.next_record() {
        Some(Ok(r)) => r.fields.iter().map(|f| f.trim().to_lowercase()).collect(),
        _ => {
            return Err(ApiError::invalid(
                "header",
                format!("the file needs the header {}", LINE_COLUMNS.join(",")),
            ));
        }
    };
    let positions: Vec<usize> = LINE_COLUMNS
        .iter()
        .map(|c| {
            header
                .iter()
                .position(|h| h == c)
                .ok_or_else(|| ApiError::invalid("header", format!("missing column {c}")))
        })
        .collect::<ApiResult<_>>()?;
    db::write_transaction(conn, |conn| {
        let mut errors = Vec::new();
        let mut rows = Vec::new();
        let mut keys = std::collections::HashSet::new();
        while let Some(record) = reader.next_record() {
            let record =
                record.map_err(|e| ApiError::invalid(format!("rows[{}]", e.line), e.message))?;
            let prefix = format!("rows[{}].", record.line);
            let get = |i: usize| {
                record
                    .fields
                    .get(positions[i])
                    .map(|f| f.trim().to_string())
                    .unwrap_or_default()
            };
            let number = |i: usize, errors: &mut Vec<FieldError>| -> Option<i64> {
                get(i)
                    .parse::<i64>()
                    .map_err(|_| {
                        errors.push(FieldError::new(
                            format!("{prefix}{}", LINE_COLUMNS[i]),
                            "must be a whole number",
                        ))
                    })
                    .ok()
            };
            let (Some(plan), Some(year), Some(action), Some(planned)) = (
                number(0, &mut errors),
                number(1, &mut errors),
                number(2, &mut errors),
                number(5, &mut errors),
            ) else {
                continue;
            };
            let line = LineInput {
                plan_version_id: plan,
                fiscal_year: year as i32,
                action_id: action,
                policy_field_code: get(3),
                ledger_account_code: get(4),
                planned_cents: planned,
            };
            errors.extend(check_line(conn, &line, &prefix)?);
            let key = (
                line.plan_version_id,
                line.fiscal_year,
                line.action_id,
                line.policy_field_code.clone(),
                line.ledger_account_code.clone(),
            );
            if !keys.insert(key) {
                errors.push(FieldError::new(
                    format!("{prefix}planned_cents"),
                    "an earlier row plans the same line (plan, year, action, policy field, account)",
                ));
                continue;
            }
            let existing = existing_line(conn, &line)?;
            if let Some(existing) = &existing {
                let funded = funded_on_locked_line(conn, existing.id)?.unwrap_or(0);
                if line.planned_cents < funded {
                    errors.push(FieldError::new(
                        format!("{prefix}planned_cents"),
                        format!(
                            "{funded} cents are funded on budget line {}; it cannot plan less",
                            existing.id
                        ),
                    ));
                }
            }
            rows.push((line, existing.map(|l| l.id)));
        }
        if !errors.is_empty() {
            return Err(ApiError::invalid_fields(errors));
        }
        if rows.is_empty() {
            return Err(ApiError::invalid("body", "the file has no rows"));
        }
        let (mut created, mut updated) = (0, 0);
        for (line, existing) in &rows {
            match existing {
                Some(line_id) => {
                    store::finance::set_planned(conn, *line_id, line.planned_cents)?;
                    for edition_id in store::finance::editions_bound_to(conn, *line_id)? {
                        rebase_edition(conn, edition_id)?;
                    }
                    updated += 1;
                }
                None => {
                    store::finance::insert_line(conn, &new_line(line))?;
                    created += 1;
                }
            }
        }
        audit(
            conn,
            caller,
            "budget_lines_imported",
            "budget_line",
            0,
            serde_json::json!({"created": created, "updated": updated}),
        )?;
        Ok((created, updated))
    })
}

/// The cost the council approved for a proposal: its cost on the ballot.
pub fn approved_cost(conn: &mut DbConnection, proposal_id: i64) -> ApiResult<i64> {
    let review = store::proposals::review(conn, proposal_id)?.and_then(|r| r.reviewed_cost_cents);
    let proposal = store::proposals::find(conn, proposal_id)?
        .ok_or_else(|| ApiError::not_found("proposal"))?;
    Ok(review.unwrap_or(proposal.estimated_cost_cents))
}

/// Links an approved proposal to a budget line. The fundings on a line never exceed its planned
/// amount: the line is locked while this is checked and written, so concurrent fundings queue.
pub fn fund(
    conn: &mut DbConnection,
    caller: &Caller,
    proposal_id: i64,
    line_id: i64,
    amount: i64,
    kind: FundingKind,
) -> ApiResult<Funding> {
    require_finance(caller)?;
    if amount <= 0 {
        return Err(ApiError::invalid("amount_cents", "must be more than zero"));
    }
    db::write_transaction(conn, |conn| {
        let proposal = store::proposals::find_for_update(conn, proposal_id)?
            .ok_or_else(|| ApiError::not_found("proposal"))?;
        if proposal.state != ProposalState::Approved {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!(
                    "only approved proposals are funded; this one is {}",
                    proposal.state
                ),
            ));
        }
        let line = store::finance::find_line_for_update(conn, line_id)?
            .ok_or_else(|| ApiError::invalid("budget_line_id", "no such budget line"))?;
        let on_line = store::finance::funded_on_line(conn, line_id)?;
        if on_line + amount > line.planned_cents {
            return Err(ApiError::new(
                ErrorCode::ExceedsBudgetLine,
                format!(
                    "the line plans {} cents and {on_line} are funded: {amount} more exceeds it by {} cents; amend the plan first",
                    line.planned_cents,
                    on_line + amount - line.planned_cents
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
                format!(
                    "the proposal's approved cost is {approved} cents and {funded} are funded already"
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

/// Moves a proposal along its implementation: `funded` (its fundings must add up to its
/// approved cost), `in_progress`, `completed`.
pub fn advance(
    conn: &mut DbConnection,
    caller: &Caller,
    proposal_id: i64,
    to: ProposalState,
) -> ApiResult<()> {
    require_finance(caller)?;
    if !matches!(
        to,
        ProposalState::Funded | ProposalState::InProgress | ProposalState::Completed
    ) {
        return Err(ApiError::invalid(
            "state",
            "must be funded, in_progress or completed",
        ));
    }
    db::write_transaction(conn, |conn| {
        let p = store::proposals::find_for_update(conn, proposal_id)?
            .ok_or_else(|| ApiError::not_found("proposal"))?;
        if !p.state.can_move_to(to) {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!(
                    "a proposal in state {} cannot become {}",
                    p.state,
                    to.as_str()
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
                    format!(
                        "the fundings add up to {funded} cents; the approved cost is {approved}"
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
fn check_overrun<'r>(
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
            format!(
                "{what} would exceed {limit} cents by {} cents: give an overrun_reason to allow it",
                used + amount - limit
            ),
        ));
    }
    Ok(reason)
}

/// A commitment (vastlegging) under a funding; committing more than funded needs a reason.
pub fn commit(
    conn: &mut DbConnection,
    caller: &Caller,
    funding_id: i64,
    input: CommitmentInput,
) -> ApiResult<store::finance::Commitment> {
    require_finance(caller)?;
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
    if input.amount_cents <= 0 {
        errors.push(FieldError::new("amount_cents", "must be more than zero"));
    }
    let (Some(reference), Some(party), Some(date), true) =
        (reference, party, date, errors.is_empty())
    else {
        return Err(ApiError::invalid_fields(errors));
    };
    db::write_transaction(conn, |conn| {
        let funding = store::finance::find_funding_for_update(conn, funding_id)?
            .ok_or_else(|| ApiError::not_found("funding"))?;
        let used: i64 = store::finance::commitments_of_fundings(conn, &[funding_id])?
            .iter()
            .map(|c| c.amount_cents)
            .sum();
        let overrun_reason = check_overrun(
            funding.amount_cents,
            used,
            input.amount_cents,
            input.overrun_reason.as_deref(),
            "the commitments",
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
    caller: &Caller,
    commitment_id: i64,
    input: ExpenditureInput,
) -> ApiResult<store::finance::Expenditure> {
    require_finance(caller)?;
    let mut errors = Vec::new();
    let reference = text("reference", &input.reference, 100)
        .map_err(|e| errors.push(e))
        .ok();
    let date = finance::check_date(&input.date)
        .map_err(|m| errors.push(FieldError::new("date", m)))
        .ok();
    if input.amount_cents <= 0 {
        errors.push(FieldError::new("amount_cents", "must be more than zero"));
    }
    let (Some(reference), Some(date), true) = (reference, date, errors.is_empty()) else {
        return Err(ApiError::invalid_fields(errors));
    };
    db::write_transaction(conn, |conn| {
        let commitment = store::finance::find_commitment_for_update(conn, commitment_id)?
            .ok_or_else(|| ApiError::not_found("commitment"))?;
        let used: i64 = store::finance::expenditures_of_commitments(conn, &[commitment_id])?
            .iter()
            .map(|e| e.amount_cents)
            .sum();
        let overrun_reason = check_overrun(
            commitment.amount_cents,
            used,
            input.amount_cents,
            input.overrun_reason.as_deref(),
            "the expenditures",
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

pub struct MilestoneInput {
    pub title: String,
    pub status: MilestoneStatus,
    pub progress_pct: i32,
    pub date: Option<String>,
    pub note: Option<String>,
}

pub fn add_milestone(
    conn: &mut DbConnection,
    caller: &Caller,
    proposal_id: i64,
    input: MilestoneInput,
) -> ApiResult<store::finance::Milestone> {
    require_finance(caller)?;
    let mut errors = Vec::new();
    let title = text("title", &input.title, 200)
        .map_err(|e| errors.push(e))
        .ok();
    if !(0..=100).contains(&input.progress_pct) {
        errors.push(FieldError::new("progress_pct", "must be between 0 and 100"));
    }
    let date = match input.date.as_deref().map(finance::check_date) {
        Some(Err(m)) => {
            errors.push(FieldError::new("date", m));
            None
        }
        Some(Ok(d)) => Some(d),
        None => None,
    };
    let Some(title) = title.filter(|_| errors.is_empty()) else {
        return Err(ApiError::invalid_fields(errors));
    };
    db::write_transaction(conn, |conn| {
        let p = store::proposals::find(conn, proposal_id)?
            .ok_or_else(|| ApiError::not_found("proposal"))?;
        if !matches!(
            p.state,
            ProposalState::Funded | ProposalState::InProgress | ProposalState::Completed
        ) {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                "milestones follow funded proposals",
            ));
        }
        let created = store::finance::insert_milestone(
            conn,
            &store::finance::NewMilestone {
                proposal_id,
                title: &title,
                status: input.status,
                progress_pct: input.progress_pct,
                due_on: date.as_deref(),
                note: input.note.as_deref(),
                created_by: caller.id(),
            },
            crate::clock::now(),
        )?;
        audit(
            conn,
            caller,
            "milestone_created",
            "proposal",
            proposal_id,
            serde_json::json!({"milestone_id": created.id, "status": created.status, "progress_pct": created.progress_pct}),
        )?;
        Ok(created)
    })
}

/// Planned, allocated (funded), committed and spent money.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Totals {
    pub planned_cents: i64,
    pub allocated_cents: i64,
    pub committed_cents: i64,
    pub spent_cents: i64,
}

impl std::ops::AddAssign for Totals {
    fn add_assign(&mut self, other: Totals) {
        self.planned_cents += other.planned_cents;
        self.allocated_cents += other.allocated_cents;
        self.committed_cents += other.committed_cents;
        self.spent_cents += other.spent_cents;
    }
}

/// One budget line with everything the report says about it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct LineReport {
    pub budget_line_id: i64,
    pub plan_version_id: i64,
    pub fiscal_year: i32,
    pub objective_id: i64,
    pub action_id: i64,
    pub policy_field_code: String,
    pub ledger_account_code: String,
    pub category: Option<LedgerCategory>,
    #[serde(flatten)]
    pub totals: Totals,
    /// Money allocated per edition: (edition id, cents).
    pub by_edition: BTreeMap<i64, i64>,
}

/// The budget lines of a plan version and year with their money, and the same summed per
/// action, objective, policy field and edition.
pub fn line_reports(
    conn: &mut DbConnection,
    caller: &Caller,
    plan_version_id: Option<i64>,
    fiscal_year: Option<i32>,
) -> ApiResult<Vec<LineReport>> {
    require_reader(caller)?;
    let lines = store::finance::lines(conn, plan_version_id, fiscal_year)?;
    let line_ids: Vec<i64> = lines.iter().map(|l| l.id).collect();
    let fundings = store::finance::fundings_of_lines(conn, &line_ids)?;
    let funding_ids: Vec<i64> = fundings.iter().map(|f| f.id).collect();
    let commitments = store::finance::commitments_of_fundings(conn, &funding_ids)?;
    let commitment_ids: Vec<i64> = commitments.iter().map(|c| c.id).collect();
    let expenditures = store::finance::expenditures_of_commitments(conn, &commitment_ids)?;
    let mut editions_of_proposals: BTreeMap<i64, i64> = BTreeMap::new();
    for f in &fundings {
        if let std::collections::btree_map::Entry::Vacant(entry) =
            editions_of_proposals.entry(f.proposal_id)
            && let Some(p) = store::proposals::find(conn, f.proposal_id)?
        {
            entry.insert(p.edition_id);
        }
    }
    let mut reports = Vec::with_capacity(lines.len());
    for line in lines {
        let line_fundings: Vec<&Funding> = fundings
            .iter()
            .filter(|f| f.budget_line_id == line.id)
            .collect();
        let allocated = line_fundings.iter().map(|f| f.amount_cents).sum();
        let line_commitments: Vec<_> = commitments
            .iter()
            .filter(|c| line_fundings.iter().any(|f| f.id == c.funding_id))
            .collect();
        let committed = line_commitments.iter().map(|c| c.amount_cents).sum();
        let spent = expenditures
            .iter()
            .filter(|e| line_commitments.iter().any(|c| c.id == e.commitment_id))
            .map(|e| e.amount_cents)
            .sum();
        let mut by_edition = BTreeMap::new();
        for f in &line_fundings {
            if let Some(edition) = editions_of_proposals.get(&f.proposal_id) {
                *by_edition.entry(*edition).or_insert(0) += f.amount_cents;
            }
        }
        let objective_id = store::finance::parents_of_action(conn, line.action_id)?
            .map(|(o, _)| o)
            .unwrap_or(0);
        reports.push(LineReport {
            budget_line_id: line.id,
            plan_version_id: line.plan_version_id,
            fiscal_year: line.fiscal_year,
            objective_id,
            action_id: line.action_id,
            category: finance::category_of(&line.ledger_account_code).ok(),
            policy_field_code: line.policy_field_code,
            ledger_account_code: line.ledger_account_code,
            totals: Totals {
                planned_cents: line.planned_cents,
                allocated_cents: allocated,
                committed_cents: committed,
                spent_cents: spent,
            },
            by_edition,
        });
    }
    Ok(reports)
}

/// Sums line reports by a key.
pub fn group<K: Ord + Clone>(
    reports: &[LineReport],
    key: impl Fn(&LineReport) -> K,
) -> BTreeMap<K, Totals> {
    let mut groups: BTreeMap<K, Totals> = BTreeMap::new();
    for report in reports {
        *groups.entry(key(report)).or_default() += report.totals;
    }
    groups
}

/// The money of one proposal from vote to spend.
pub struct ProposalMoney {
    pub approved_cost_cents: i64,
    pub fundings: Vec<Funding>,
    pub commitments: Vec<Commitment>,
    pub expenditures: Vec<Expenditure>,
    pub milestones: Vec<Milestone>,
}

impl ProposalMoney {
    /// Planned is the approved cost; the rest add up what hangs under the proposal.
    pub fn totals(&self) -> Totals {
        Totals {
            planned_cents: self.approved_cost_cents,
            allocated_cents: self.fundings.iter().map(|f| f.amount_cents).sum(),
            committed_cents: self.commitments.iter().map(|c| c.amount_cents).sum(),
            spent_cents: self.expenditures.iter().map(|e| e.amount_cents).sum(),
        }
    }
}

pub fn proposal_money(conn: &mut DbConnection, proposal_id: i64) -> ApiResult<ProposalMoney> {
    let fundings = store::finance::fundings_of_proposal(conn, proposal_id)?;
    let funding_ids: Vec<i64> = fundings.iter().map(|f| f.id).collect();
    let commitments = store::finance::commitments_of_fundings(conn, &funding_ids)?;
    let commitment_ids: Vec<i64> = commitments.iter().map(|c| c.id).collect();
    Ok(ProposalMoney {
        approved_cost_cents: approved_cost(conn, proposal_id)?,
        expenditures: store::finance::expenditures_of_commitments(conn, &commitment_ids)?,
        milestones: store::finance::milestones_of(conn, proposal_id)?,
        fundings,
        commitments,
    })
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct GroupTotals {
    pub key: String,
    #[serde(flatten)]
    pub totals: Totals,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct BudgetReport {
    pub lines: Vec<LineReport>,
    pub by_action: Vec<GroupTotals>,
    pub by_objective: Vec<GroupTotals>,
    pub by_policy_field: Vec<GroupTotals>,
    /// Money allocated to each edition's proposals (planned is not split per edition).
    pub by_edition: Vec<GroupTotals>,
    pub total: Totals,
}

fn groups<K: ToString>(map: BTreeMap<K, Totals>) -> Vec<GroupTotals> {
    map.into_iter()
        .map(|(k, totals)| GroupTotals {
            key: k.to_string(),
            totals,
        })
        .collect()
}

/// The budget report: every line, and the same money grouped by action, objective, policy
/// field and edition, with the grand total.
pub fn budget_report(
    conn: &mut DbConnection,
    caller: &Caller,
    plan_version_id: Option<i64>,
    fiscal_year: Option<i32>,
) -> ApiResult<BudgetReport> {
    let lines = line_reports(conn, caller, plan_version_id, fiscal_year)?;
    let mut by_edition: BTreeMap<i64, Totals> = BTreeMap::new();
    for line in &lines {
        for (edition, cents) in &line.by_edition {
            by_edition.entry(*edition).or_default().allocated_cents += cents;
        }
    }
    Ok(BudgetReport {
        by_action: groups(group(&lines, |l| l.action_id)),
        by_objective: groups(group(&lines, |l| l.objective_id)),
        by_policy_field: groups(group(&lines, |l| l.policy_field_code.clone())),
        by_edition: groups(by_edition),
        total: group(&lines, |_| ())
            .into_values()
            .next()
            .unwrap_or_default(),
        lines,
    })
}

/// Plan versions with their objectives, action plans and actions.
pub fn plans(conn: &mut DbConnection, caller: &Caller) -> ApiResult<Vec<PlanTree>> {
    require_reader(caller)?;
    store::finance::plans(conn)?
        .into_iter()
        .map(|p| plan_tree(conn, p))
        .collect()
}

/// (code, name) of every policy field.
pub fn policy_fields(conn: &mut DbConnection, caller: &Caller) -> ApiResult<Vec<(String, String)>> {
    require_reader(caller)?;
    Ok(store::finance::policy_fields(conn)?)
}

/// (code, name) of every ledger account.
pub fn ledger_accounts(
    conn: &mut DbConnection,
    caller: &Caller,
) -> ApiResult<Vec<(String, String)>> {
    require_reader(caller)?;
    Ok(store::finance::ledger_accounts(conn)?)
}

pub fn lines(
    conn: &mut DbConnection,
    caller: &Caller,
    plan_version_id: Option<i64>,
    fiscal_year: Option<i32>,
) -> ApiResult<Vec<BudgetLine>> {
    require_reader(caller)?;
    Ok(store::finance::lines(conn, plan_version_id, fiscal_year)?)
}

fn visible_proposal(conn: &mut DbConnection, id: i64) -> ApiResult<store::proposals::Proposal> {
    let p = store::proposals::find(conn, id)?.ok_or_else(|| ApiError::not_found("proposal"))?;
    crate::service::proposals::check_visible(conn, &p, None)?;
    Ok(p)
}

/// The milestones of a proposal anyone may see.
pub fn milestones(conn: &mut DbConnection, proposal_id: i64) -> ApiResult<Vec<Milestone>> {
    visible_proposal(conn, proposal_id)?;
    Ok(store::finance::milestones_of(conn, proposal_id)?)
}

/// A proposal anyone may see with all the money that hangs under it.
pub fn proposal_report(
    conn: &mut DbConnection,
    proposal_id: i64,
) -> ApiResult<(store::proposals::Proposal, ProposalMoney)> {
    let p = visible_proposal(conn, proposal_id)?;
    let money = proposal_money(conn, proposal_id)?;
    Ok((p, money))
}
