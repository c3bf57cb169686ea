//! The strategic cycle: plan versions, policy fields, ledger accounts and budget lines; and what
//! hangs under funded proposals: fundings, commitments, expenditures (the plan's tree is in
//! `store::plan_items`, milestones in `store::milestones`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::domain::finance::{FundingKind, PlanKind};
use crate::store::schema::{
    action_plans, actions, budget_lines, commitments, edition_budget_lines, expenditures, fundings,
    ledger_accounts, plan_versions, policy_fields,
};

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = plan_versions)]
pub struct PlanVersion {
    pub id: i64,
    pub kind: PlanKind,
    pub name: String,
    pub first_year: i32,
    pub last_year: i32,
    pub sequence: i32,
    pub council_decision_date: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = plan_versions)]
pub struct NewPlanVersion<'a> {
    pub kind: PlanKind,
    pub name: &'a str,
    pub first_year: i32,
    pub last_year: i32,
    pub sequence: i32,
    pub council_decision_date: Option<&'a str>,
    pub created_at: NaiveDateTime,
}

pub fn insert_plan(conn: &mut DbConnection, plan: &NewPlanVersion<'_>) -> QueryResult<PlanVersion> {
    diesel::insert_into(plan_versions::table)
        .values(plan)
        .returning(plan_versions::all_columns)
        .get_result(conn)
}

pub fn plans(conn: &mut DbConnection) -> QueryResult<Vec<PlanVersion>> {
    plan_versions::table
        .order(plan_versions::sequence)
        .select(PlanVersion::as_select())
        .load(conn)
}

pub fn find_plan(conn: &mut DbConnection, id: i64) -> QueryResult<Option<PlanVersion>> {
    plan_versions::table
        .find(id)
        .select(PlanVersion::as_select())
        .first(conn)
        .optional()
}

pub fn next_plan_sequence(conn: &mut DbConnection) -> QueryResult<i32> {
    let max: Option<i32> = plan_versions::table
        .select(diesel::dsl::max(plan_versions::sequence))
        .first(conn)?;
    Ok(max.unwrap_or(0) + 1)
}

pub fn policy_fields(conn: &mut DbConnection) -> QueryResult<Vec<(String, String)>> {
    policy_fields::table
        .order(policy_fields::code)
        .select((policy_fields::code, policy_fields::name))
        .load(conn)
}

pub fn policy_field_exists(conn: &mut DbConnection, code: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(policy_fields::table.find(code))).get_result(conn)
}

pub fn upsert_policy_field(conn: &mut DbConnection, code: &str, name: &str) -> QueryResult<()> {
    let updated = diesel::update(policy_fields::table.find(code))
        .set(policy_fields::name.eq(name))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(policy_fields::table)
            .values((policy_fields::code.eq(code), policy_fields::name.eq(name)))
            .execute(conn)?;
    }
    Ok(())
}

pub fn ledger_accounts(conn: &mut DbConnection) -> QueryResult<Vec<(String, String)>> {
    ledger_accounts::table
        .order(ledger_accounts::code)
        .select((ledger_accounts::code, ledger_accounts::name))
        .load(conn)
}

pub fn ledger_account_exists(conn: &mut DbConnection, code: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(ledger_accounts::table.find(code))).get_result(conn)
}

pub fn upsert_ledger_account(conn: &mut DbConnection, code: &str, name: &str) -> QueryResult<()> {
    let updated = diesel::update(ledger_accounts::table.find(code))
        .set(ledger_accounts::name.eq(name))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(ledger_accounts::table)
            .values((
                ledger_accounts::code.eq(code),
                ledger_accounts::name.eq(name),
            ))
            .execute(conn)?;
    }
    Ok(())
}

#[derive(Queryable, Selectable, Clone, Debug, serde::Serialize)]
#[diesel(table_name = budget_lines)]
pub struct BudgetLine {
    pub id: i64,
    pub plan_version_id: i64,
    pub fiscal_year: i32,
    pub action_id: i64,
    pub policy_field_code: String,
    pub ledger_account_code: String,
    pub planned_cents: i64,
    pub created_at: NaiveDateTime,
}

#[derive(Insertable, Clone, Debug)]
#[diesel(table_name = budget_lines)]
pub struct NewBudgetLine {
    pub plan_version_id: i64,
    pub fiscal_year: i32,
    pub action_id: i64,
    pub policy_field_code: String,
    pub ledger_account_code: String,
    pub planned_cents: i64,
    pub created_at: NaiveDateTime,
}

pub fn insert_line(conn: &mut DbConnection, line: &NewBudgetLine) -> QueryResult<BudgetLine> {
    diesel::insert_into(budget_lines::table)
        .values(line)
        .returning(budget_lines::all_columns)
        .get_result(conn)
}

pub fn find_line(conn: &mut DbConnection, id: i64) -> QueryResult<Option<BudgetLine>> {
    budget_lines::table
        .find(id)
        .select(BudgetLine::as_select())
        .first(conn)
        .optional()
}

/// Reads a line and locks it for the rest of the transaction (row lock on PostgreSQL; the
/// immediate transaction on SQLite), so that concurrent fundings of one line queue up.
pub fn find_line_for_update(conn: &mut DbConnection, id: i64) -> QueryResult<Option<BudgetLine>> {
    let touched = diesel::update(budget_lines::table.find(id))
        .set(budget_lines::id.eq(budget_lines::id))
        .execute(conn)?;
    if touched == 0 {
        return Ok(None);
    }
    find_line(conn, id)
}

pub fn set_planned(conn: &mut DbConnection, id: i64, planned: i64) -> QueryResult<()> {
    diesel::update(budget_lines::table.find(id))
        .set(budget_lines::planned_cents.eq(planned))
        .execute(conn)?;
    Ok(())
}

/// Gives a line another year, action, policy field and ledger account.
pub fn move_line(
    conn: &mut DbConnection,
    id: i64,
    (fiscal_year, action_id, policy_field_code, ledger_account_code): (i32, i64, &str, &str),
) -> QueryResult<()> {
    diesel::update(budget_lines::table.find(id))
        .set((
            budget_lines::fiscal_year.eq(fiscal_year),
            budget_lines::action_id.eq(action_id),
            budget_lines::policy_field_code.eq(policy_field_code),
            budget_lines::ledger_account_code.eq(ledger_account_code),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn lines(
    conn: &mut DbConnection,
    plan_version_id: Option<i64>,
    fiscal_year: Option<i32>,
) -> QueryResult<Vec<BudgetLine>> {
    let mut query = budget_lines::table
        .select(BudgetLine::as_select())
        .into_boxed();
    if let Some(plan) = plan_version_id {
        query = query.filter(budget_lines::plan_version_id.eq(plan));
    }
    if let Some(year) = fiscal_year {
        query = query.filter(budget_lines::fiscal_year.eq(year));
    }
    query.order(budget_lines::id).load(conn)
}

pub fn find_line_by_key(
    conn: &mut DbConnection,
    plan_version_id: i64,
    fiscal_year: i32,
    action_id: i64,
    policy_field: &str,
    ledger_account: &str,
) -> QueryResult<Option<BudgetLine>> {
    budget_lines::table
        .filter(budget_lines::plan_version_id.eq(plan_version_id))
        .filter(budget_lines::fiscal_year.eq(fiscal_year))
        .filter(budget_lines::action_id.eq(action_id))
        .filter(budget_lines::policy_field_code.eq(policy_field))
        .filter(budget_lines::ledger_account_code.eq(ledger_account))
        .select(BudgetLine::as_select())
        .first(conn)
        .optional()
}

/// (objective id, action plan id) above an action.
pub fn parents_of_action(
    conn: &mut DbConnection,
    action_id: i64,
) -> QueryResult<Option<(i64, i64)>> {
    actions::table
        .inner_join(action_plans::table)
        .filter(actions::id.eq(action_id))
        .select((action_plans::objective_id, actions::action_plan_id))
        .first(conn)
        .optional()
}

pub fn bind_edition_lines(
    conn: &mut DbConnection,
    edition_id: i64,
    line_ids: &[i64],
) -> QueryResult<()> {
    diesel::delete(
        edition_budget_lines::table.filter(edition_budget_lines::edition_id.eq(edition_id)),
    )
    .execute(conn)?;
    for line in line_ids {
        diesel::insert_into(edition_budget_lines::table)
            .values((
                edition_budget_lines::edition_id.eq(edition_id),
                edition_budget_lines::budget_line_id.eq(line),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn edition_lines(conn: &mut DbConnection, edition_id: i64) -> QueryResult<Vec<i64>> {
    edition_budget_lines::table
        .filter(edition_budget_lines::edition_id.eq(edition_id))
        .select(edition_budget_lines::budget_line_id)
        .order(edition_budget_lines::budget_line_id)
        .load(conn)
}

pub fn editions_bound_to(conn: &mut DbConnection, line_id: i64) -> QueryResult<Vec<i64>> {
    edition_budget_lines::table
        .filter(edition_budget_lines::budget_line_id.eq(line_id))
        .select(edition_budget_lines::edition_id)
        .load(conn)
}

/// The planned total of some lines (summed here: SUM over BIGINT is NUMERIC on PostgreSQL).
pub fn planned_total(conn: &mut DbConnection, line_ids: &[i64]) -> QueryResult<i64> {
    let planned: Vec<i64> = budget_lines::table
        .filter(budget_lines::id.eq_any(line_ids))
        .select(budget_lines::planned_cents)
        .load(conn)?;
    Ok(planned.iter().sum())
}

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = fundings)]
pub struct Funding {
    pub id: i64,
    pub proposal_id: i64,
    pub budget_line_id: i64,
    pub amount_cents: i64,
    pub kind: FundingKind,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    /// For a reversal: the entry it corrects, and why.
    pub corrects_id: Option<i64>,
    pub correction_reason: Option<String>,
}

impl Funding {
    /// A reversal is stored with its amount positive (the table allows no other) and read
    /// negative, so every sum of entries nets it out.
    pub(crate) fn signed(mut self) -> Self {
        if self.corrects_id.is_some() {
            self.amount_cents = -self.amount_cents;
        }
        self
    }
}

pub fn insert_funding(
    conn: &mut DbConnection,
    proposal_id: i64,
    line: i64,
    amount: i64,
    kind: FundingKind,
    by: i64,
    now: NaiveDateTime,
) -> QueryResult<Funding> {
    diesel::insert_into(fundings::table)
        .values((
            fundings::proposal_id.eq(proposal_id),
            fundings::budget_line_id.eq(line),
            fundings::amount_cents.eq(amount),
            fundings::kind.eq(kind),
            fundings::created_by.eq(by),
            fundings::created_at.eq(now),
        ))
        .returning(fundings::all_columns)
        .get_result(conn)
        .map(Funding::signed)
}

pub fn find_funding(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Funding>> {
    fundings::table
        .find(id)
        .select(Funding::as_select())
        .first(conn)
        .optional()
        .map(|f| f.map(Funding::signed))
}

pub fn fundings_of_proposal(
    conn: &mut DbConnection,
    proposal_id: i64,
) -> QueryResult<Vec<Funding>> {
    fundings::table
        .filter(fundings::proposal_id.eq(proposal_id))
        .order(fundings::id)
        .select(Funding::as_select())
        .load(conn)
        .map(|all| all.into_iter().map(Funding::signed).collect())
}

pub fn fundings_of_lines(conn: &mut DbConnection, line_ids: &[i64]) -> QueryResult<Vec<Funding>> {
    fundings::table
        .filter(fundings::budget_line_id.eq_any(line_ids))
        .select(Funding::as_select())
        .load(conn)
        .map(|all| all.into_iter().map(Funding::signed).collect())
}

pub fn funded_on_line(conn: &mut DbConnection, line_id: i64) -> QueryResult<i64> {
    Ok(fundings::table
        .filter(fundings::budget_line_id.eq(line_id))
        .select(Funding::as_select())
        .load(conn)?
        .into_iter()
        .map(|f| f.signed().amount_cents)
        .sum())
}

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = commitments)]
pub struct Commitment {
    pub id: i64,
    pub funding_id: i64,
    pub erp_reference: String,
    pub committed_on: String,
    pub amount_cents: i64,
    pub third_party: String,
    pub overrun_reason: Option<String>,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    /// For a reversal: the entry it corrects, and why.
    pub corrects_id: Option<i64>,
    pub correction_reason: Option<String>,
}

impl Commitment {
    /// A reversal is stored with its amount positive (the table allows no other) and read
    /// negative, so every sum of entries nets it out.
    pub(crate) fn signed(mut self) -> Self {
        if self.corrects_id.is_some() {
            self.amount_cents = -self.amount_cents;
        }
        self
    }
}

pub struct NewCommitment<'a> {
    pub funding_id: i64,
    pub erp_reference: &'a str,
    pub committed_on: &'a str,
    pub amount_cents: i64,
    pub third_party: &'a str,
    pub overrun_reason: Option<&'a str>,
    pub created_by: i64,
}

pub fn insert_commitment(
    conn: &mut DbConnection,
    c: &NewCommitment<'_>,
    now: NaiveDateTime,
) -> QueryResult<Commitment> {
    diesel::insert_into(commitments::table)
        .values((
            commitments::funding_id.eq(c.funding_id),
            commitments::erp_reference.eq(c.erp_reference),
            commitments::committed_on.eq(c.committed_on),
            commitments::amount_cents.eq(c.amount_cents),
            commitments::third_party.eq(c.third_party),
            commitments::overrun_reason.eq(c.overrun_reason),
            commitments::created_by.eq(c.created_by),
            commitments::created_at.eq(now),
        ))
        .returning(commitments::all_columns)
        .get_result(conn)
        .map(Commitment::signed)
}

pub fn find_commitment(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Commitment>> {
    commitments::table
        .find(id)
        .select(Commitment::as_select())
        .first(conn)
        .optional()
        .map(|c| c.map(Commitment::signed))
}

pub fn commitments_of_fundings(
    conn: &mut DbConnection,
    funding_ids: &[i64],
) -> QueryResult<Vec<Commitment>> {
    commitments::table
        .filter(commitments::funding_id.eq_any(funding_ids))
        .order(commitments::id)
        .select(Commitment::as_select())
        .load(conn)
        .map(|all| all.into_iter().map(Commitment::signed).collect())
}

/// Reads a funding and locks it for the rest of the transaction.
pub fn find_funding_for_update(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Funding>> {
    let touched = diesel::update(fundings::table.find(id))
        .set(fundings::id.eq(fundings::id))
        .execute(conn)?;
    if touched == 0 {
        return Ok(None);
    }
    find_funding(conn, id)
}

/// Reads a commitment and locks it for the rest of the transaction.
pub fn find_commitment_for_update(
    conn: &mut DbConnection,
    id: i64,
) -> QueryResult<Option<Commitment>> {
    let touched = diesel::update(commitments::table.find(id))
        .set(commitments::id.eq(commitments::id))
        .execute(conn)?;
    if touched == 0 {
        return Ok(None);
    }
    find_commitment(conn, id)
}

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = expenditures)]
pub struct Expenditure {
    pub id: i64,
    pub commitment_id: i64,
    pub reference: String,
    pub spent_on: String,
    pub amount_cents: i64,
    pub overrun_reason: Option<String>,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    /// For a reversal: the entry it corrects, and why.
    pub corrects_id: Option<i64>,
    pub correction_reason: Option<String>,
}

impl Expenditure {
    /// A reversal is stored with its amount positive (the table allows no other) and read
    /// negative, so every sum of entries nets it out.
    pub(crate) fn signed(mut self) -> Self {
        if self.corrects_id.is_some() {
            self.amount_cents = -self.amount_cents;
        }
        self
    }
}

pub struct NewExpenditure<'a> {
    pub commitment_id: i64,
    pub reference: &'a str,
    pub spent_on: &'a str,
    pub amount_cents: i64,
    pub overrun_reason: Option<&'a str>,
    pub created_by: i64,
}

pub fn insert_expenditure(
    conn: &mut DbConnection,
    e: &NewExpenditure<'_>,
    now: NaiveDateTime,
) -> QueryResult<Expenditure> {
    diesel::insert_into(expenditures::table)
        .values((
            expenditures::commitment_id.eq(e.commitment_id),
            expenditures::reference.eq(e.reference),
            expenditures::spent_on.eq(e.spent_on),
            expenditures::amount_cents.eq(e.amount_cents),
            expenditures::overrun_reason.eq(e.overrun_reason),
            expenditures::created_by.eq(e.created_by),
            expenditures::created_at.eq(now),
        ))
        .returning(expenditures::all_columns)
        .get_result(conn)
        .map(Expenditure::signed)
}

pub fn expenditures_of_commitments(
    conn: &mut DbConnection,
    commitment_ids: &[i64],
) -> QueryResult<Vec<Expenditure>> {
    expenditures::table
        .filter(expenditures::commitment_id.eq_any(commitment_ids))
        .order(expenditures::id)
        .select(Expenditure::as_select())
        .load(conn)
        .map(|all| all.into_iter().map(Expenditure::signed).collect())
}
