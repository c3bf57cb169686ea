//! Moderators at work: the reported proposals of their areas, hiding or showing one with a
//! reason, and (for administrators) merging duplicates after a preview of the result.

use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use askama::Template;
use serde::Deserialize;

use super::listing::{Listing, SortColumn, by_text, listing};
use super::staff;
use crate::api::blocking;
use crate::auth::caller::Caller;
use crate::error::{ApiError, FieldError};
use crate::service::comments;
use crate::service::proposals::read::{self, ProposalView};
use crate::service::proposals::{self, MergePreview};
use crate::state::AppState;
use crate::web::page::{ErrorItem, Field, Page, see_other};
use crate::web::rounds::failure;

/// As many reported proposals as one page lists.
const QUEUE_SHOWN: i64 = 100;

struct Reported {
    id: i64,
    title: String,
    hidden: bool,
    open_reports: usize,
    /// The reasons given, newest first.
    reasons: Vec<String>,
}

/// A reported comment in the queue, with the reasons of its open reports.
struct ReportedCommentRow {
    id: i64,
    proposal_id: i64,
    proposal_title: String,
    author: String,
    body_html: String,
    reasons: Vec<String>,
}

fn columns() -> Vec<SortColumn<Reported>> {
    vec![
        SortColumn {
            key: "title",
            label: t!("site-round-project"),
            number: false,
            compare: |a, b| by_text(&a.title, &b.title),
        },
        SortColumn {
            key: "reports",
            label: t!("site-moderation-open-reports"),
            number: true,
            compare: |a, b| a.open_reports.cmp(&b.open_reports),
        },
        SortColumn {
            key: "reasons",
            label: t!("site-moderation-reasons"),
            number: false,
            compare: |a, b| by_text(&a.reasons.join(" "), &b.reasons.join(" ")),
        },
    ]
}

#[derive(Template)]
#[template(path = "console_moderation.html")]
struct QueuePage {
    page: Page,
    /// The queue shows handled reports instead of open ones.
    handled: bool,
    listing: Listing<Reported>,
    /// The reported comments waiting for a decision.
    comments: Vec<ReportedCommentRow>,
    /// A decision was just recorded: the page says so.
    decided: bool,
}

#[derive(Deserialize)]
pub struct QueueQuery {
    /// `handled` for the reports already decided on.
    status: Option<String>,
    decided: Option<i64>,
    /// The comment just decided on.
    comment: Option<i64>,
}

pub async fn queue(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<QueueQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    let caller = match staff(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let handled = query.status.as_deref() == Some("handled");
    let found = blocking::run(&state.pool, move |conn| {
        let reported = proposals::reported(conn, &caller, !handled, None, QUEUE_SHOWN)?;
        let comments = if handled {
            Vec::new()
        } else {
            comments::reported(conn, &caller)?
        };
        Ok((reported, comments))
    })
    .await;
    match found {
        Ok((found, reported_comments)) => page.render(&QueuePage {
            comments: reported_comments
                .into_iter()
                .map(|r| ReportedCommentRow {
                    id: r.comment.id,
                    proposal_id: r.proposal_id,
                    proposal_title: r.proposal_title,
                    author: r.comment.author_name,
                    body_html: r.comment.body_html,
                    reasons: r.reasons,
                })
                .collect(),
            listing: listing(
                &req,
                &page,
                found
                    .into_iter()
                    .map(|r| Reported {
                        id: r.proposal.id,
                        title: r.proposal.title,
                        hidden: r.proposal.hidden,
                        open_reports: r.reports.iter().filter(|r| r.handled_at.is_none()).count(),
                        reasons: r.reports.into_iter().rev().map(|r| r.reason).collect(),
                    })
                    .collect(),
                &columns(),
            ),
            handled,
            decided: query.decided.is_some() || query.comment.is_some(),
            page: page.clone(),
        }),
        Err(error) => failure(&page, &error),
    }
}

#[derive(Deserialize, Default)]
pub struct DecisionForm {
    /// `hide` or `show`.
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    csrf_token: String,
}

#[derive(Template)]
#[template(path = "console_moderate.html")]
struct DecisionPage {
    page: Page,
    proposal: ProposalView,
    /// Every report: when, the reason, and whether a decision handled it.
    reports: Vec<(String, String, bool)>,
    /// The caller administers, so may merge duplicates into this proposal.
    may_merge: bool,
    form: DecisionForm,
    errors: Vec<ErrorItem>,
}

fn decision_fields() -> [Field; 2] {
    [
        Field {
            name: "hidden",
            label: t!("site-moderate-decision"),
            input: Some("decision-hide"),
        },
        Field::input("reason", t!("site-moderate-reason")),
    ]
}

async fn render_decision(
    page: &Page,
    state: &AppState,
    caller: Caller,
    id: i64,
    form: DecisionForm,
    status: actix_web::http::StatusCode,
    errors: Vec<ErrorItem>,
) -> HttpResponse {
    let may_merge = caller.is_admin();
    let found = blocking::run(&state.pool, move |conn| {
        let reported = proposals::reports_of(conn, &caller, id)?;
        Ok((read::get(conn, id, Some(&caller))?, reported.reports))
    })
    .await;
    let (proposal, reports) = match found {
        Ok(found) => found,
        Err(error) => return failure(page, &error),
    };
    let reports = reports
        .into_iter()
        .rev()
        .map(|r| (page.moment(r.created_at), r.reason, r.handled_at.is_some()))
        .collect();
    let form = DecisionForm {
        decision: match form.decision.as_str() {
            "" if proposal.hidden => "show".into(),
            "" => "hide".into(),
            chosen => chosen.into(),
        },
        ..form
    };
    page.render_with(
        status,
        &DecisionPage {
            page: page.clone(),
            proposal,
            reports,
            may_merge,
            form,
            errors,
        },
    )
}

pub async fn decision_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> HttpResponse {
    let page = Page::of(&req);
    let caller = match staff(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let ok = actix_web::http::StatusCode::OK;
    let form = DecisionForm::default();
    render_decision(&page, &state, caller, path.into_inner(), form, ok, vec![]).await
}

/// Hides or shows the proposal through the same service as the API, which checks the area.
pub async fn decide(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<DecisionForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let id = path.into_inner();
    let form = form.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let caller = match staff(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let hidden = match form.decision.as_str() {
        "hide" => true,
        "show" => false,
        _ => {
            let refusal = ApiError::invalid("hidden", t!("site-moderate-choose"));
            let errors = page.errors(&refusal, &decision_fields());
            let status = refusal.status_code();
            return render_decision(&page, &state, caller, id, form, status, errors).await;
        }
    };
    let reason = form.reason.clone();
    let public_url = state.config.public_url.clone();
    let moderator = caller.clone();
    let decided = blocking::run(&state.pool, move |conn| {
        proposals::moderate(conn, &moderator, id, hidden, &reason, &public_url)
    })
    .await;
    match decided {
        Ok(_) => see_other(&format!("/console/moderation?decided={id}")).finish(),
        Err(error) => {
            let errors = page.errors(&error, &decision_fields());
            let status = error.status_code();
            render_decision(&page, &state, caller, id, form, status, errors).await
        }
    }
}

#[derive(Deserialize, Default)]
pub struct MergeForm {
    /// The numbers of the proposals to merge into this one, separated by commas or spaces.
    #[serde(default)]
    proposal_ids: String,
    #[serde(default)]
    reason: String,
    /// `preview` shows the result without merging; `merge` merges.
    #[serde(default)]
    step: String,
    #[serde(default)]
    csrf_token: String,
}

/// One proposal of a merge preview.
struct MergedItem {
    id: i64,
    title: String,
    supporters: i64,
}

/// The preview's words: what stays, what goes, and the supporters before and after.
struct PreviewSection {
    merged: Vec<MergedItem>,
    supporters: String,
}

#[derive(Template)]
#[template(path = "console_merge.html")]
struct MergePage {
    page: Page,
    proposal: ProposalView,
    form: MergeForm,
    preview: Option<PreviewSection>,
    /// The merge was just made: the page says so.
    merged: bool,
    errors: Vec<ErrorItem>,
}

fn merge_fields() -> [Field; 2] {
    [
        Field::input("proposal_ids", t!("site-merge-ids")),
        Field::input("reason", t!("site-merge-reason")),
    ]
}

#[derive(Deserialize)]
pub struct MergeQuery {
    merged: Option<u8>,
}

async fn render_merge(
    page: &Page,
    state: &AppState,
    caller: Caller,
    id: i64,
    (form, preview, merged): (MergeForm, Option<MergePreview>, bool),
    status: actix_web::http::StatusCode,
    errors: Vec<ErrorItem>,
) -> HttpResponse {
    let found = blocking::run(&state.pool, move |conn| {
        caller.require_admin()?;
        read::get(conn, id, Some(&caller))
    })
    .await;
    let proposal = match found {
        Ok(proposal) => proposal,
        Err(error) => return failure(page, &error),
    };
    let preview = preview.map(|preview| PreviewSection {
        merged: preview
            .merged
            .into_iter()
            .map(|p| MergedItem {
                id: p.id,
                title: p.title,
                supporters: p.support_count,
            })
            .collect(),
        supporters: page.say(&t!(
            "site-merge-supporters",
            before = preview.supporters_before,
            after = preview.supporters_after
        )),
    });
    page.render_with(
        status,
        &MergePage {
            page: page.clone(),
            proposal,
            form,
            preview,
            merged,
            errors,
        },
    )
}

pub async fn merge_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: web::Query<MergeQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    let caller = match staff(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let shown = (MergeForm::default(), None, query.merged.is_some());
    let ok = actix_web::http::StatusCode::OK;
    render_merge(&page, &state, caller, path.into_inner(), shown, ok, vec![]).await
}

/// The proposal numbers as typed: digits separated by commas or spaces, a leading `#` allowed.
fn typed_ids(typed: &str) -> Option<Vec<i64>> {
    typed
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .map(|part| part.trim_start_matches('#').parse().ok())
        .collect()
}

/// Shows the merge's result without making it, or makes it through the API's service.
pub async fn merge(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<MergeForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let id = path.into_inner();
    let form = form.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let caller = match staff(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let Some(ids) = typed_ids(&form.proposal_ids) else {
        let refusal = ApiError::invalid_fields(vec![FieldError::new(
            "proposal_ids",
            t!("site-merge-ids-words"),
        )]);
        let errors = page.errors(&refusal, &merge_fields());
        let status = refusal.status_code();
        return render_merge(
            &page,
            &state,
            caller,
            id,
            (form, None, false),
            status,
            errors,
        )
        .await;
    };
    let preview_only = form.step != "merge";
    let reason = form.reason.clone();
    let public_url = state.config.public_url.clone();
    let acting = caller.clone();
    let done = blocking::run(&state.pool, move |conn| {
        if preview_only {
            proposals::preview_merge(conn, &acting, id, &ids).map(Some)
        } else {
            proposals::merge(conn, &acting, id, &ids, &reason, &public_url).map(|_| None)
        }
    })
    .await;
    let ok = actix_web::http::StatusCode::OK;
    match done {
        Ok(Some(preview)) => {
            let shown = (form, Some(preview), false);
            render_merge(&page, &state, caller, id, shown, ok, vec![]).await
        }
        Ok(None) => see_other(&format!("/console/proposals/{id}/merge?merged=1")).finish(),
        Err(error) => {
            let errors = page.errors(&error, &merge_fields());
            let status = error.status_code();
            render_merge(
                &page,
                &state,
                caller,
                id,
                (form, None, false),
                status,
                errors,
            )
            .await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::typed_ids;

    #[test]
    fn proposal_numbers_are_read_as_people_type_them() {
        assert_eq!(typed_ids("12, 13 #14"), Some(vec![12, 13, 14]));
        assert_eq!(typed_ids(""), Some(vec![]));
        assert_eq!(typed_ids("12, dertien"), None);
    }
}
