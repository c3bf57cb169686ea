//! Budget lines: adding, changing, importing and binding them to editions.

use super::*;
use crate::error::Thing;

pub struct LineInput {
    pub plan_version_id: i64,
    pub fiscal_year: i32,
    pub action_id: i64,
    pub policy_field_code: String,
    pub ledger_account_code: String,
    pub planned_cents: i64,
}

/// The line with the same plan version, year, action, policy field and account, if any.
pub(super) fn existing_line(
    conn: &mut DbConnection,
    line: &LineInput,
) -> ApiResult<Option<BudgetLine>> {
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
pub(super) fn funded_on_locked_line(
    conn: &mut DbConnection,
    line_id: i64,
) -> ApiResult<Option<i64>> {
    if store::finance::find_line_for_update(conn, line_id)?.is_none() {
        return Ok(None);
    }
    Ok(Some(store::finance::funded_on_line(conn, line_id)?))
}

/// Checks a budget line against the plan; `prefix` names the row in imports.
pub(super) fn check_line(
    conn: &mut DbConnection,
    line: &LineInput,
    prefix: &str,
) -> ApiResult<Vec<FieldError>> {
    let mut errors = Vec::new();
    let field = |name: &str| format!("{prefix}{name}");
    match store::finance::find_plan(conn, line.plan_version_id)? {
        None => errors.push(FieldError::new(
            field("plan_version_id"),
            t!("no-such-plan-version"),
        )),
        Some(plan) => {
            if !(plan.first_year..=plan.last_year).contains(&line.fiscal_year) {
                errors.push(FieldError::new(
                    field("fiscal_year"),
                    t!(
                        "must-lie-in-the-plan-s-period",
                        first_year = plan.first_year,
                        last_year = plan.last_year
                    ),
                ));
            }
            if store::plan_items::plan_of_action(conn, line.action_id)? != Some(plan.id) {
                errors.push(FieldError::new(
                    field("action_id"),
                    t!("is-not-an-action-of-this-plan"),
                ));
            }
        }
    }
    if !store::finance::policy_field_exists(conn, &line.policy_field_code)? {
        errors.push(FieldError::new(
            field("policy_field_code"),
            t!("is-not-a-known-policy-field"),
        ));
    }
    if let Err(m) = finance::category_of(&line.ledger_account_code) {
        errors.push(FieldError::new(field("ledger_account_code"), m));
    } else if !store::finance::ledger_account_exists(conn, &line.ledger_account_code)? {
        errors.push(FieldError::new(
            field("ledger_account_code"),
            t!("is-not-a-known-ledger-account"),
        ));
    }
    if !(0..=finance::MAX_CENTS).contains(&line.planned_cents) {
        errors.push(FieldError::new(
            field("planned_cents"),
            t!("cents-between", max = finance::MAX_CENTS),
        ));
    }
    Ok(errors)
}

pub fn add_line(
    conn: &mut DbConnection,
    desk: &FinanceDesk,
    line: LineInput,
) -> ApiResult<BudgetLine> {
    let caller = desk.caller();
    db::write_transaction(conn, |conn| {
        let errors = check_line(conn, &line, "")?;
        if !errors.is_empty() {
            return Err(ApiError::invalid_fields(errors));
        }
        if existing_line(conn, &line)?.is_some() {
            return Err(ApiError::new(
                ErrorCode::AlreadyExists,
                t!("this-plan-version-has-a-line-for"),
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

pub(super) fn new_line(line: &LineInput) -> NewBudgetLine {
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

/// What an edit of a budget line changes; absent fields stay.
#[derive(Default)]
pub struct LineChange {
    pub planned_cents: Option<i64>,
    pub fiscal_year: Option<i32>,
    pub action_id: Option<i64>,
    pub policy_field_code: Option<String>,
    pub ledger_account_code: Option<String>,
    pub reason: Option<String>,
}

impl LineChange {
    fn moves_the_line(&self) -> bool {
        self.fiscal_year.is_some()
            || self.action_id.is_some()
            || self.policy_field_code.is_some()
            || self.ledger_account_code.is_some()
    }
}

/// Changes a budget line, kept as a revision. Its planned amount changes at any time but never
/// below what is funded on it; its year, action, policy field and account only while no funding
/// uses it (a used line stays what the fundings were booked on: add a new line instead).
pub fn edit_line(
    conn: &mut DbConnection,
    desk: &FinanceDesk,
    line_id: i64,
    change: LineChange,
) -> ApiResult<BudgetLine> {
    let caller = desk.caller();
    if change
        .planned_cents
        .is_some_and(|p| !(0..=finance::MAX_CENTS).contains(&p))
    {
        return Err(ApiError::invalid(
            "planned_cents",
            t!("cents-between", max = finance::MAX_CENTS),
        ));
    }
    db::write_transaction(conn, |conn| {
        let funded = funded_on_locked_line(conn, line_id)?
            .ok_or_else(|| ApiError::not_found(Thing::BudgetLine))?;
        let before = store::finance::find_line(conn, line_id)?
            .ok_or_else(|| ApiError::not_found(Thing::BudgetLine))?;
        if change.moves_the_line() {
            move_unused_line(conn, &before, &change)?;
        }
        if let Some(planned) = change.planned_cents {
            if planned < funded {
                return Err(ApiError::new(
                    ErrorCode::ExceedsBudgetLine,
                    t!("cents-are-funded-on-this-line-it", funded = funded),
                ));
            }
            store::finance::set_planned(conn, line_id, planned)?;
        }
        let after = store::finance::find_line(conn, line_id)?
            .ok_or_else(|| ApiError::not_found(Thing::BudgetLine))?;
        record_line_change(conn, caller, &before, &after, change.reason.as_deref())?;
        for edition_id in store::finance::editions_bound_to(conn, line_id)? {
            rebase_edition(conn, edition_id)?;
        }
        Ok(after)
    })
}

/// Gives an unused line another year, action, policy field or account, checked like a new one.
fn move_unused_line(
    conn: &mut DbConnection,
    before: &BudgetLine,
    change: &LineChange,
) -> ApiResult<()> {
    if !store::finance::fundings_of_lines(conn, &[before.id])?.is_empty() {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            t!("fundings-are-booked-on-this-line-only"),
        ));
    }
    let moved = LineInput {
        plan_version_id: before.plan_version_id,
        fiscal_year: change.fiscal_year.unwrap_or(before.fiscal_year),
        action_id: change.action_id.unwrap_or(before.action_id),
        policy_field_code: change
            .policy_field_code
            .clone()
            .unwrap_or_else(|| before.policy_field_code.clone()),
        ledger_account_code: change
            .ledger_account_code
            .clone()
            .unwrap_or_else(|| before.ledger_account_code.clone()),
        planned_cents: change.planned_cents.unwrap_or(before.planned_cents),
    };
    let errors = check_line(conn, &moved, "")?;
    if !errors.is_empty() {
        return Err(ApiError::invalid_fields(errors));
    }
    if let Some(other) = existing_line(conn, &moved)?
        && other.id != before.id
    {
        return Err(ApiError::new(
            ErrorCode::AlreadyExists,
            t!("line-has-this-plan-version-year-action", id = other.id),
        ));
    }
    store::finance::move_line(
        conn,
        before.id,
        (
            moved.fiscal_year,
            moved.action_id,
            &moved.policy_field_code,
            &moved.ledger_account_code,
        ),
    )?;
    Ok(())
}

/// Sets an unfrozen edition's base to the planned total of its bound lines.
pub(super) fn rebase_edition(conn: &mut DbConnection, edition_id: i64) -> ApiResult<()> {
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
    crate::service::envelopes::recompute_envelopes(conn, edition_id)
}

/// Binds an edition's base to budget lines: the reserved percentage then applies to their
/// planned total, kept up to date until voting opens.
pub fn bind_edition(
    conn: &mut DbConnection,
    binder: &BaseBinder,
    edition_id: i64,
    line_ids: &[i64],
) -> ApiResult<i64> {
    let caller = binder.caller();
    if line_ids.is_empty() {
        return Err(ApiError::invalid(
            "budget_line_ids",
            t!("list-at-least-one-budget-line"),
        ));
    }
    db::write_transaction(conn, |conn| {
        let edition = store::editions::find_for_update(conn, edition_id)?
            .ok_or_else(|| ApiError::not_found(Thing::Edition))?;
        if edition.rules_frozen_at.is_some() {
            return Err(ApiError::new(
                ErrorCode::RulesFrozen,
                t!("voting-has-started-the-base-of-this"),
            ));
        }
        for (i, id) in line_ids.iter().enumerate() {
            let field = format!("budget_line_ids[{i}]");
            let line = store::finance::find_line(conn, *id)?.ok_or_else(|| {
                ApiError::invalid_coded(&field, "not_found", t!("no-such-budget-line"))
            })?;
            line_serves_year(conn, &line, edition.fiscal_year)?
                .map_err(|m| ApiError::invalid(&field, m))?;
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

pub(super) const LINE_COLUMNS: [&str; 6] = [
    "plan_version_id",
    "fiscal_year",
    "action_id",
    "policy_field_code",
    "ledger_account_code",
    "planned_cents",
];

/// Imports budget lines from CSV (the six columns of a line). Every row is checked first;
/// nothing is written when any row is wrong. A row for an existing key sets its planned amount,
/// which may not fall below what is funded on the line. With `check_only` nothing is written
/// and the answer says what would be.
pub fn import_lines(
    conn: &mut DbConnection,
    desk: &FinanceDesk,
    text: &str,
    check_only: bool,
) -> ApiResult<(usize, usize)> {
    let caller = desk.caller();
    let Some(Ok(mut reader)) = csv::Upload::open(text) else {
        return Err(ApiError::invalid(
            "header",
            t!("file-needs-header", header = LINE_COLUMNS.join(",")),
        ));
    };
    let positions: Vec<usize> = LINE_COLUMNS
        .iter()
        .map(|c| {
            reader
                .column(c)
                .ok_or_else(|| ApiError::invalid("header", t!("missing-columns", columns = *c)))
        })
        .collect::<ApiResult<_>>()?;
    db::write_transaction(conn, |conn| {
        let mut errors = Vec::new();
        let mut rows = Vec::new();
        let mut keys = std::collections::HashSet::new();
        while let Some(record) = reader.next_record() {
            let record = record
                .map_err(|e| ApiError::invalid(format!("rows[{}]", e.line), csv::problem(&e)))?;
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
                            t!("must-be-a-whole-number"),
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
                    t!("an-earlier-row-plans-the-same-line"),
                ));
                continue;
            }
            let existing = existing_line(conn, &line)?;
            if let Some(existing) = &existing {
                let funded = funded_on_locked_line(conn, existing.id)?.unwrap_or(0);
                if line.planned_cents < funded {
                    errors.push(FieldError::new(
                        format!("{prefix}planned_cents"),
                        t!(
                            "cents-are-funded-on-budget-line-it",
                            funded = funded,
                            id = existing.id
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
            return Err(ApiError::invalid("body", t!("the-file-has-no-rows")));
        }
        if check_only {
            let updated = rows
                .iter()
                .filter(|(_, existing)| existing.is_some())
                .count();
            return Ok((rows.len() - updated, updated));
        }
        let (created, updated) = write_imported_lines(conn, &rows)?;
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

/// Writes the checked rows: new lines are inserted, existing ones get their planned amount and
/// the editions bound to them their new base. Returns (created, updated).
fn write_imported_lines(
    conn: &mut DbConnection,
    rows: &[(LineInput, Option<i64>)],
) -> ApiResult<(usize, usize)> {
    let (mut created, mut updated) = (0, 0);
    for (line, existing) in rows {
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
    Ok((created, updated))
}

pub fn lines(
    conn: &mut DbConnection,
    _reader: &BookReader,
    plan_version_id: Option<i64>,
    fiscal_year: Option<i32>,
) -> ApiResult<Vec<BudgetLine>> {
    Ok(store::finance::lines(conn, plan_version_id, fiscal_year)?)
}
