//! Reports by residents and moderation by area workers and administrators.

use super::*;

pub fn report(conn: &mut DbConnection, caller: &Caller, id: i64, reason: &str) -> ApiResult<()> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 1000 {
        return Err(ApiError::invalid("reason", "must be 1 to 1000 characters"));
    }
    db::write_transaction(conn, |conn| {
        let p = load(conn, id)?;
        check_visible(conn, &p, Some(caller))?;
        store::proposals::add_report(conn, id, caller.id(), reason, crate::clock::now())?;
        Ok(())
    })
}

/// An area worker of the area, or an administrator, hides or shows a proposal, with a reason.
pub fn moderate(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    hidden: bool,
    reason: &str,
    public_url: &str,
) -> ApiResult<Proposal> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ApiError::invalid("reason", "moderation needs a reason"));
    }
    db::write_transaction(conn, |conn| {
        let p = load_for_update(conn, id)?;
        if !is_moderator(&p, caller) {
            return Err(ApiError::forbidden(
                "only an area worker of this area or an administrator can moderate",
            ));
        }
        if hidden {
            if let Some(round) = store::rounds::open_rounds_listing(conn, id)?.first() {
                return Err(ApiError::new(
                    ErrorCode::OnOpenBallot,
                    format!(
                        "the proposal is on the open ballot of round {round}: an administrator takes it off first (POST /api/v1/rounds/{round}/withdrawals, with a reason)"
                    ),
                ));
            }
        }
        store::proposals::set_hidden(conn, id, hidden, reason, crate::clock::now())?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: if hidden {
                    "proposal_hidden"
                } else {
                    "proposal_shown"
                },
                entity_type: "proposal",
                entity_id: id.to_string(),
                details: serde_json::json!({"reason": reason}),
            },
        )?;
        notify_author(
            conn,
            &p,
            if hidden { "hidden" } else { "visible" },
            Some(reason),
            public_url,
        )?;
        load(conn, id)
    })
}
