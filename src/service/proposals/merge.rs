//! Merging proposals into one.

use super::*;

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
    caller.require_admin()?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ApiError::invalid("reason", t!("a-merge-needs-a-reason")));
    }
    if merged_ids.is_empty() || merged_ids.contains(&target_id) {
        return Err(ApiError::invalid(
            "proposal_ids",
            t!("list-the-other-proposals-to-merge-into"),
        ));
    }
    db::write_transaction(conn, |conn| {
        let target = load_for_update(conn, target_id)?;
        let mergeable = |p: &Proposal| {
            matches!(
                p.state,
                ProposalState::Submitted
                    | ProposalState::ThresholdReached
                    | ProposalState::Feasible
            )
        };
        if !mergeable(&target) {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!(
                    "a-proposal-cannot-receive-a-merge",
                    state = t!("proposal-state", name = target.state.as_str())
                ),
            ));
        }
        let now = crate::clock::now();
        for &id in merged_ids {
            let p = load_for_update(conn, id)?;
            if p.edition_id != target.edition_id || !mergeable(&p) {
                return Err(ApiError::invalid(
                    "proposal_ids",
                    t!(
                        "proposal-cannot-be-merged-into",
                        id = id,
                        target_id = target_id
                    ),
                ));
            }
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
