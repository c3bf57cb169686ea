//! Co-signing proposals and settling the support phase.

use super::*;
use crate::error::Thing;

/// Co-signs a proposal during the support phase. Returns false when the caller had already
/// supported it (nothing changes).
pub fn support(conn: &mut DbConnection, caller: &Caller, id: i64) -> ApiResult<bool> {
    db::write_transaction(conn, |conn| {
        // The row lock serialises concurrent supports of one proposal, so the check below
        // cannot be raced; the primary key (proposal, user) is the last line of defence.
        let p = load_for_update(conn, id)?;
        check_visible(conn, &p, Some(caller))?;
        let edition = load_edition(conn, p.edition_id)?;
        if edition.phase != Phase::Support {
            return Err(phase_closed("co_sign", Phase::Support, &edition));
        }
        if p.state != ProposalState::Submitted || p.hidden {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                t!("this-proposal-cannot-be-co-signed"),
            ));
        }
        check_resident(caller, p.area_id, "co_sign")?;
        Ok(store::proposals::add_support(
            conn,
            id,
            caller.id(),
            crate::clock::now(),
        )?)
    })
}

/// Co-signs and counts: (whether this call added the support, the support count after it). A
/// concurrent duplicate that reached the database's unique key was already supported.
pub fn support_and_count(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
) -> ApiResult<(bool, i64)> {
    let added = match support(conn, caller, id) {
        Ok(added) => added,
        Err(e) if e.code == ErrorCode::AlreadyExists => false,
        Err(e) => return Err(e),
    };
    let p =
        store::proposals::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Proposal))?;
    Ok((added, p.support_count))
}

pub fn withdraw_support(conn: &mut DbConnection, caller: &Caller, id: i64) -> ApiResult<()> {
    db::write_transaction(conn, |conn| {
        let p = load_for_update(conn, id)?;
        check_visible(conn, &p, Some(caller))?;
        let edition = load_edition(conn, p.edition_id)?;
        if edition.phase != Phase::Support {
            return Err(phase_closed("withdraw_support", Phase::Support, &edition));
        }
        if !store::proposals::remove_support(conn, id, caller.id())? {
            return Err(ApiError::not_found(Thing::Support));
        }
        Ok(())
    })
}

/// The end of the support phase: submitted proposals with enough supports go on to review,
/// the others expire. Idempotent; runs when the phase changes, at start-up and periodically.
pub fn settle_support_phase(conn: &mut DbConnection, public_url: &str) -> ApiResult<usize> {
    let waiting = store::proposals::awaiting_threshold(conn)?;
    let mut settled = 0;
    for (p, threshold) in waiting {
        let to = if p.support_count >= threshold as i64 {
            ProposalState::ThresholdReached
        } else {
            ProposalState::Expired
        };
        let moved = db::write_transaction(conn, |conn| -> ApiResult<bool> {
            if !store::proposals::move_state(
                conn,
                p.id,
                ProposalState::Submitted,
                to,
                crate::clock::now(),
            )? {
                return Ok(false);
            }
            record(
                conn,
                &p,
                Some(ProposalState::Submitted),
                to,
                Some(t!(
                    "supports-needed",
                    count = p.support_count,
                    threshold = threshold
                )),
                None,
                public_url,
            )?;
            Ok(true)
        })?;
        settled += usize::from(moved);
    }
    Ok(settled)
}
