//! Comments on proposals: the discussion under each proposal, its replies, and its moderation.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::blocking;
use crate::api::caller::{Caller, MaybeCaller};
use crate::api::extract::Json;
use crate::api::moderation::{ModerationRequest, ReportRequest};
use crate::error::ApiResult;
use crate::service::comments::{self as service, CommentView, NewComment};
use crate::state::AppState;

/// The discussion of a proposal: every comment, oldest first; a reply carries the id of the
/// comment it answers. A removed comment keeps its place with an empty text; a hidden one shows
/// why (its text only to moderators).
#[utoipa::path(
    tag = "comments",
    params(("id" = i64, Path, description = "proposal id")),
    responses(
        (status = 200, description = "the comments", body = Vec<CommentView>),
        (status = 404, description = "no such proposal"),
    )
)]
#[get("/proposals/{id}/comments")]
pub async fn list_comments(
    state: web::Data<AppState>,
    caller: MaybeCaller,
    path: web::Path<i64>,
) -> ApiResult<web::Json<Vec<CommentView>>> {
    let id = path.into_inner();
    let comments = blocking::run(&state.pool, move |conn| {
        service::list(conn, caller.0.as_ref(), id)
    })
    .await?;
    Ok(web::Json(comments))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentRequest {
    /// Markdown without images or tables (an image becomes a link to it), 1 to 5000 characters.
    #[schema(min_length = 1, max_length = 5000, pattern = r"\S")]
    pub body: String,
    /// The comment this one answers (a comment on the proposal itself, not a reply).
    pub parent_id: Option<i64>,
    /// A milestone of the proposal's implementation this comment is about.
    pub milestone_id: Option<i64>,
    /// Staff answering for the city (an administrator, a reviewer, the council, finance, or an
    /// area worker of the proposal's area): shown with an "official answer" badge.
    #[serde(default)]
    pub official: bool,
}

/// Comment on a proposal, or reply to a comment (a verified resident or staff; at most 10 in a
/// quarter of an hour). The proposal's authors get a mail. Closed once the edition closes.
#[utoipa::path(
    tag = "comments",
    security(("bearer" = [])),
    request_body = CommentRequest,
    params(("id" = i64, Path, description = "proposal id")),
    responses(
        (status = 201, description = "the comment", body = CommentView),
        (status = 403, description = "the e-mail address is not verified, or `official` without being staff"),
        (status = 404, description = "no such proposal"),
        (status = 409, description = "comments are closed"),
        (status = 422, description = "no text, too long, or a reply to a reply"),
        (status = 429, description = "too many comments at once"),
    )
)]
#[post("/proposals/{id}/comments")]
pub async fn create_comment(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<CommentRequest>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let body = body.into_inner()?;
    let public_url = state.config.public_url.clone();
    let created = blocking::run(&state.pool, move |conn| {
        let new = NewComment {
            body: body.body,
            parent_id: body.parent_id,
            milestone_id: body.milestone_id,
            official: body.official,
        };
        service::add(conn, &caller, id, new, &public_url)
    })
    .await?;
    Ok(HttpResponse::Created().json(created))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentChange {
    #[schema(min_length = 1, max_length = 5000, pattern = r"\S")]
    pub body: String,
}

/// Change one's own comment, within 15 minutes of writing it; the comment shows it was changed.
#[utoipa::path(
    tag = "comments",
    security(("bearer" = [])),
    request_body = CommentChange,
    params(("id" = i64, Path, description = "comment id")),
    responses(
        (status = 200, description = "the comment", body = CommentView),
        (status = 403, description = "not its author"),
        (status = 404, description = "no such comment"),
        (status = 409, description = "too late to change, removed, hidden, or comments closed"),
        (status = 422, description = "no text, or too long"),
    )
)]
#[patch("/comments/{id}")]
pub async fn edit_comment(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<CommentChange>,
) -> ApiResult<web::Json<CommentView>> {
    let id = path.into_inner();
    let body = body.into_inner()?.body;
    let changed = blocking::run(&state.pool, move |conn| {
        service::edit(conn, &caller, id, &body)
    })
    .await?;
    Ok(web::Json(changed))
}

/// Take back one's own comment: its text goes, its place says "removed", its replies stay.
#[utoipa::path(
    tag = "comments",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "comment id")),
    responses(
        (status = 204, description = "removed"),
        (status = 403, description = "not its author"),
        (status = 404, description = "no such comment"),
        (status = 409, description = "removed already"),
    )
)]
#[delete("/comments/{id}")]
pub async fn delete_comment(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    blocking::run(&state.pool, move |conn| service::remove(conn, &caller, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Report a comment to the proposal's moderators (anyone signed in, once per comment).
#[utoipa::path(
    tag = "comments",
    security(("bearer" = [])),
    request_body = ReportRequest,
    params(("id" = i64, Path, description = "comment id")),
    responses(
        (status = 202, description = "reported"),
        (status = 404, description = "no such comment"),
        (status = 409, description = "reported by the caller already"),
        (status = 422, description = "no reason"),
    )
)]
#[post("/comments/{id}/reports")]
pub async fn report_comment(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<ReportRequest>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let reason = body.into_inner()?.reason;
    blocking::run(&state.pool, move |conn| {
        service::report(conn, &caller, id, &reason)
    })
    .await?;
    Ok(HttpResponse::Accepted().finish())
}

/// Hide or show a comment (an area worker of the proposal's area, or an administrator;
/// audited). The decision handles the comment's open reports.
#[utoipa::path(
    tag = "comments",
    security(("bearer" = [])),
    request_body = ModerationRequest,
    params(("id" = i64, Path, description = "comment id")),
    responses(
        (status = 200, description = "the comment", body = CommentView),
        (status = 403, description = "not a moderator of this area"),
        (status = 404, description = "no such comment"),
        (status = 422, description = "no reason"),
    )
)]
#[post("/comments/{id}/moderation")]
pub async fn moderate_comment(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<ModerationRequest>,
) -> ApiResult<web::Json<CommentView>> {
    let id = path.into_inner();
    let body = body.into_inner()?;
    let changed = blocking::run(&state.pool, move |conn| {
        service::moderate(conn, &caller, id, body.hidden, &body.reason)
    })
    .await?;
    Ok(web::Json(changed))
}

#[derive(Serialize, ToSchema)]
pub struct ReportedCommentView {
    pub comment: CommentView,
    pub proposal_id: i64,
    pub proposal_title: String,
    /// The reasons of its open reports, oldest first (never who gave them).
    pub reasons: Vec<String>,
}

/// The comments with open reports, for their moderators: an administrator sees every area, an
/// area worker theirs. A moderation decision on a comment handles its open reports.
#[utoipa::path(
    tag = "comments",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "the reported comments", body = Vec<ReportedCommentView>),
        (status = 403, description = "neither an area worker nor an administrator"),
    )
)]
#[get("/comments/reported")]
pub async fn list_reported_comments(
    state: web::Data<AppState>,
    caller: Caller,
) -> ApiResult<web::Json<Vec<ReportedCommentView>>> {
    let reported = blocking::run(&state.pool, move |conn| service::reported(conn, &caller)).await?;
    Ok(web::Json(
        reported
            .into_iter()
            .map(|r| ReportedCommentView {
                comment: r.comment,
                proposal_id: r.proposal_id,
                proposal_title: r.proposal_title,
                reasons: r.reasons,
            })
            .collect(),
    ))
}
