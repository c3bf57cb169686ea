//! Comments on proposals: written by verified residents and staff (staff may answer for the
//! city, shown with a badge), one level of replies deep, changed by their author for a short
//! while (the change is shown), taken back by their author (the place says "removed"), reported
//! by anyone signed in and hidden or shown by the proposal's moderators, with a reason.
//! Comments close when the proposal's edition closes.

use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::caller::Caller;
use crate::db::{self, DbConnection};
use crate::domain::comment;
use crate::domain::markdown;
use crate::domain::notification::EventKind;
use crate::domain::phase::Phase;
use crate::domain::role::Role;
use crate::error::{ApiError, ApiResult, ErrorCode, Thing};
use crate::mail::templates::Template;
use crate::service::proposals::{check_visible, is_moderator};
use crate::service::rate_limit::{self, Limit};
use crate::service::{follows, notifications, search};
use crate::store::proposals::Proposal;
use crate::store::{self, audit::AuditEvent, comments::Comment};

/// Comments one person may write in a quarter of an hour.
pub const COMMENTS_PER_PERSON: Limit = Limit {
    name: "comment-person",
    max: 10,
    window_seconds: 15 * 60,
};

/// A comment as the API and the site show it.
#[derive(Serialize, ToSchema, Clone)]
pub struct CommentView {
    pub id: i64,
    /// The comment it answers; absent for a comment on the proposal itself.
    pub parent_id: Option<i64>,
    /// The milestone of the proposal's implementation it is about, if any.
    pub milestone_id: Option<i64>,
    pub author_id: i64,
    /// Empty for a former resident, who erased their account.
    pub author_name: String,
    /// The author answers for the city (a member of staff who chose to).
    pub official: bool,
    /// The text as written (Markdown); empty once removed or, for everyone but moderators,
    /// hidden.
    pub body: String,
    /// The text as sanitised HTML.
    pub body_html: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// When its author last changed it.
    pub edited_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Its author took it back.
    pub removed: bool,
    /// A moderator hid it.
    pub hidden: bool,
    /// Why it was hidden (shown to everyone, so the discussion stays readable).
    pub hidden_reason: Option<String>,
    /// The caller may still change it.
    pub editable: bool,
}

fn view(
    conn: &mut DbConnection,
    c: Comment,
    caller: Option<&Caller>,
    p: &Proposal,
) -> ApiResult<CommentView> {
    let author_name = store::users::find(conn, c.author_id)?
        .filter(|u| u.erased_at.is_none())
        .map(|u| u.display_name)
        .unwrap_or_default();
    let moderator = caller.is_some_and(|caller| is_moderator(p, caller));
    let shown = c.removed_at.is_none() && (!c.hidden || moderator);
    let body = if shown { c.body } else { String::new() };
    let now = crate::clock::now();
    Ok(CommentView {
        id: c.id,
        parent_id: c.parent_id,
        milestone_id: c.milestone_id,
        author_id: c.author_id,
        author_name,
        official: c.official,
        body_html: markdown::render_comment(&body),
        body,
        created_at: c.created_at.and_utc(),
        edited_at: c.edited_at.map(|at| at.and_utc()),
        removed: c.removed_at.is_some(),
        hidden: c.hidden,
        hidden_reason: c.hidden_reason.filter(|_| c.hidden),
        editable: caller.is_some_and(|caller| caller.id() == c.author_id)
            && c.removed_at.is_none()
            && !c.hidden
            && comment::still_editable(c.created_at, now),
    })
}

pub(crate) fn proposal_of(
    conn: &mut DbConnection,
    id: i64,
    caller: Option<&Caller>,
) -> ApiResult<Proposal> {
    let p =
        store::proposals::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Proposal))?;
    check_visible(conn, &p, caller)?;
    Ok(p)
}

/// Every comment on a proposal, oldest first; replies carry their parent's id.
pub fn list(
    conn: &mut DbConnection,
    caller: Option<&Caller>,
    proposal_id: i64,
) -> ApiResult<Vec<CommentView>> {
    let p = proposal_of(conn, proposal_id, caller)?;
    store::comments::of_proposal(conn, proposal_id)?
        .into_iter()
        .map(|c| view(conn, c, caller, &p))
        .collect()
}

/// Whether the caller may answer for the city on this proposal.
fn speaks_for_the_city(caller: &Caller, p: &Proposal) -> bool {
    caller.is_admin()
        || caller.has(Role::Reviewer)
        || caller.has(Role::Council)
        || caller.has(Role::Finance)
        || p.area_id.is_some_and(|area| caller.works_in_area(area))
}

/// What a new comment says and where it goes.
pub struct NewComment {
    pub body: String,
    pub parent_id: Option<i64>,
    /// A milestone of the proposal's implementation the comment is about.
    pub milestone_id: Option<i64>,
    pub official: bool,
}

pub(crate) fn check_open(conn: &mut DbConnection, p: &Proposal) -> ApiResult<()> {
    let edition = store::editions::find(conn, p.edition_id)?
        .ok_or_else(|| ApiError::not_found(Thing::Edition))?;
    if edition.phase == Phase::Closed {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            t!("comments-are-closed"),
        ));
    }
    if p.hidden || p.state == crate::domain::proposal::ProposalState::Draft {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            t!("comments-are-closed"),
        ));
    }
    Ok(())
}

pub fn add(
    conn: &mut DbConnection,
    caller: &Caller,
    proposal_id: i64,
    new: NewComment,
    public_url: &str,
) -> ApiResult<CommentView> {
    caller.require_verified_email()?;
    let body = comment::check_body(&new.body).map_err(|e| ApiError::invalid_fields(vec![e]))?;
    let p = proposal_of(conn, proposal_id, Some(caller))?;
    if new.official && !speaks_for_the_city(caller, &p) {
        return Err(ApiError::forbidden(t!("only-staff-answer-for-the-city")));
    }
    check_open(conn, &p)?;
    if let Some(parent_id) = new.parent_id {
        let answerable = store::comments::find(conn, parent_id)?
            .is_some_and(|parent| parent.proposal_id == proposal_id && parent.parent_id.is_none());
        if !answerable {
            return Err(ApiError::invalid(
                "parent_id",
                t!("a-reply-answers-a-comment-on-this-proposal"),
            ));
        }
    }
    if let Some(milestone_id) = new.milestone_id {
        let of_this_proposal = store::milestones::find(conn, milestone_id)?
            .is_some_and(|m| m.proposal_id == proposal_id);
        if !of_this_proposal {
            return Err(ApiError::invalid(
                "milestone_id",
                t!("is-not-a-milestone-of-this-proposal"),
            ));
        }
    }
    rate_limit::take(conn, &[(&COMMENTS_PER_PERSON, &caller.id().to_string())])?;
    let created = db::write_transaction(conn, |conn| {
        let created = store::comments::insert(
            conn,
            &store::comments::NewComment {
                proposal_id,
                parent_id: new.parent_id,
                milestone_id: new.milestone_id,
                author_id: caller.id(),
                body: &body,
                official: new.official,
            },
            crate::clock::now(),
        )?;
        search::index_comment(conn, &created)?;
        tell_the_authors(conn, &p, caller, public_url)?;
        Ok::<_, ApiError>(created)
    })?;
    view(conn, created, Some(caller), &p)
}

/// Tells the proposal's authors and those who follow it, once each (not the commenter), as
/// each chose for new comments.
fn tell_the_authors(
    conn: &mut DbConnection,
    p: &Proposal,
    commenter: &Caller,
    public_url: &str,
) -> ApiResult<()> {
    let mut authors = vec![p.author_id];
    authors.extend(store::proposals::coauthors(conn, p.id)?);
    // Followers of its area or edition hear of what happens to the proposal, not of every
    // comment under it.
    let followers = follows::followers_of(conn, &[(follows::Subject::Proposal, p.id)])?;
    let everyone = authors.iter().chain(&followers).copied();
    let link = format!("{public_url}/proposals/{}#comments", p.id);
    for reader in notifications::recipients(conn, everyone, Some(commenter.id()))? {
        let template = Template::CommentAdded {
            name: &reader.display_name,
            title: &p.title,
            commenter: &commenter.user.display_name,
            on_yours: authors.contains(&reader.id),
            link: &link,
        };
        notifications::notify(conn, &reader, EventKind::NewComment, &template)?;
    }
    Ok(())
}

/// The comment and its proposal, for its author to change or take back.
pub(crate) fn own_comment(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
) -> ApiResult<(Comment, Proposal)> {
    let c = store::comments::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Comment))?;
    let p = proposal_of(conn, c.proposal_id, Some(caller))?;
    if c.author_id != caller.id() {
        return Err(ApiError::forbidden(t!("only-its-author-changes-a-comment")));
    }
    if c.removed_at.is_some() {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            t!("the-comment-is-removed"),
        ));
    }
    Ok((c, p))
}

/// Its author changes a comment within the first minutes; the change is shown.
pub fn edit(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    body: &str,
) -> ApiResult<CommentView> {
    let body = comment::check_body(body).map_err(|e| ApiError::invalid_fields(vec![e]))?;
    let (c, p) = own_comment(conn, caller, id)?;
    check_open(conn, &p)?;
    if c.hidden || !comment::still_editable(c.created_at, crate::clock::now()) {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            t!(
                "a-comment-can-be-changed-for-minutes",
                minutes = comment::EDIT_MINUTES
            ),
        ));
    }
    let changed = db::write_transaction(conn, |conn| {
        store::comments::set_body(conn, id, &body, crate::clock::now())?;
        let changed =
            store::comments::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Comment))?;
        search::index_comment(conn, &changed)?;
        Ok::<_, ApiError>(changed)
    })?;
    view(conn, changed, Some(caller), &p)
}

/// Its author takes a comment back; its place in the discussion says so.
pub fn remove(conn: &mut DbConnection, caller: &Caller, id: i64) -> ApiResult<()> {
    own_comment(conn, caller, id)?;
    db::write_transaction(conn, |conn| {
        store::comments::remove(conn, id, crate::clock::now())?;
        if let Some(removed) = store::comments::find(conn, id)? {
            search::index_comment(conn, &removed)?;
        }
        Ok(())
    })
}

/// Anyone signed in reports a comment to the proposal's moderators, once.
pub fn report(conn: &mut DbConnection, caller: &Caller, id: i64, reason: &str) -> ApiResult<()> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 1000 {
        return Err(ApiError::invalid(
            "reason",
            t!("length-between", min = 1, max = 1000),
        ));
    }
    let c = store::comments::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Comment))?;
    proposal_of(conn, c.proposal_id, Some(caller))?;
    if !store::comments::add_report(conn, id, caller.id(), reason, crate::clock::now())? {
        return Err(ApiError::new(
            ErrorCode::AlreadyExists,
            t!("you-reported-this-comment-already"),
        ));
    }
    Ok(())
}

/// A moderator of the proposal hides or shows a comment with a reason (audited); the decision
/// handles the comment's open reports.
pub fn moderate(
    conn: &mut DbConnection,
    caller: &Caller,
    id: i64,
    hidden: bool,
    reason: &str,
) -> ApiResult<CommentView> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 1000 {
        return Err(ApiError::invalid(
            "reason",
            t!("length-between", min = 1, max = 1000),
        ));
    }
    let c = store::comments::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Comment))?;
    let p = proposal_of(conn, c.proposal_id, Some(caller))?;
    if !is_moderator(&p, caller) {
        return Err(ApiError::forbidden(t!(
            "only-an-area-worker-of-this-area-2"
        )));
    }
    db::write_transaction(conn, |conn| {
        let now = crate::clock::now();
        store::comments::set_hidden(conn, id, hidden, reason)?;
        if let Some(moderated) = store::comments::find(conn, id)? {
            search::index_comment(conn, &moderated)?;
        }
        store::comments::handle_reports(conn, id, caller.id(), now)?;
        store::audit::append(
            conn,
            AuditEvent {
                actor_id: Some(caller.id()),
                action: if hidden {
                    "comment_hidden"
                } else {
                    "comment_shown"
                },
                entity_type: "comment",
                entity_id: id.to_string(),
                details: serde_json::json!({"proposal_id": p.id, "reason": reason}),
            },
        )?;
        Ok::<_, ApiError>(())
    })?;
    let changed =
        store::comments::find(conn, id)?.ok_or_else(|| ApiError::not_found(Thing::Comment))?;
    view(conn, changed, Some(caller), &p)
}

/// A reported comment as its moderators see it: the comment, its proposal, and the reasons of
/// its open reports (never who made them).
pub struct ReportedComment {
    pub comment: CommentView,
    pub proposal_id: i64,
    pub proposal_title: String,
    pub reasons: Vec<String>,
}

/// The comments with open reports that the caller moderates (an administrator every area, an
/// area worker theirs), oldest report first.
pub fn reported(conn: &mut DbConnection, caller: &Caller) -> ApiResult<Vec<ReportedComment>> {
    if !caller.is_admin() && caller.worker_areas().is_empty() {
        return Err(ApiError::forbidden(t!(
            "the-reports-are-read-by-area-workers"
        )));
    }
    let mut found: Vec<ReportedComment> = Vec::new();
    for (report, c) in store::comments::open_reports(conn)? {
        if let Some(known) = found.iter_mut().find(|r| r.comment.id == c.id) {
            known.reasons.push(report.reason);
            continue;
        }
        let Some(p) = store::proposals::find(conn, c.proposal_id)? else {
            continue;
        };
        if !is_moderator(&p, caller) {
            continue;
        }
        found.push(ReportedComment {
            proposal_id: p.id,
            proposal_title: p.title.clone(),
            comment: view(conn, c, Some(caller), &p)?,
            reasons: vec![report.reason],
        });
    }
    Ok(found)
}
