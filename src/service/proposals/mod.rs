//! Proposals: writing, submitting, co-signing, moderation, feasibility review and merging.
//! Every state change is recorded in the proposal's public history, audited, and told to its
//! authors and followers through the outbox.

mod drafts;
mod merge;
mod moderation;
mod review;
mod support;
pub use drafts::*;
pub use merge::*;
pub use moderation::*;
pub use review::*;
pub use support::*;

pub mod read;

use serde::Serialize;

use crate::auth::caller::Caller;
use crate::db::{self, DbConnection};
use crate::domain::geo::Outline;
use crate::domain::notification::EventKind;
use crate::domain::phase::Phase;
use crate::domain::proposal::{self, ProposalState, Verdict};
use crate::domain::role::Role;
use crate::error::Thing;
use crate::error::{ApiError, ApiResult, ErrorCode, FieldError};
use crate::i18n::Text;
use crate::mail::templates::Template;
use crate::service::notifications;
use crate::store::{
    self,
    audit::AuditEvent,
    editions::Edition,
    proposals::{Proposal, ProposalContent},
};

pub const MAX_COAUTHORS: usize = 5;

fn phase_closed(action: &str, needed: Phase, edition: &Edition) -> ApiError {
    ApiError::new(
        ErrorCode::PhaseClosed,
        t!(
            "only-in-phase",
            action = action,
            needed = t!("phase", name = needed.as_str()),
            phase = t!("phase", name = edition.phase.as_str())
        ),
    )
}

fn illegal_move(p: &Proposal, to: ProposalState) -> ApiError {
    ApiError::new(
        ErrorCode::Conflict,
        t!(
            "illegal-state-change",
            state = t!("proposal-state", name = p.state.as_str()),
            target = t!("proposal-state", name = to.as_str())
        ),
    )
}

fn load_edition(conn: &mut DbConnection, id: i64) -> ApiResult<Edition> {
    store::editions::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Edition))
}

fn load(conn: &mut DbConnection, id: i64) -> ApiResult<Proposal> {
    store::proposals::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Proposal))
}

fn load_for_update(conn: &mut DbConnection, id: i64) -> ApiResult<Proposal> {
    store::proposals::find_for_update(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Proposal))
}

/// Authors and co-authors.
pub fn is_author(conn: &mut DbConnection, p: &Proposal, caller: &Caller) -> ApiResult<bool> {
    Ok(p.author_id == caller.id()
        || store::proposals::coauthors(conn, p.id)?.contains(&caller.id()))
}

/// Area workers of the proposal's area, and administrators.
pub fn is_moderator(p: &Proposal, caller: &Caller) -> bool {
    caller.is_admin() || p.area_id.is_some_and(|area| caller.works_in_area(area))
}

/// Drafts are seen by their authors and administrators; hidden proposals also by moderators.
/// Everyone else gets a 404, as if they did not exist.
pub fn check_visible(
    conn: &mut DbConnection,
    p: &Proposal,
    caller: Option<&Caller>,
) -> ApiResult<()> {
    let hidden_from_public = p.state == ProposalState::Draft || p.hidden;
    if !hidden_from_public {
        return Ok(());
    }
    if let Some(caller) = caller {
        let author = is_author(conn, p, caller)?;
        let allowed = match p.state {
            ProposalState::Draft => author || caller.is_admin(),
            _ => author || is_moderator(p, caller),
        };
        if allowed {
            return Ok(());
        }
    }
    Err(ApiError::not_found(Thing::Proposal))
}

fn record(
    conn: &mut DbConnection,
    p: &Proposal,
    from: Option<ProposalState>,
    to: ProposalState,
    reason: Option<Text>,
    actor: Option<i64>,
    public_url: &str,
) -> ApiResult<()> {
    let now = crate::clock::now();
    let stored = reason.as_ref().map(Text::to_string);
    let stored = stored.as_deref();
    store::proposals::add_event(conn, p.id, from, to, stored, actor, now)?;
    store::audit::append(
        conn,
        AuditEvent {
            actor_id: actor,
            action: "proposal_state_changed",
            entity_type: "proposal",
            entity_id: p.id.to_string(),
            details: serde_json::json!({"from": from, "to": to, "reason": stored}),
        },
    )?;
    notify_author(conn, p, to.as_str(), reason.as_ref(), public_url)
}

/// Tells the proposal's authors that it reached `state` (or what happened to it) and, unless
/// it concerns moderation, everyone who follows it, its area or its edition: each as they
/// chose for that kind of event.
pub(crate) fn notify_author(
    conn: &mut DbConnection,
    p: &Proposal,
    state: &str,
    reason: Option<&Text>,
    public_url: &str,
) -> ApiResult<()> {
    let mut readers = vec![p.author_id];
    readers.extend(store::proposals::coauthors(conn, p.id)?);
    if !matches!(state, "hidden" | "visible") {
        readers.extend(crate::service::follows::followers_of_proposal(conn, p)?);
    }
    let link = format!("{public_url}/proposals/{}", p.id);
    let kind = EventKind::of_proposal_state(state);
    for reader in notifications::recipients(conn, readers, None)? {
        let reason = reason.map(|r| r.render(reader.locale));
        let template = Template::ProposalStateChanged {
            name: &reader.display_name,
            title: &p.title,
            state,
            reason: reason.as_deref(),
            link: &link,
        };
        notifications::notify(conn, &reader, kind, &template)?;
    }
    Ok(())
}

/// Verified residents of the area (or of any area for a city-wide proposal) write proposals.
fn check_resident(caller: &Caller, area_id: Option<i64>, action: &str) -> ApiResult<()> {
    caller.require_verified_email()?;
    match (caller.resident_area(), area_id) {
        (None, _) => Err(ApiError::new(
            ErrorCode::NotEligible,
            t!(
                "only-verified-residents-can-have-your-residency",
                action = action
            ),
        )),
        (Some(home), Some(area)) if home != area => Err(ApiError::new(
            ErrorCode::NotEligible,
            t!("only-residents-of-this-area-can", action = action),
        )),
        _ => Ok(()),
    }
}
