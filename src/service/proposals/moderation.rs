//! Reports by residents and moderation by area workers and administrators.

use super::*;

/// A signed-in resident reports a proposal to its moderators, once. When the edition sets a
/// threshold, the report that reaches it hides the proposal until a moderator decides (unless it
/// is on an open ballot, where only an administrator takes it off).
pub fn report(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    reason: &str,
    public_url: &str,
) -> ApiResult<()> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 1000 {
        return Err(ApiError::invalid(
            "reason",
            t!("length-between", min = 1, max = 1000),
        ));
    }
    db::write_transaction(conn, |conn| {
        let p = load_for_update(conn, id)?;
        check_visible(conn, &p, Some(caller))?;
        let now = crate::clock::now();
        if !store::proposal_reports::add(conn, id, caller.id(), reason, now)? {
            return Err(ApiError::new(
                ErrorCode::AlreadyExists,
                t!("you-reported-this-proposal-already-the-moderators"),
            ));
        }
        let threshold = load_edition(conn, p.edition_id)?.report_threshold;
        let open = store::proposal_reports::open_count(conn, id)?;
        if p.hidden
            || threshold.is_none_or(|t| open < i64::from(t))
            || !store::rounds::open_rounds_listing(conn, id)?.is_empty()
        {
            return Ok(());
        }
        let why = t!("hidden-after-reports", count = open);
        store::proposals::set_hidden(conn, id, true, &why.to_string(), now)?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: None,
                action: "proposal_hidden",
                entity_type: "proposal",
                entity_id: id.to_string(),
                details: serde_json::json!({"reason": why.to_string(), "open_reports": open}),
            },
        )?;
        notify_author(conn, &p, "hidden", Some(&why), public_url)
    })
}

/// A reported proposal as moderators see it: its reports (never who made them).
pub struct ReportedProposal {
    pub proposal: Proposal,
    pub reports: Vec<store::proposal_reports::Report>,
}

/// The moderation queue: reported proposals with open reports (or, with `open` false, those
/// whose reports are all handled), for an administrator every area, for an area worker theirs.
pub fn reported(
    conn: &mut DbConnection,
    caller: &Caller,
    open: bool,
    after_id: Option<i64>,
    limit: i64,
) -> ApiResult<Vec<ReportedProposal>> {
    let areas = (!caller.is_admin()).then(|| caller.worker_areas());
    if areas.as_ref().is_some_and(Vec::is_empty) {
        return Err(ApiError::forbidden(t!(
            "the-reports-are-read-by-area-workers"
        )));
    }
    store::proposal_reports::reported_proposals(conn, open, areas.as_deref(), after_id, limit)?
        .into_iter()
        .map(|id| {
            Ok(ReportedProposal {
                proposal: load(conn, id)?,
                reports: store::proposal_reports::of_proposal(conn, id)?,
            })
        })
        .collect()
}

/// One proposal's reports, for a moderator of its area.
pub fn reports_of(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
) -> ApiResult<ReportedProposal> {
    let proposal = load(conn, id)?;
    if !is_moderator(&proposal, caller) {
        return Err(ApiError::forbidden(t!(
            "only-an-area-worker-of-this-area-2"
        )));
    }
    Ok(ReportedProposal {
        reports: store::proposal_reports::of_proposal(conn, id)?,
        proposal,
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
    if reason.is_empty() || reason.chars().count() > 1000 {
        return Err(ApiError::invalid(
            "reason",
            t!("moderation-needs-a-reason-of-1-to"),
        ));
    }
    db::write_transaction(conn, |conn| {
        let p = load_for_update(conn, id)?;
        if !is_moderator(&p, caller) {
            return Err(ApiError::forbidden(t!(
                "only-an-area-worker-of-this-area-2"
            )));
        }
        if hidden && let Some(round) = store::rounds::open_rounds_listing(conn, id)?.first() {
            return Err(ApiError::new(
                ErrorCode::OnOpenBallot,
                t!("the-proposal-is-on-the-open-ballot", round = round),
            ));
        }
        let now = crate::clock::now();
        store::proposals::set_hidden(conn, id, hidden, reason, now)?;
        let handled = store::proposal_reports::handle(conn, id, caller.id(), now)?;
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
                details: serde_json::json!({"reason": reason, "reports_handled": handled}),
            },
        )?;
        notify_author(
            conn,
            &p,
            if hidden { "hidden" } else { "visible" },
            Some(&t!("as-written", text = reason)),
            public_url,
        )?;
        load(conn, id)
    })
}
