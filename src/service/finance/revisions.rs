//! Edits of milestones, plan items and budget lines. Each edit keeps a revision: the record
//! before and after, who changed it, when and why, readable beside the record.

use super::*;
use crate::error::Thing;
pub use crate::store::revisions::Revision;

/// Writes the revision of an edit and its audit entry.
fn record(
    conn: &mut DbConnection,
    caller: &Caller,
    (entity_type, entity_id): (&str, i64),
    before: &impl Serialize,
    after: &impl Serialize,
    reason: &str,
) -> ApiResult<()> {
    let before = serde_json::to_string(before).map_err(ApiError::internal)?;
    let after = serde_json::to_string(after).map_err(ApiError::internal)?;
    store::revisions::insert(
        conn,
        &store::revisions::NewRevision {
            entity_type,
            entity_id,
            before: &before,
            after: &after,
            reason,
            changed_by: caller.id(),
        },
        crate::clock::now(),
    )?;
    audit(
        conn,
        caller,
        "record_revised",
        entity_type,
        entity_id,
        serde_json::json!({"reason": reason}),
    )
}

fn checked_reason(reason: &str) -> ApiResult<&str> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 1000 {
        return Err(ApiError::invalid(
            "reason",
            t!("an-edit-needs-a-reason-of-1"),
        ));
    }
    Ok(reason)
}

/// Finance corrects a milestone, with a reason.
pub fn edit_milestone(
    conn: &mut DbConnection,
    desk: &FinanceDesk,
    id: i64,
    input: MilestoneInput,
    reason: &str,
) -> ApiResult<Milestone> {
    let caller = desk.caller();
    let (title, date) = checked(&input)?;
    let reason = checked_reason(reason)?;
    db::write_transaction(conn, |conn| {
        let before = store::milestones::find(conn, id)?
            .ok_or_else(|| ApiError::not_found(Thing::Milestone))?;
        store::milestones::update(
            conn,
            id,
            &store::milestones::MilestoneChange {
                title: &title,
                status: input.status,
                progress_pct: input.progress_pct,
                due_on: date.as_deref(),
                note: input.note.as_deref(),
            },
        )?;
        let after = store::milestones::find(conn, id)?
            .ok_or_else(|| ApiError::not_found(Thing::Milestone))?;
        record(conn, caller, ("milestone", id), &before, &after, reason)?;
        Ok(after)
    })
}

/// Finance renames a plan item (and sets an action's priority), with a reason. Its code stays:
/// budget lines and the finance system know the item by it.
pub fn edit_plan_item(
    conn: &mut DbConnection,
    desk: &FinanceDesk,
    (level, id): (Level, i64),
    (title, priority): (&str, Option<bool>),
    reason: &str,
) -> ApiResult<PlanItem> {
    let caller = desk.caller();
    let title = text("title", title, 300).map_err(|e| ApiError::invalid_fields(vec![e]))?;
    let reason = checked_reason(reason)?;
    if priority.is_some() && level != Level::Action {
        return Err(ApiError::invalid(
            "priority",
            t!("only-actions-have-a-priority"),
        ));
    }
    let (entity, thing) = match level {
        Level::Objective => ("objective", Thing::Objective),
        Level::ActionPlan => ("action_plan", Thing::ActionPlan),
        Level::Action => ("action", Thing::Action),
    };
    db::write_transaction(conn, |conn| {
        let before = store::plan_items::plan_item(conn, level, id)?
            .ok_or_else(|| ApiError::not_found(thing))?;
        let priority = priority.unwrap_or(before.priority);
        store::plan_items::set_plan_item(conn, level, id, &title, priority)?;
        let after = store::plan_items::plan_item(conn, level, id)?
            .ok_or_else(|| ApiError::not_found(thing))?;
        record(conn, caller, (entity, id), &before, &after, reason)?;
        Ok(after)
    })
}

/// A budget line changed (see `edit_line`).
pub(super) fn record_line_change(
    conn: &mut DbConnection,
    caller: &Caller,
    before: &BudgetLine,
    after: &BudgetLine,
    reason: Option<&str>,
) -> ApiResult<()> {
    let reason = reason
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .unwrap_or("no reason given");
    record(
        conn,
        caller,
        ("budget_line", before.id),
        before,
        after,
        reason,
    )
}

/// What an edited record was and became, oldest edit first (finance, council, administrators).
pub fn revisions(
    conn: &mut DbConnection,
    _reader: &BookReader,
    entity_type: &str,
    entity_id: i64,
) -> ApiResult<Vec<Revision>> {
    Ok(store::revisions::of(conn, entity_type, entity_id)?)
}
