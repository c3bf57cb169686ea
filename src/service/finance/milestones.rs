//! Milestones of funded proposals.

use super::*;
use crate::domain::notification::EventKind;
use crate::error::Thing;
use crate::mail::templates::Template;
use crate::service::notifications;

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
    public_url: &str,
) -> ApiResult<store::milestones::Milestone> {
    let caller = desk.caller();
    let (title, date) = checked(&input)?;
    db::write_transaction(conn, |conn| {
        let p = store::proposals::find(conn, proposal_id)?
            .ok_or_else(|| ApiError::not_found(Thing::Proposal))?;
        if !matches!(
            p.state,
            ProposalState::Funded | ProposalState::InProgress | ProposalState::Completed
        ) {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!("milestones-follow-funded-proposals"),
            ));
        }
        let created = store::milestones::insert_milestone(
            conn,
            &store::milestones::NewMilestone {
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
        tell_followers(conn, &p, &created, public_url)?;
        Ok(created)
    })
}

/// Tells the proposal's authors and followers of the new milestone, as each chose.
fn tell_followers(
    conn: &mut DbConnection,
    p: &store::proposals::Proposal,
    milestone: &store::milestones::Milestone,
    public_url: &str,
) -> ApiResult<()> {
    let mut readers = vec![p.author_id];
    readers.extend(store::proposals::coauthors(conn, p.id)?);
    readers.extend(crate::service::follows::followers_of_proposal(conn, p)?);
    let link = format!("{public_url}/proposals/{}#implementation", p.id);
    for reader in notifications::recipients(conn, readers, None)? {
        let template = Template::MilestoneReached {
            name: &reader.display_name,
            title: &p.title,
            milestone: &milestone.title,
            link: &link,
        };
        notifications::notify(conn, &reader, EventKind::Milestone, &template)?;
    }
    Ok(())
}

/// The title and date of a milestone, checked with its progress.
pub(super) fn checked(input: &MilestoneInput) -> ApiResult<(String, Option<String>)> {
    let mut errors = Vec::new();
    let title = text("title", &input.title, 200)
        .map_err(|e| errors.push(e))
        .ok();
    if !(0..=100).contains(&input.progress_pct) {
        errors.push(FieldError::new(
            "progress_pct",
            t!("number-between", min = 0, max = 100),
        ));
    }
    let date = match input.date.as_deref().map(finance::check_date) {
        Some(Err(m)) => {
            errors.push(FieldError::new("date", m));
            None
        }
        Some(Ok(d)) => Some(d),
        None => None,
    };
    match title.filter(|_| errors.is_empty()) {
        Some(title) => Ok((title, date)),
        None => Err(ApiError::invalid_fields(errors)),
    }
}

/// The milestones of a proposal anyone may see.
pub fn milestones(conn: &mut DbConnection, proposal_id: i64) -> ApiResult<Vec<Milestone>> {
    visible_proposal(conn, proposal_id)?;
    Ok(store::milestones::milestones_of(conn, proposal_id)?)
}
