//! Milestones of funded proposals.

use super::*;

pub struct MilestoneInput {
    pub title: String,
    pub status: MilestoneStatus,
    pub progress_pct: i32,
    pub date: Option<String>,
    pub note: Option<String>,
}

pub fn add_milestone(
    conn: &mut DbConnection,
    desk: &FinanceDesk,
    proposal_id: i64,
    input: MilestoneInput,
) -> ApiResult<store::finance::Milestone> {
    let caller = desk.caller();
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

/// The milestones of a proposal anyone may see.
pub fn milestones(conn: &mut DbConnection, proposal_id: i64) -> ApiResult<Vec<Milestone>> {
    visible_proposal(conn, proposal_id)?;
    Ok(store::finance::milestones_of(conn, proposal_id)?)
}
