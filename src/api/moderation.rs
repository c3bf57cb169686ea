//! Moderation: residents report proposals, area workers and administrators read the reports
//! and hide or show what was reported.

use actix_web::{HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::blocking;
use crate::api::caller::Caller;
use crate::api::extract::{Json, Query};
use crate::api::pagination::{Page, PageQuery};
use crate::error::ApiResult;
use crate::service::proposals as service;
use crate::service::proposals::read::{self, ProposalView};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportRequest {
    #[schema(min_length = 1, max_length = 1000, pattern = r"\S")]
    pub reason: String,
}

/// Report a proposal to the moderators (anyone signed in, once per proposal). When the edition
/// sets a `report_threshold`, the report that reaches it hides the proposal until a moderator
/// decides.
#[utoipa::path(
    tag = "moderation",
    security(("bearer" = [])),
    request_body = ReportRequest,
    params(("id" = i64, Path, description = "proposal id")),
    responses(
        (status = 202, description = "reported"),
        (status = 404, description = "no such proposal"),
        (status = 409, description = "reported by the caller already"),
        (status = 422, description = "no reason"),
    )
)]
#[post("/proposals/{id}/reports")]
pub async fn report_proposal(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<ReportRequest>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let reason = body.into_inner()?.reason;
    let public_url = state.config.public_url.clone();
    blocking::run(&state.pool, move |conn| {
        service::report(conn, &caller, id, &reason, &public_url)
    })
    .await?;
    Ok(HttpResponse::Accepted().finish())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ModerationRequest {
    pub hidden: bool,
    #[schema(min_length = 1, max_length = 1000, pattern = r"\S")]
    pub reason: String,
}

/// Hide or show a proposal (an area worker of its area, or an administrator; audited). The
/// decision handles the proposal's open reports. A proposal on an open ballot is hidden only
/// after an administrator takes it off the ballot (`409 on_open_ballot`).
#[utoipa::path(
    tag = "moderation",
    security(("bearer" = [])),
    request_body = ModerationRequest,
    params(("id" = i64, Path, description = "proposal id")),
    responses(
        (status = 200, description = "the proposal", body = ProposalView),
        (status = 403, description = "not a moderator of this area"),
        (status = 404, description = "no such proposal"),
        (status = 409, description = "on an open ballot"),
        (status = 422, description = "no reason"),
    )
)]
#[post("/proposals/{id}/moderation")]
pub async fn moderate_proposal(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<ModerationRequest>,
) -> ApiResult<web::Json<ProposalView>> {
    let id = path.into_inner();
    let public_url = state.config.public_url.clone();
    let body = body.into_inner()?;
    let updated = blocking::run(&state.pool, move |conn| {
        let p = service::moderate(conn, &caller, id, body.hidden, &body.reason, &public_url)?;
        read::view(conn, p, Some(&caller))
    })
    .await?;
    Ok(web::Json(updated))
}

/// Which reports the queue shows.
#[derive(Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    /// Proposals with reports no moderator has decided on yet.
    #[default]
    Open,
    /// Proposals whose every report was handled.
    Handled,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReportQueueQuery {
    /// `open` (default) or `handled`.
    pub status: Option<ReportStatus>,
    /// Items per page, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ReportView {
    pub reason: String,
    pub reported_at: DateTime<Utc>,
    /// When a moderator's decision on the proposal handled it.
    pub handled_at: Option<DateTime<Utc>>,
}

#[derive(Serialize, ToSchema)]
pub struct ReportedProposalView {
    pub proposal_id: i64,
    pub title: String,
    pub area_id: Option<i64>,
    pub hidden: bool,
    pub hidden_reason: Option<String>,
    pub open_reports: i64,
    /// Every report, oldest first; who reported is not shown.
    pub reports: Vec<ReportView>,
}

/// The moderation queue: reported proposals, by id (area workers see their areas,
/// administrators every area).
#[utoipa::path(
    tag = "moderation",
    security(("bearer" = [])),
    params(ReportQueueQuery),
    responses(
        (status = 200, description = "a page of reported proposals", body = Page<ReportedProposalView>),
        (status = 403, description = "neither an area worker nor an administrator"),
        (status = 422, description = "unknown parameter or bad cursor"),
    )
)]
#[get("/moderation/reports")]
pub async fn list_reports(
    state: web::Data<AppState>,
    caller: Caller,
    query: Query<ReportQueueQuery>,
) -> ApiResult<web::Json<Page<ReportedProposalView>>> {
    let query = query.into_inner()?;
    let open = matches!(query.status.unwrap_or_default(), ReportStatus::Open);
    let page = PageQuery {
        limit: query.limit,
        cursor: query.cursor,
    };
    let limit = page.limit()?;
    let after = page.after_id()?;
    let queue = blocking::run(&state.pool, move |conn| {
        service::reported(conn, &caller, open, after, limit)
    })
    .await?;
    let items = queue
        .into_iter()
        .map(|r| ReportedProposalView {
            proposal_id: r.proposal.id,
            title: r.proposal.title,
            area_id: r.proposal.area_id,
            hidden: r.proposal.hidden,
            hidden_reason: r.proposal.hidden_reason,
            open_reports: r.reports.iter().filter(|r| r.handled_at.is_none()).count() as i64,
            reports: r
                .reports
                .into_iter()
                .map(|r| ReportView {
                    reason: r.reason,
                    reported_at: r.created_at.and_utc(),
                    handled_at: r.handled_at.map(|t| t.and_utc()),
                })
                .collect(),
        })
        .collect();
    Ok(web::Json(Page::from_items(
        items,
        limit,
        |r: &ReportedProposalView| r.proposal_id.to_string(),
    )))
}
