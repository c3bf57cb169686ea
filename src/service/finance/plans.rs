//! Plan versions with their objectives, action plans and actions; policy fields and ledger accounts.

use super::*;
use crate::error::Thing;

pub struct PlanInput {
    pub kind: String,
    pub name: String,
    pub first_year: i32,
    pub last_year: i32,
    pub council_decision_date: Option<String>,
}

pub fn create_plan(
    conn: &mut DbConnection,
    desk: &FinanceDesk,
    input: PlanInput,
) -> ApiResult<PlanVersion> {
    let caller = desk.caller();
    let mut errors = Vec::new();
    let kind = PlanKind::parse(&input.kind);
    if kind.is_none() {
        errors.push(FieldError::new(
            "kind",
            t!("must-be-mjp-meerjarenplan-or-amjp-aanpassing"),
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
            t!("the-period-runs-from-first-year-to"),
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
    let objectives = store::plan_items::objectives_of(conn, plan.id)?;
    let objective_ids: Vec<i64> = objectives.iter().map(|o| o.id).collect();
    let action_plans = store::plan_items::action_plans_of(conn, &objective_ids)?;
    let plan_ids: Vec<i64> = action_plans.iter().map(|a| a.id).collect();
    let actions = store::plan_items::actions_of(conn, &plan_ids)?;
    Ok(PlanTree {
        plan,
        objectives,
        action_plans,
        actions,
    })
}

pub use crate::store::plan_items::PlanLevel as Level;

/// Adds an objective (parent: plan version), action plan (parent: objective) or action
/// (parent: action plan). Returns the new id.
pub fn add_plan_item(
    conn: &mut DbConnection,
    desk: &FinanceDesk,
    level: Level,
    parent_id: i64,
    code: &str,
    title: &str,
    priority: bool,
) -> ApiResult<i64> {
    let caller = desk.caller();
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
                    .ok_or_else(|| ApiError::not_found(Thing::PlanVersion))?;
                (
                    store::plan_items::insert_objective(conn, parent_id, &code, &title),
                    "objective",
                    "plan_version",
                )
            }
            Level::ActionPlan => {
                if !store::plan_items::objective_exists(conn, parent_id)? {
                    return Err(ApiError::not_found(Thing::Objective));
                }
                (
                    store::plan_items::insert_action_plan(conn, parent_id, &code, &title),
                    "action_plan",
                    "objective",
                )
            }
            Level::Action => {
                if !store::plan_items::action_plan_exists(conn, parent_id)? {
                    return Err(ApiError::not_found(Thing::ActionPlan));
                }
                (
                    store::plan_items::insert_action(conn, parent_id, &code, &title, priority),
                    "action",
                    "action_plan",
                )
            }
        };
        let id = inserted.map_err(|e| match e {
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            ) => ApiError::new(
                ErrorCode::AlreadyExists,
                t!(
                    "plan-item-code-taken",
                    parent = t!("thing", name = parent_kind),
                    code = code.as_str()
                ),
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
    _desk: &FinanceDesk,
    code: &str,
    name: &str,
) -> ApiResult<()> {
    finance::check_policy_field_code(code).map_err(|m| ApiError::invalid("code", m))?;
    let name = text("name", name, 200).map_err(|e| ApiError::invalid_fields(vec![e]))?;
    Ok(store::finance::upsert_policy_field(conn, code, &name)?)
}

pub fn add_ledger_account(
    conn: &mut DbConnection,
    _desk: &FinanceDesk,
    code: &str,
    name: &str,
) -> ApiResult<LedgerCategory> {
    let category = finance::category_of(code).map_err(|m| ApiError::invalid("code", m))?;
    let name = text("name", name, 200).map_err(|e| ApiError::invalid_fields(vec![e]))?;
    store::finance::upsert_ledger_account(conn, code, &name)?;
    Ok(category)
}

/// Plan versions with their objectives, action plans and actions.
pub fn plans(conn: &mut DbConnection, _reader: &BookReader) -> ApiResult<Vec<PlanTree>> {
    store::finance::plans(conn)?
        .into_iter()
        .map(|p| plan_tree(conn, p))
        .collect()
}

/// (code, name) of every policy field.
pub fn policy_fields(
    conn: &mut DbConnection,
    _reader: &BookReader,
) -> ApiResult<Vec<(String, String)>> {
    Ok(store::finance::policy_fields(conn)?)
}

/// (code, name) of every ledger account.
pub fn ledger_accounts(
    conn: &mut DbConnection,
    _reader: &BookReader,
) -> ApiResult<Vec<(String, String)>> {
    Ok(store::finance::ledger_accounts(conn)?)
}
