//! Taking a project off an open ballot. The project stays listed on the round with when and
//! why; ballots that name it keep counting for their other choices, and the counting and the
//! `.pb` export leave it out.

use super::*;
use crate::error::Thing;

/// An administrator takes a project off an open round's ballot, with a reason, so that it can
/// be hidden or is no longer offered (the proposal becomes `withdrawn`).
pub fn withdraw_project(
    conn: &mut DbConnection,
    caller: &Caller,
    round_id: i64,
    proposal_id: i64,
    reason: &str,
    public_url: &str,
) -> ApiResult<RoundDetail> {
    caller.require_admin()?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 1000 {
        return Err(ApiError::invalid(
            "reason",
            t!("length-between", min = 1, max = 1000),
        ));
    }
    db::write_transaction(conn, |conn| {
        let round = store::rounds::find_for_update(conn, round_id)?
            .ok_or_else(|| ApiError::not_found(Thing::Round))?;
        if round.status != RoundStatus::Open {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!(
                    "the-round-is-only-an-open-round",
                    status = t!("round-status", name = round.status.as_str())
                ),
            ));
        }
        let proposal = store::proposals::find_for_update(conn, proposal_id)?.ok_or_else(|| {
            ApiError::invalid_coded("proposal_id", "not_found", t!("no-such-proposal"))
        })?;
        let now = crate::clock::now();
        if !store::rounds::withdraw_project(conn, round_id, proposal_id, reason, now)? {
            return Err(ApiError::invalid(
                "proposal_id",
                t!("is-not-on-this-round-s-ballot"),
            ));
        }
        if store::rounds::projects(conn, round_id)?.is_empty() {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!("this-is-the-last-project-on-the"),
            ));
        }
        if store::proposals::move_state(
            conn,
            proposal_id,
            ProposalState::OnBallot,
            ProposalState::Withdrawn,
            now,
        )? {
            store::proposals::add_event(
                conn,
                proposal_id,
                Some(ProposalState::OnBallot),
                ProposalState::Withdrawn,
                Some(reason),
                Some(caller.id()),
                now,
            )?;
        }
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: "project_withdrawn_from_ballot",
                entity_type: "round",
                entity_id: round_id.to_string(),
                details: serde_json::json!({"proposal_id": proposal_id, "reason": reason}),
            },
        )?;
        crate::service::proposals::notify_author(
            conn,
            &proposal,
            "withdrawn_from_ballot",
            Some(&t!("as-written", text = reason)),
            public_url,
        )?;
        detail(conn, round_id)
    })
}
