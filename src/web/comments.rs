//! The discussion under a proposal on its page: comments with their replies, the forms to
//! comment, reply, change or take back one's own comment within its window, and report
//! someone else's, all through the same service as the API. Without JavaScript everything
//! works: each action is a form, and the page comes back at the discussion.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use serde::Deserialize;

use super::page::{ErrorItem, Page, see_other};
use super::proposal::{load, render};
use super::rounds::failure;
use super::session;
use crate::api::blocking;
use crate::auth::caller::Caller;
use crate::domain::role::Role;
use crate::error::ApiError;
use crate::service::attachments::AttachmentView;
use crate::service::comments::{self, CommentView, NewComment};
use crate::state::AppState;

/// A comment as the page shows it, with what the visitor may do with it.
pub struct CommentItem {
    pub id: i64,
    /// The milestone it is about, by its title.
    pub milestone: Option<String>,
    pub author: String,
    pub when: String,
    pub official: bool,
    pub body: String,
    pub body_html: String,
    pub edited: bool,
    pub removed: bool,
    /// Its pictures and files.
    pub files: Vec<AttachmentView>,
    /// Why a moderator hid it.
    pub hidden_reason: Option<String>,
    pub may_edit: bool,
    pub may_report: bool,
    pub replies: Vec<CommentItem>,
}

/// What the visitor typed in a comment form that was refused, to show it again: the form's
/// input (`comment-body`, `reply-7`, `edit-7`, `report-7`) and the text.
#[derive(Default)]
pub struct Draft {
    pub input: String,
    pub body: String,
}

/// The discussion as the page shows it.
pub struct Discussion {
    pub items: Vec<CommentItem>,
    pub count: usize,
    /// Signed in: the forms are shown; else the link to sign in.
    pub sign_in: Option<String>,
    /// The visitor may answer for the city.
    pub official: bool,
    /// The milestones a comment can be about: id and title.
    pub milestones: Vec<(i64, String)>,
    pub draft: Draft,
}

impl Discussion {
    /// The text typed in the new comment's form, shown again.
    pub fn typed_new(&self) -> &str {
        if self.draft.input == "comment-body" {
            &self.draft.body
        } else {
            ""
        }
    }

    /// The text typed in a form about comment `id` (`reply`, `edit`, `report`), shown again;
    /// the form to change a comment starts with its text.
    pub fn typed(&self, kind: &str, item: &CommentItem) -> String {
        if self.draft.input == format!("{kind}-{}", item.id) {
            self.draft.body.clone()
        } else if kind == "edit" {
            item.body.clone()
        } else {
            String::new()
        }
    }
}

/// Whether someone on the city's staff is signed in (they may answer for the city; the
/// service checks it for the proposal's area).
pub fn staff(caller: &Caller) -> bool {
    caller.is_admin()
        || [
            Role::Reviewer,
            Role::Council,
            Role::Finance,
            Role::AreaWorker,
        ]
        .iter()
        .any(|role| caller.has(*role))
}

pub fn discussion(
    page: &Page,
    (proposal_id, milestones): (i64, Vec<(i64, String)>),
    (comments, files): (Vec<CommentView>, &[AttachmentView]),
    viewer: Option<(i64, bool)>,
    draft: Draft,
) -> Discussion {
    let item = |c: &CommentView| CommentItem {
        id: c.id,
        milestone: c.milestone_id.and_then(|id| {
            milestones
                .iter()
                .find(|(m, _)| *m == id)
                .map(|(_, title)| title.clone())
        }),
        author: c.author_name.clone(),
        when: page.moment(c.created_at.naive_utc()),
        official: c.official,
        body: c.body.clone(),
        body_html: c.body_html.clone(),
        edited: c.edited_at.is_some(),
        removed: c.removed,
        files: files
            .iter()
            .filter(|f| f.comment_id == Some(c.id))
            .cloned()
            .collect(),
        hidden_reason: c.hidden_reason.clone(),
        may_edit: c.editable,
        may_report: viewer.is_some_and(|(id, _)| id != c.author_id) && !c.removed && !c.hidden,
        replies: Vec::new(),
    };
    let mut items: Vec<CommentItem> = comments
        .iter()
        .filter(|c| c.parent_id.is_none())
        .map(item)
        .collect();
    for reply in comments.iter().filter(|c| c.parent_id.is_some()) {
        if let Some(parent) = items.iter_mut().find(|i| Some(i.id) == reply.parent_id) {
            parent.replies.push(item(reply));
        }
    }
    Discussion {
        items,
        count: comments.iter().filter(|c| !c.removed).count(),
        sign_in: viewer
            .is_none()
            .then(|| session::sign_in_link(&format!("/proposals/{proposal_id}#comments"))),
        official: viewer.is_some_and(|(_, staff)| staff),
        milestones,
        draft,
    }
}

/// Shows the proposal again with the problem and what was typed, or the error page.
async fn refused(
    req: &HttpRequest,
    state: &AppState,
    page: &Page,
    proposal_id: i64,
    error: &ApiError,
    draft: Draft,
) -> HttpResponse {
    let caller = session::visitor(req, state).await;
    let anchor = draft.input.clone();
    match load(state, proposal_id, caller, vec![page.locale]).await {
        Ok(shown) => {
            let errors = page
                .errors(error, &[])
                .into_iter()
                .map(|item| ErrorItem {
                    anchor: Some(anchor.clone()),
                    ..item
                })
                .collect();
            render(page, (error.status_code(), errors), shown, draft)
        }
        Err(error) => failure(page, &error),
    }
}

#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    body: String,
    parent_id: Option<i64>,
    /// Empty, or the id of the milestone the comment is about.
    #[serde(default)]
    milestone_id: String,
    official: Option<String>,
    #[serde(default)]
    csrf_token: String,
}

/// Comments on the proposal, or replies to a comment.
pub async fn add(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<CommentForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let id = path.into_inner();
    let form = form.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let Some(caller) = session::visitor(&req, &state).await else {
        return session::sign_in_first(&format!("/proposals/{id}"));
    };
    let public_url = state.config.public_url.clone();
    let new = NewComment {
        body: form.body.clone(),
        parent_id: form.parent_id,
        milestone_id: form.milestone_id.trim().parse().ok(),
        official: form.official.is_some(),
    };
    let added = blocking::run(&state.pool, move |conn| {
        comments::add(conn, &caller, id, new, &public_url)
    })
    .await;
    match added {
        Ok(comment) => see_other(&format!("/proposals/{id}#comment-{}", comment.id)).finish(),
        Err(error) => {
            let input = match form.parent_id {
                Some(parent) => format!("reply-{parent}"),
                None => "comment-body".to_string(),
            };
            let draft = Draft {
                input,
                body: form.body,
            };
            refused(&req, &state, &page, id, &error, draft).await
        }
    }
}

#[derive(Deserialize)]
pub struct ChangeForm {
    /// `edit`, `remove` or `report`.
    #[serde(default)]
    action: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    csrf_token: String,
}

/// Changes or takes back one's own comment, or reports someone else's.
pub async fn change(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    form: web::Form<ChangeForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let (proposal_id, id) = path.into_inner();
    let form = form.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let Some(caller) = session::visitor(&req, &state).await else {
        return session::sign_in_first(&format!("/proposals/{proposal_id}"));
    };
    let (action, body, reason) = (form.action.clone(), form.body.clone(), form.reason.clone());
    let done = blocking::run(&state.pool, move |conn| {
        let on_this_page = comments::list(conn, Some(&caller), proposal_id)?
            .iter()
            .any(|c| c.id == id);
        if !on_this_page {
            return Err(ApiError::not_found(crate::error::Thing::Comment));
        }
        match action.as_str() {
            "edit" => comments::edit(conn, &caller, id, &body).map(drop),
            "remove" => comments::remove(conn, &caller, id),
            "report" => comments::report(conn, &caller, id, &reason),
            _ => Err(ApiError::invalid("action", t!("site-finance-choose"))),
        }
    })
    .await;
    match done {
        Ok(()) => {
            let anchor = if form.action == "remove" {
                "comments".to_string()
            } else {
                format!("comment-{id}")
            };
            see_other(&format!("/proposals/{proposal_id}#{anchor}")).finish()
        }
        Err(error) if error.status_code() == StatusCode::NOT_FOUND => failure(&page, &error),
        Err(error) => {
            let draft = if form.action == "report" {
                Draft {
                    input: format!("report-{id}"),
                    body: form.reason,
                }
            } else {
                Draft {
                    input: format!("edit-{id}"),
                    body: form.body,
                }
            };
            refused(&req, &state, &page, proposal_id, &error, draft).await
        }
    }
}
