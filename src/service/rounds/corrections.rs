//! Correcting a round an administrator got wrong: before its first ballot it is cancelled or
//! moved, with a reason, audited, and the residents who were told it opened hear of it; after
//! the first ballot only closing early (with a reason, see `close`) remains.

use super::*;
use crate::error::Thing;

/// Calls a round off before anyone voted; it keeps its record and frees its envelope.
pub fn cancel(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    reason: &str,
    public_url: &str,
) -> ApiResult<Round> {
    caller.require_admin()?;
    let reason = checked_reason(reason)?;
    db::write_transaction(conn, |conn| {
        let round = unvoted_round(conn, id, "cancelled")?;
        let now = crate::clock::now();
        let was_open = round.status == RoundStatus::Open;
        if was_open {
            take_projects_off(conn, &round, Some(caller.id()), now)?;
        }
        store::rounds::cancel(conn, id, reason, now)?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: "round_cancelled",
                entity_type: "round",
                entity_id: id.to_string(),
                details: serde_json::json!({"reason": reason, "was": round.status.as_str()}),
            },
        )?;
        if was_open {
            let news = RoundNews::CalledOff {
                reason,
                opens_again: None,
            };
            notify_residents(conn, &round, news, public_url)?;
        }
        find(conn, id)
    })
}

/// Moves a round that nobody voted in to a new window; an open one goes back to scheduled.
pub fn reschedule(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    (opens_at, closes_at): (NaiveDateTime, NaiveDateTime),
    reason: &str,
    public_url: &str,
) -> ApiResult<Round> {
    caller.require_admin()?;
    let reason = checked_reason(reason)?;
    let now = crate::clock::now();
    if opens_at <= now {
        return Err(ApiError::invalid(
            "opens_at",
            t!("a-moved-round-opens-later-than-now"),
        ));
    }
    if closes_at <= opens_at {
        return Err(ApiError::invalid("closes_at", t!("must-be-after-opens-at")));
    }
    db::write_transaction(conn, |conn| {
        let round = unvoted_round(conn, id, "moved")?;
        let was_open = round.status == RoundStatus::Open;
        if was_open {
            take_projects_off(conn, &round, Some(caller.id()), now)?;
            store::rounds::unopen(conn, id, now)?;
        }
        let mut fields = RoundFields::from(&round);
        fields.opens_at = opens_at;
        fields.closes_at = closes_at;
        store::rounds::update(conn, id, &fields, now)?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: "round_rescheduled",
                entity_type: "round",
                entity_id: id.to_string(),
                details: serde_json::json!({
                    "reason": reason,
                    "from": [round.opens_at, round.closes_at],
                    "to": [opens_at, closes_at],
                    "was": round.status.as_str(),
                }),
            },
        )?;
        if was_open {
            let news = RoundNews::CalledOff {
                reason,
                opens_again: Some(opens_at),
            };
            notify_residents(conn, &round, news, public_url)?;
        }
        find(conn, id)
    })
}

fn checked_reason(reason: &str) -> ApiResult<&str> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 1000 {
        return Err(ApiError::invalid(
            "reason",
            t!("length-between", min = 1, max = 1000),
        ));
    }
    Ok(reason)
}

/// The round, locked, when it is scheduled or open without a single ballot.
fn unvoted_round(conn: &mut DbConnection, id: i64, what: &str) -> ApiResult<Round> {
    let round = store::rounds::find_for_update(conn, id)?
        .ok_or_else(|| ApiError::not_found(Thing::Round))?;
    match round.status {
        RoundStatus::Scheduled => Ok(round),
        RoundStatus::Open if store::rounds::ballot_count(conn, id)? == 0 => Ok(round),
        RoundStatus::Open => Err(ApiError::new(
            ErrorCode::Conflict,
            t!("residents-have-voted-in-this-round-so", what = what),
        )),
        RoundStatus::Closed => Err(ApiError::new(
            ErrorCode::Conflict,
            t!("the-round-is-closed-and-cannot-be", what = what),
        )),
    }
}

/// The projects an open round put on its ballot go back to feasible.
fn take_projects_off(
    conn: &mut DbConnection,
    round: &Round,
    actor: Option<i64>,
    now: NaiveDateTime,
) -> ApiResult<()> {
    for (proposal_id, _) in store::rounds::projects(conn, round.id)? {
        if store::proposals::move_state(
            conn,
            proposal_id,
            ProposalState::OnBallot,
            ProposalState::Feasible,
            now,
        )? {
            store::proposals::add_event(
                conn,
                proposal_id,
                Some(ProposalState::OnBallot),
                ProposalState::Feasible,
                Some("the round was called off before anyone voted"),
                actor,
                now,
            )?;
        }
    }
    Ok(())
}
