//! The tree of a multi-year plan: objectives, action plans and actions.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::store::schema::{action_plans, actions, objectives};

/// The levels of the plan's tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanLevel {
    Objective,
    ActionPlan,
    Action,
}

/// An objective, action plan or action with its level.
pub fn plan_item(
    conn: &mut DbConnection,
    level: PlanLevel,
    id: i64,
) -> QueryResult<Option<PlanItem>> {
    Ok(match level {
        PlanLevel::Objective => objectives::table
            .find(id)
            .select((
                objectives::plan_version_id,
                objectives::code,
                objectives::title,
            ))
            .first::<(i64, String, String)>(conn)
            .optional()?
            .map(|(parent_id, code, title)| (parent_id, code, title, false)),
        PlanLevel::ActionPlan => action_plans::table
            .find(id)
            .select((
                action_plans::objective_id,
                action_plans::code,
                action_plans::title,
            ))
            .first::<(i64, String, String)>(conn)
            .optional()?
            .map(|(parent_id, code, title)| (parent_id, code, title, false)),
        PlanLevel::Action => actions::table
            .find(id)
            .select((
                actions::action_plan_id,
                actions::code,
                actions::title,
                actions::priority,
            ))
            .first::<(i64, String, String, bool)>(conn)
            .optional()?,
    }
    .map(|(parent_id, code, title, priority)| PlanItem {
        id,
        parent_id,
        code,
        title,
        priority,
    }))
}

/// Sets the title (and for an action the priority) of a plan item.
pub fn set_plan_item(
    conn: &mut DbConnection,
    level: PlanLevel,
    id: i64,
    title: &str,
    priority: bool,
) -> QueryResult<()> {
    match level {
        PlanLevel::Objective => diesel::update(objectives::table.find(id))
            .set(objectives::title.eq(title))
            .execute(conn)?,
        PlanLevel::ActionPlan => diesel::update(action_plans::table.find(id))
            .set(action_plans::title.eq(title))
            .execute(conn)?,
        PlanLevel::Action => diesel::update(actions::table.find(id))
            .set((actions::title.eq(title), actions::priority.eq(priority)))
            .execute(conn)?,
    };
    Ok(())
}

/// One level of the plan's tree: objective, action plan or action.
#[derive(Clone, Debug, serde::Serialize)]
pub struct PlanItem {
    pub id: i64,
    pub parent_id: i64,
    pub code: String,
    pub title: String,
    pub priority: bool,
}

pub fn insert_objective(
    conn: &mut DbConnection,
    plan_version_id: i64,
    code: &str,
    title: &str,
) -> QueryResult<i64> {
    diesel::insert_into(objectives::table)
        .values((
            objectives::plan_version_id.eq(plan_version_id),
            objectives::code.eq(code),
            objectives::title.eq(title),
        ))
        .returning(objectives::id)
        .get_result(conn)
}

pub fn insert_action_plan(
    conn: &mut DbConnection,
    objective_id: i64,
    code: &str,
    title: &str,
) -> QueryResult<i64> {
    diesel::insert_into(action_plans::table)
        .values((
            action_plans::objective_id.eq(objective_id),
            action_plans::code.eq(code),
            action_plans::title.eq(title),
        ))
        .returning(action_plans::id)
        .get_result(conn)
}

pub fn insert_action(
    conn: &mut DbConnection,
    action_plan_id: i64,
    code: &str,
    title: &str,
    priority: bool,
) -> QueryResult<i64> {
    diesel::insert_into(actions::table)
        .values((
            actions::action_plan_id.eq(action_plan_id),
            actions::code.eq(code),
            actions::title.eq(title),
            actions::priority.eq(priority),
        ))
        .returning(actions::id)
        .get_result(conn)
}

pub fn objectives_of(conn: &mut DbConnection, plan_version_id: i64) -> QueryResult<Vec<PlanItem>> {
    let rows: Vec<(i64, i64, String, String)> = objectives::table
        .filter(objectives::plan_version_id.eq(plan_version_id))
        .order(objectives::code)
        .select((
            objectives::id,
            objectives::plan_version_id,
            objectives::code,
            objectives::title,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, parent_id, code, title)| PlanItem {
            id,
            parent_id,
            code,
            title,
            priority: false,
        })
        .collect())
}

pub fn action_plans_of(
    conn: &mut DbConnection,
    objective_ids: &[i64],
) -> QueryResult<Vec<PlanItem>> {
    let rows: Vec<(i64, i64, String, String)> = action_plans::table
        .filter(action_plans::objective_id.eq_any(objective_ids))
        .order(action_plans::code)
        .select((
            action_plans::id,
            action_plans::objective_id,
            action_plans::code,
            action_plans::title,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, parent_id, code, title)| PlanItem {
            id,
            parent_id,
            code,
            title,
            priority: false,
        })
        .collect())
}

pub fn actions_of(conn: &mut DbConnection, action_plan_ids: &[i64]) -> QueryResult<Vec<PlanItem>> {
    let rows: Vec<(i64, i64, String, String, bool)> = actions::table
        .filter(actions::action_plan_id.eq_any(action_plan_ids))
        .order(actions::code)
        .select((
            actions::id,
            actions::action_plan_id,
            actions::code,
            actions::title,
            actions::priority,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, parent_id, code, title, priority)| PlanItem {
            id,
            parent_id,
            code,
            title,
            priority,
        })
        .collect())
}

pub fn objective_exists(conn: &mut DbConnection, id: i64) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(objectives::table.find(id))).get_result(conn)
}

pub fn action_plan_exists(conn: &mut DbConnection, id: i64) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(action_plans::table.find(id))).get_result(conn)
}

/// The plan version an action belongs to.
pub fn plan_of_action(conn: &mut DbConnection, action_id: i64) -> QueryResult<Option<i64>> {
    actions::table
        .inner_join(action_plans::table.inner_join(objectives::table))
        .filter(actions::id.eq(action_id))
        .select(objectives::plan_version_id)
        .first(conn)
        .optional()
}
