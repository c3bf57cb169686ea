//! Merging proposals into one.

use super::*;

/// What a merge would do, shown before it is done: the proposal that stays, the ones merged
/// into it, and its supporters before and after (each supporter counted once).
pub struct MergePreview {
    pub target: Proposal,
    pub merged: Vec<Proposal>,
    pub supporters_before: i64,
    pub supporters_after: i64,
}

/// Only proposals still gathering support or found feasible merge, into one of the same kind.
fn mergeable(p: &Proposal) -> bool {
    matches!(
        p.state,
        ProposalState::Submitted | ProposalState::ThresholdReached | ProposalState::Feasible
    )
}

fn check_merge_request(caller: &Caller, target_id: i64, merged_ids: &[i64]) -> ApiResult<()> {
    caller.require_admin()?;
    if merged_ids.is_empty() || merged_ids.contains(&target_id) {
        return Err(ApiError::invalid(
            "proposal_ids",
            t!("list-the-other-proposals-to-merge-into"),
        ));
    }
    Ok(())
}

fn check_target(target: &Proposal) -> ApiResult<()> {
    if mergeable(target) {
        return Ok(());
    }
    Err(ApiError::new(
        ErrorCode::Conflict,
        t!(
            "a-proposal-cannot-receive-a-merge",
            state = t!("proposal-state", name = target.state.as_str())
        ),
    ))
}

fn check_merged(p: &Proposal, target: &Proposal) -> ApiResult<()> {
    if p.edition_id == target.edition_id && mergeable(p) {
        return Ok(());
    }
    Err(ApiError::invalid(
        "proposal_ids",
        t!(
            "proposal-cannot-be-merged-into",
            id = p.id,
            target_id = target.id
        ),
    ))
}

/// The merge an administrator is about to make, checked as the merge checks it, changing nothing.
pub fn preview_merge(
    conn: &mut DbConnection,
    caller: &Caller,
    target_id: i64,
    merged_ids: &[i64],
) -> ApiResult<MergePreview> {
    check_merge_request(caller, target_id, merged_ids)?;
    let target = load(conn, target_id)?;
    check_target(&target)?;
    let merged = merged_ids
        .iter()
        .map(|&id| {
            let p = load(conn, id)?;
            check_merged(&p, &target)?;
            Ok(p)
        })
        .collect::<ApiResult<Vec<_>>>()?;
    let mut together = merged_ids.to_vec();
    together.push(target_id);
    Ok(MergePreview {
        supporters_before: target.support_count,
        supporters_after: store::proposals::distinct_supporters(conn, &together)?,
        target,
        merged,
    })
}

/// An administrator merges proposals that say the same into one; the merged ones point to it
/// and their supports count for it, each supporter once.
pub fn merge(
    conn: &mut DbConnection,
    caller: &Caller,
    target_id: i64,
    merged_ids: &[i64],
    reason: &str,
    public_url: &str,
) -> ApiResult<Proposal> {
    check_merge_request(caller, target_id, merged_ids)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ApiError::invalid("reason", t!("a-merge-needs-a-reason")));
    }
    db::write_transaction(conn, |conn| {
        let target = load_for_update(conn, target_id)?;
        check_target(&target)?;
        let now = crate::clock::now();
        for &id in merged_ids {
            let p = load_for_update(conn, id)?;
            check_merged(&p, &target)?;
            store::proposals::merge_supports(conn, id, target_id, now)?;
            store::proposals::set_merged_into(conn, id, target_id, now)?;
            store::proposals::set_state(conn, id, ProposalState::Withdrawn, now)?;
            record(
                conn,
                &p,
                Some(p.state),
                ProposalState::Withdrawn,
                Some(t!("merged-into", target = target_id, reason = reason)),
                Some(caller.id()),
                public_url,
            )?;
        }
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: "proposals_merged",
                entity_type: "proposal",
                entity_id: target_id.to_string(),
                details: serde_json::json!({"merged": merged_ids, "reason": reason}),
            },
        )?;
        load(conn, target_id)
    })
}
