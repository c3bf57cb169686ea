//! Proposals: writing, submitting, co-signing, moderation, feasibility review and merging.
//! Every state change is recorded in the proposal's public history, audited, and mailed to
//! the author through the outbox.

pub mod read;

use serde::Serialize;

use crate::auth::caller::Caller;
use crate::db::{self, DbConnection};
use crate::domain::geo::Outline;
use crate::domain::phase::Phase;
use crate::domain::proposal::{self, ProposalState, Verdict};
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult, ErrorCode, FieldError};
use crate::mail::{self, templates::Template};
use crate::store::{
    self,
    audit::AuditEvent,
    editions::Edition,
    proposals::{Proposal, ProposalContent},
};

pub const MAX_COAUTHORS: usize = 5;

/// What an author writes.
#[derive(Clone, Debug)]
pub struct Draft {
    pub area_id: Option<i64>,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub category: Option<String>,
    pub estimated_cost_cents: i64,
    pub cost_lines: Vec<(String, i64)>,
    pub location: Option<(f64, f64)>,
    pub coauthor_ids: Vec<i64>,
}

fn phase_closed(action: &str, needed: Phase, edition: &Edition) -> ApiError {
    ApiError::new(
        ErrorCode::PhaseClosed,
        format!(
            "{action} is possible only in the {} phase; the edition is in {}",
            needed.as_str(),
            edition.phase.as_str()
        ),
    )
}

fn illegal_move(p: &Proposal, to: ProposalState) -> ApiError {
    ApiError::new(
        ErrorCode::Conflict,
        format!(
            "a proposal in state {} cannot become {}",
            p.state,
            to.as_str()
        ),
    )
}

fn load_edition(conn: &mut DbConnection, id: i64) -> ApiResult<Edition> {
    store::editions::find(conn, id)?.ok_or_else(|| ApiError::not_found("edition"))
}

fn load(conn: &mut DbConnection, id: i64) -> ApiResult<Proposal> {
    store::proposals::find(conn, id)?.ok_or_else(|| ApiError::not_found("proposal"))
}

fn load_for_update(conn: &mut DbConnection, id: i64) -> ApiResult<Proposal> {
    store::proposals::find_for_update(conn, id)?.ok_or_else(|| ApiError::not_found("proposal"))
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
    Err(ApiError::not_found("proposal"))
}

fn record(
    conn: &mut DbConnection,
    p: &Proposal,
    from: Option<ProposalState>,
    to: ProposalState,
    reason: Option<&str>,
    actor: Option<i64>,
    public_url: &str,
) -> ApiResult<()> {
    let now = crate::clock::now();
    store::proposals::add_event(conn, p.id, from, to, reason, actor, now)?;
    store::audit::append(
        conn,
        AuditEvent {
            actor_id: actor,
            action: "proposal_state_changed",
            entity_type: "proposal",
            entity_id: p.id.to_string(),
            details: serde_json::json!({"from": from, "to": to, "reason": reason}),
        },
    )?;
    notify_author(conn, p, to.as_str(), reason, public_url)
}

fn notify_author(
    conn: &mut DbConnection,
    p: &Proposal,
    state: &str,
    reason: Option<&str>,
    public_url: &str,
) -> ApiResult<()> {
    let Some(author) = store::users::find(conn, p.author_id)? else {
        return Ok(());
    };
    let link = format!("{public_url}/proposals/{}", p.id);
    mail::enqueue(
        conn,
        &author.email,
        author.locale,
        &Template::ProposalStateChanged {
            name: &author.display_name,
            title: &p.title,
            state,
            reason,
            link: &link,
        },
    )?;
    Ok(())
}

/// Checks a draft against the edition and the area; returns the stored form.
fn check_draft(
    conn: &mut DbConnection,
    edition: &Edition,
    author: &Caller,
    draft: &Draft,
) -> ApiResult<ProposalContent> {
    let mut errors = proposal::check_texts(&draft.title, &draft.summary, &draft.body);
    if draft.estimated_cost_cents < 0 {
        errors.push(FieldError::new(
            "estimated_cost_cents",
            "must not be negative",
        ));
    }
    if draft.cost_lines.len() > proposal::COST_LINES_MAX {
        errors.push(FieldError::new(
            "cost_lines",
            format!("at most {} lines", proposal::COST_LINES_MAX),
        ));
    }
    for (i, (description, amount)) in draft.cost_lines.iter().enumerate() {
        if description.trim().is_empty() || description.chars().count() > 200 {
            errors.push(FieldError::new(
                format!("cost_lines[{i}].description"),
                "must be 1 to 200 characters",
            ));
        }
        if *amount < 0 {
            errors.push(FieldError::new(
                format!("cost_lines[{i}].amount_cents"),
                "must not be negative",
            ));
        }
    }
    if !draft.cost_lines.is_empty() {
        let total: i64 = draft.cost_lines.iter().map(|(_, a)| *a).sum();
        if total != draft.estimated_cost_cents {
            errors.push(FieldError::new(
                "cost_lines",
                format!(
                    "add up to {total} cents, not the estimated {}",
                    draft.estimated_cost_cents
                ),
            ));
        }
    }
    let categories = store::editions::categories(conn, edition.id)?;
    if let Some(category) = &draft.category
        && !categories.iter().any(|c| &c.code == category)
    {
        errors.push(FieldError::new(
            "category",
            "is not a category of this edition",
        ));
    }
    let location = match draft.location {
        None => None,
        Some((lat, lon)) => match proposal::check_location(lat, lon) {
            Ok(l) => Some(l),
            Err(e) => {
                errors.push(e);
                None
            }
        },
    };
    if draft.coauthor_ids.len() > MAX_COAUTHORS {
        errors.push(FieldError::new(
            "coauthor_ids",
            format!("at most {MAX_COAUTHORS} co-authors"),
        ));
    }
    for (i, id) in draft.coauthor_ids.iter().enumerate() {
        if *id == author.id() {
            errors.push(FieldError::new(
                format!("coauthor_ids[{i}]"),
                "the author is not a co-author",
            ));
        } else if store::users::find(conn, *id)?.is_none() {
            errors.push(FieldError::new(
                format!("coauthor_ids[{i}]"),
                "no such user",
            ));
        }
    }
    if let Some(area_id) = draft.area_id {
        let participating = store::editions::area_ids(conn, edition.id)?;
        match store::areas::find(conn, area_id)? {
            Some(area) if participating.contains(&area_id) => {
                if let (Some(geometry), Some((lat, lon))) = (&area.geometry, location) {
                    let outline = serde_json::from_str(geometry)
                        .ok()
                        .and_then(|g| Outline::parse(&g).ok());
                    if outline.is_some_and(|o| !o.contains(lon as f64 / 1e6, lat as f64 / 1e6)) {
                        errors.push(FieldError::new(
                            "latitude",
                            "the location lies outside the area",
                        ));
                    }
                }
            }
            _ => errors.push(FieldError::new("area_id", "is not an area of this edition")),
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid_fields(errors));
    }
    Ok(ProposalContent {
        area_id: draft.area_id,
        title: draft.title.trim().to_string(),
        summary: draft.summary.trim().to_string(),
        body: draft.body.clone(),
        category: draft.category.clone(),
        estimated_cost_cents: draft.estimated_cost_cents,
        latitude_e6: location.map(|l| l.0),
        longitude_e6: location.map(|l| l.1),
    })
}

/// Verified residents of the area (or of any area for a city-wide proposal) write proposals.
fn check_resident(caller: &Caller, area_id: Option<i64>, action: &str) -> ApiResult<()> {
    caller.require_verified_email()?;
    match (caller.resident_area(), area_id) {
        (None, _) => Err(ApiError::new(
            ErrorCode::NotEligible,
            format!("only verified residents can {action}: have your residency verified first"),
        )),
        (Some(home), Some(area)) if home != area => Err(ApiError::new(
            ErrorCode::NotEligible,
            format!("only residents of this area can {action}"),
        )),
        _ => Ok(()),
    }
}

pub fn create(
    conn: &mut DbConnection,
    caller: &Caller,
    edition_id: i64,
    draft: Draft,
) -> ApiResult<Proposal> {
    check_resident(caller, draft.area_id, "write a proposal here")?;
    db::write_transaction(conn, |conn| {
        let edition = load_edition(conn, edition_id)?;
        if edition.phase > Phase::Ideas {
            return Err(ApiError::new(
                ErrorCode::PhaseClosed,
                format!(
                    "the ideas phase of this edition is over (it is in {})",
                    edition.phase.as_str()
                ),
            ));
        }
        let content = check_draft(conn, &edition, caller, &draft)?;
        let now = crate::clock::now();
        let created = store::proposals::insert(conn, edition_id, caller.id(), &content, now)?;
        store::proposals::set_cost_lines(conn, created.id, &draft.cost_lines)?;
        store::proposals::set_coauthors(conn, created.id, &draft.coauthor_ids)?;
        store::proposals::add_event(
            conn,
            created.id,
            None,
            ProposalState::Draft,
            None,
            Some(caller.id()),
            now,
        )?;
        Ok(created)
    })
}

#[derive(Serialize)]
struct Snapshot<'a> {
    content: &'a ProposalContentView,
    cost_lines: &'a [(String, i64)],
}

#[derive(Serialize)]
struct ProposalContentView {
    area_id: Option<i64>,
    title: String,
    summary: String,
    body: String,
    category: Option<String>,
    estimated_cost_cents: i64,
    latitude_e6: Option<i64>,
    longitude_e6: Option<i64>,
}

fn snapshot(p: &Proposal, lines: &[(String, i64)]) -> String {
    let content = ProposalContentView {
        area_id: p.area_id,
        title: p.title.clone(),
        summary: p.summary.clone(),
        body: p.body.clone(),
        category: p.category.clone(),
        estimated_cost_cents: p.estimated_cost_cents,
        latitude_e6: p.latitude_e6,
        longitude_e6: p.longitude_e6,
    };
    serde_json::to_string(&Snapshot {
        content: &content,
        cost_lines: lines,
    })
    .unwrap_or_default()
}

/// A change to a proposal: absent fields stay as they are.
#[derive(Default)]
pub struct DraftChange {
    pub area_id: Option<Option<i64>>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub body: Option<String>,
    pub category: Option<Option<String>>,
    pub estimated_cost_cents: Option<i64>,
    pub cost_lines: Option<Vec<(String, i64)>>,
    pub location: Option<Option<(f64, f64)>>,
    pub coauthor_ids: Option<Vec<i64>>,
}

/// Authors change drafts and submitted proposals until the support phase starts. After
/// submission every change keeps the previous text as a version.
pub fn update(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    change: DraftChange,
) -> ApiResult<Proposal> {
    db::write_transaction(conn, |conn| {
        let current = load_for_update(conn, id)?;
        let draft = Draft {
            area_id: change.area_id.unwrap_or(current.area_id),
            title: change
                .title
                .clone()
                .unwrap_or_else(|| current.title.clone()),
            summary: change
                .summary
                .clone()
                .unwrap_or_else(|| current.summary.clone()),
            body: change.body.clone().unwrap_or_else(|| current.body.clone()),
            category: change
                .category
                .clone()
                .unwrap_or_else(|| current.category.clone()),
            estimated_cost_cents: change
                .estimated_cost_cents
                .unwrap_or(current.estimated_cost_cents),
            cost_lines: match &change.cost_lines {
                Some(lines) => lines.clone(),
                None => store::proposals::cost_lines(conn, id)?,
            },
            location: change.location.unwrap_or_else(|| {
                current
                    .latitude_e6
                    .zip(current.longitude_e6)
                    .map(|(lat, lon)| (lat as f64 / 1e6, lon as f64 / 1e6))
            }),
            coauthor_ids: match &change.coauthor_ids {
                Some(ids) => ids.clone(),
                None => store::proposals::coauthors(conn, id)?,
            },
        };
        check_visible(conn, &current, Some(caller))?;
        if !is_author(conn, &current, caller)? {
            return Err(ApiError::forbidden(
                "only the authors can change a proposal",
            ));
        }
        let state = current.state;
        if !matches!(state, ProposalState::Draft | ProposalState::Submitted) {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!("a {} proposal cannot be changed", current.state),
            ));
        }
        let edition = load_edition(conn, current.edition_id)?;
        if edition.phase > Phase::Ideas {
            return Err(ApiError::new(
                ErrorCode::PhaseClosed,
                "proposals can be changed until the support phase starts",
            ));
        }
        if draft.area_id != current.area_id {
            check_resident(caller, draft.area_id, "move a proposal to this area")?;
        }
        let content = check_draft(conn, &edition, caller, &draft)?;
        let now = crate::clock::now();
        let mut version = current.version;
        if state == ProposalState::Submitted {
            let lines = store::proposals::cost_lines(conn, id)?;
            store::proposals::add_version(
                conn,
                id,
                current.version,
                &snapshot(&current, &lines),
                caller.id(),
                now,
            )?;
            version += 1;
        }
        store::proposals::update_content(conn, id, &content, version, now)?;
        store::proposals::set_cost_lines(conn, id, &draft.cost_lines)?;
        store::proposals::set_coauthors(conn, id, &draft.coauthor_ids)?;
        load(conn, id)
    })
}

/// Submits a draft in the ideas phase, checking the edition's rules.
pub fn submit(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    public_url: &str,
) -> ApiResult<Proposal> {
    db::write_transaction(conn, |conn| {
        let p = load_for_update(conn, id)?;
        check_visible(conn, &p, Some(caller))?;
        if !is_author(conn, &p, caller)? {
            return Err(ApiError::forbidden(
                "only the authors can submit a proposal",
            ));
        }
        check_resident(caller, p.area_id, "submit a proposal here")?;
        let edition = load_edition(conn, p.edition_id)?;
        if edition.phase != Phase::Ideas {
            return Err(phase_closed("submitting", Phase::Ideas, &edition));
        }
        if !p.state.can_move_to(ProposalState::Submitted) {
            return Err(illegal_move(&p, ProposalState::Submitted));
        }
        let mut errors = Vec::new();
        if p.estimated_cost_cents < edition.min_cost_cents {
            errors.push(FieldError::new(
                "estimated_cost_cents",
                format!(
                    "must be at least {} cents in this edition",
                    edition.min_cost_cents
                ),
            ));
        }
        if let Some(max) = edition.max_cost_cents
            && p.estimated_cost_cents > max
        {
            errors.push(FieldError::new(
                "estimated_cost_cents",
                format!("must be at most {max} cents in this edition"),
            ));
        }
        let categories = store::editions::categories(conn, edition.id)?;
        if !categories.is_empty() && p.category.is_none() {
            errors.push(FieldError::new(
                "category",
                "choose one of the edition's categories",
            ));
        }
        if let Some(max) = edition.max_proposals_per_resident
            && store::proposals::submitted_count_by_author(conn, edition.id, p.author_id)?
                >= max as i64
        {
            errors.push(FieldError::new(
                "max_proposals_per_resident",
                format!("a resident can submit at most {max} proposals in this edition"),
            ));
        }
        if !errors.is_empty() {
            return Err(ApiError::invalid_fields(errors));
        }
        store::proposals::mark_submitted(conn, id, crate::clock::now())?;
        record(
            conn,
            &p,
            Some(ProposalState::Draft),
            ProposalState::Submitted,
            None,
            Some(caller.id()),
            public_url,
        )?;
        load(conn, id)
    })
}

/// An author withdraws a proposal that is not on a ballot yet.
pub fn withdraw(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    reason: Option<&str>,
    public_url: &str,
) -> ApiResult<Proposal> {
    db::write_transaction(conn, |conn| {
        let p = load_for_update(conn, id)?;
        check_visible(conn, &p, Some(caller))?;
        if !is_author(conn, &p, caller)? {
            return Err(ApiError::forbidden(
                "only the authors can withdraw a proposal",
            ));
        }
        if !p.state.can_move_to(ProposalState::Withdrawn) {
            return Err(illegal_move(&p, ProposalState::Withdrawn));
        }
        store::proposals::set_state(conn, id, ProposalState::Withdrawn, crate::clock::now())?;
        record(
            conn,
            &p,
            Some(p.state),
            ProposalState::Withdrawn,
            reason,
            Some(caller.id()),
            public_url,
        )?;
        load(conn, id)
    })
}

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
            return Err(phase_closed("co-signing", Phase::Support, &edition));
        }
        if p.state != ProposalState::Submitted || p.hidden {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                "this proposal cannot be co-signed",
            ));
        }
        check_resident(caller, p.area_id, "co-sign this proposal")?;
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
    let p = store::proposals::find(conn, id)?.ok_or_else(|| ApiError::not_found("proposal"))?;
    Ok((added, p.support_count))
}

pub fn withdraw_support(conn: &mut DbConnection, caller: &Caller, id: i64) -> ApiResult<()> {
    db::write_transaction(conn, |conn| {
        let p = load_for_update(conn, id)?;
        check_visible(conn, &p, Some(caller))?;
        let edition = load_edition(conn, p.edition_id)?;
        if edition.phase != Phase::Support {
            return Err(phase_closed(
                "withdrawing a support",
                Phase::Support,
                &edition,
            ));
        }
        if !store::proposals::remove_support(conn, id, caller.id())? {
            return Err(ApiError::not_found("support"));
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
            let reason = format!("{} of {} supports needed", p.support_count, threshold);
            record(
                conn,
                &p,
                Some(ProposalState::Submitted),
                to,
                Some(&reason),
                None,
                public_url,
            )?;
            Ok(true)
        })?;
        settled += usize::from(moved);
    }
    Ok(settled)
}

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

/// An administrator sends a proposal to a department for the feasibility review.
pub fn assign_review(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    department: &str,
) -> ApiResult<()> {
    caller.require_admin()?;
    let department = department.trim();
    if department.is_empty() || department.chars().count() > 80 {
        return Err(ApiError::invalid(
            "department",
            "must be 1 to 80 characters",
        ));
    }
    db::write_transaction(conn, |conn| {
        let p = load_for_update(conn, id)?;
        let edition = load_edition(conn, p.edition_id)?;
        if edition.phase != Phase::Review {
            return Err(phase_closed("assigning reviews", Phase::Review, &edition));
        }
        if !matches!(
            p.state,
            ProposalState::ThresholdReached | ProposalState::Feasible | ProposalState::Infeasible
        ) {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!("a {} proposal is not reviewed", p.state),
            ));
        }
        store::proposals::assign_review(conn, id, department, caller.id(), crate::clock::now())?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: "review_assigned",
                entity_type: "proposal",
                entity_id: id.to_string(),
                details: serde_json::json!({"department": department}),
            },
        )?;
        Ok(())
    })
}

pub struct ReviewInput {
    pub feasible: bool,
    pub public_explanation: String,
    pub reviewed_cost_cents: Option<i64>,
    pub internal_notes: Option<String>,
}

/// Reviewing needs the reviewer role; handlers check it before reading the body, so nobody
/// else learns the body's rules.
pub fn require_reviewer(caller: &Caller) -> ApiResult<()> {
    if caller.has(Role::Reviewer) || caller.is_admin() {
        Ok(())
    } else {
        Err(ApiError::forbidden("this needs the reviewer role"))
    }
}

/// A reviewer of the assigned department records the verdict during the review phase.
pub fn review(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    input: ReviewInput,
    public_url: &str,
) -> ApiResult<Proposal> {
    if !caller.has(Role::Reviewer) && !caller.is_admin() {
        return Err(ApiError::forbidden("this needs the reviewer role"));
    }
    let mut errors = Vec::new();
    let explanation = input.public_explanation.trim();
    if explanation.is_empty() || explanation.chars().count() > 5000 {
        errors.push(FieldError::new(
            "public_explanation",
            "a verdict needs a public explanation (1 to 5000 characters)",
        ));
    }
    match (input.feasible, input.reviewed_cost_cents) {
        (true, None) => errors.push(FieldError::new(
            "reviewed_cost_cents",
            "is required when the proposal is feasible",
        )),
        (_, Some(cost)) if cost < 0 => errors.push(FieldError::new(
            "reviewed_cost_cents",
            "must not be negative",
        )),
        _ => {}
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid_fields(errors));
    }
    db::write_transaction(conn, |conn| {
        let p = load_for_update(conn, id)?;
        let edition = load_edition(conn, p.edition_id)?;
        if edition.phase != Phase::Review {
            return Err(phase_closed("reviewing", Phase::Review, &edition));
        }
        let assignment = store::proposals::review(conn, id)?;
        let department_ok = assignment.as_ref().is_some_and(|a| {
            caller
                .reviewer_departments()
                .contains(&a.department.as_str())
        });
        if !caller.is_admin() && !department_ok {
            return Err(ApiError::forbidden(
                "this proposal is not assigned to your department",
            ));
        }
        if assignment.is_none() {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                "assign the proposal to a department first",
            ));
        }
        let verdict = if input.feasible {
            Verdict::Feasible
        } else {
            Verdict::Infeasible
        };
        let to = verdict.state();
        let from = p.state;
        if from != to && !from.can_move_to(to) {
            return Err(illegal_move(&p, to));
        }
        store::proposals::record_verdict(
            conn,
            id,
            &store::proposals::ReviewVerdict {
                reviewer_id: caller.id(),
                verdict,
                public_explanation: explanation,
                internal_notes: input.internal_notes.as_deref(),
                reviewed_cost_cents: input.reviewed_cost_cents,
            },
            crate::clock::now(),
        )?;
        store::proposals::set_state(conn, id, to, crate::clock::now())?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: "review_recorded",
                entity_type: "proposal",
                entity_id: id.to_string(),
                details: serde_json::json!({"verdict": to.as_str(), "reviewed_cost_cents": input.reviewed_cost_cents}),
            },
        )?;
        record(
            conn,
            &p,
            Some(p.state),
            to,
            Some(explanation),
            Some(caller.id()),
            public_url,
        )?;
        load(conn, id)
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
    caller.require_admin()?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ApiError::invalid("reason", "a merge needs a reason"));
    }
    if merged_ids.is_empty() || merged_ids.contains(&target_id) {
        return Err(ApiError::invalid(
            "proposal_ids",
            "list the other proposals to merge into this one",
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
                format!("a {} proposal cannot receive a merge", target.state),
            ));
        }
        let now = crate::clock::now();
        for &id in merged_ids {
            let p = load_for_update(conn, id)?;
            if p.edition_id != target.edition_id || !mergeable(&p) {
                return Err(ApiError::invalid(
                    "proposal_ids",
                    format!("proposal {id} cannot be merged into {target_id}"),
                ));
            }
            store::proposals::merge_supports(conn, id, target_id, now)?;
            store::proposals::set_merged_into(conn, id, target_id, now)?;
            store::proposals::set_state(conn, id, ProposalState::Withdrawn, now)?;
            let why = format!("merged into proposal {target_id}: {reason}");
            record(
                conn,
                &p,
                Some(p.state),
                ProposalState::Withdrawn,
                Some(&why),
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
