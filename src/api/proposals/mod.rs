//! Proposals: public to read (drafts and hidden ones only for who may see them), written by
//! residents, co-signed, moderated, reviewed.

mod list;

pub use list::*;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, delete, get, patch, post, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::blocking;
use crate::api::caching::{IfMatch, versioned};
use crate::api::caller::{Admin, Caller, MaybeCaller};
use crate::api::extract::{Json, ReaderLanguages, nullable};
use crate::domain::locale::Locale;
use crate::error::ApiResult;
use crate::service::proposals::read::{self, CostLine, Location, ProposalVersion, ProposalView};
use crate::service::proposals::{self as service, Draft, DraftChange, ReviewInput};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateProposal {
    /// The area; absent for a city-wide proposal.
    pub area_id: Option<i64>,
    #[schema(
        min_length = 1,
        max_length = 120,
        pattern = r"^[^\x00-\x09\x0b-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x09\x0b-\x1f\x7f-\x9f]*$"
    )]
    pub title: String,
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\x00-\x09\x0b-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x09\x0b-\x1f\x7f-\x9f]*$"
    )]
    pub summary: String,
    /// Markdown.
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub body: String,
    pub category: Option<String>,
    pub estimated_cost_cents: i64,
    #[serde(default)]
    #[schema(max_items = 50)]
    pub cost_lines: Vec<CostLine>,
    pub location: Option<Location>,
    #[serde(default)]
    pub coauthor_ids: Vec<i64>,
    /// The language it is written in (`nl`, `fr` or `en`); the author's own language when
    /// absent. Versions in the other languages are translations (`/translations/proposal/{id}`).
    pub language: Option<Locale>,
}

/// Write a draft proposal (verified residents of the area; any verified resident for a
/// city-wide proposal). Submit it in the ideas phase.
#[utoipa::path(
    tag = "proposals",
    security(("bearer" = [])),
    request_body = CreateProposal,
    params(("id" = i64, Path, description = "edition id")),
    responses(
        (status = 201, description = "created: the proposal", body = ProposalView),
        (status = 403, description = "not a verified resident of the area"),
        (status = 404, description = "no such edition"),
        (status = 409, description = "the ideas phase is over"),
        (status = 422, description = "invalid field"),
    )
)]
#[post("/editions/{id}/proposals")]
pub async fn create_proposal(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<CreateProposal>,
) -> ApiResult<HttpResponse> {
    let edition_id = path.into_inner();
    let draft = Draft::from(body.into_inner()?);
    let created = blocking::run(&state.pool, move |conn| {
        let p = service::create(conn, &caller, edition_id, draft)?;
        read::view(conn, p, Some(&caller))
    })
    .await?;
    Ok(HttpResponse::Created().json(created))
}

impl From<CreateProposal> for Draft {
    fn from(b: CreateProposal) -> Self {
        Self {
            area_id: b.area_id,
            title: b.title,
            summary: b.summary,
            body: b.body,
            category: b.category,
            estimated_cost_cents: b.estimated_cost_cents,
            cost_lines: b
                .cost_lines
                .into_iter()
                .map(|l| (l.description, l.amount_cents))
                .collect(),
            location: b.location.map(|l| (l.latitude, l.longitude)),
            coauthor_ids: b.coauthor_ids,
            language: b.language,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateProposal {
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    pub area_id: Option<Option<i64>>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub body: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub category: Option<Option<String>>,
    pub estimated_cost_cents: Option<i64>,
    pub cost_lines: Option<Vec<CostLine>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<Location>)]
    pub location: Option<Option<Location>>,
    pub coauthor_ids: Option<Vec<i64>>,
    pub language: Option<Locale>,
}

/// Change a proposal (its authors, until the support phase starts; changes after submission
/// are kept as versions).
#[utoipa::path(
    tag = "proposals",
    security(("bearer" = [])),
    request_body = UpdateProposal,
    params(
        ("id" = i64, Path, description = "proposal id"),
        ("If-Match" = Option<String>, Header, nullable = false, pattern = r#"^(\*|(W/)?"v[0-9]+-[0-9a-f]+")$"#, description = "The `ETag` of the proposal as read: the change is refused with `412` when someone changed it since (`422` when it is not a tag this server gave)."),
    ),
    responses(
        (status = 200, description = "the proposal", body = ProposalView),
        (status = 403, description = "not an author"),
        (status = 404, description = "no such proposal"),
        (status = 409, description = "no longer changeable"),
        (status = 422, description = "invalid field"),
        (status = 412, description = "changed since the version named in If-Match"),
    )
)]
#[patch("/proposals/{id}")]
pub async fn update_proposal(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    IfMatch(read_version): IfMatch,
    body: Json<UpdateProposal>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let change = DraftChange {
        read_version,
        ..DraftChange::from(body.into_inner()?)
    };
    let updated = blocking::run(&state.pool, move |conn| {
        let p = service::update(conn, &caller, id, change)?;
        read::view(conn, p, Some(&caller))
    })
    .await?;
    Ok(proposal_answer(&updated))
}

/// A proposal, tagged with its version for `If-Match`.
fn proposal_answer(view: &ProposalView) -> HttpResponse {
    versioned(StatusCode::OK, view, view.updated_at.naive_utc())
}

impl From<UpdateProposal> for DraftChange {
    fn from(b: UpdateProposal) -> Self {
        Self {
            read_version: None,
            area_id: b.area_id,
            title: b.title,
            summary: b.summary,
            body: b.body,
            category: b.category,
            estimated_cost_cents: b.estimated_cost_cents,
            cost_lines: b.cost_lines.map(|lines| {
                lines
                    .into_iter()
                    .map(|l| (l.description, l.amount_cents))
                    .collect()
            }),
            location: b.location.map(|l| l.map(|l| (l.latitude, l.longitude))),
            coauthor_ids: b.coauthor_ids,
            language: b.language,
        }
    }
}

/// One proposal with its history (public unless a draft or hidden), in the first language of
/// `Accept-Language` it is written or translated in, else in its original language
/// (`language` says which, `languages` lists them all).
#[utoipa::path(
    tag = "proposals",
    params(("id" = i64, Path, description = "proposal id"), ("Accept-Language" = Option<String>, Header, description = "the languages the reader wants, e.g. `fr, nl;q=0.5`")),
    responses((status = 200, description = "the proposal", body = ProposalView), (status = 404, description = "no such proposal"))
)]
#[get("/proposals/{id}")]
pub async fn get_proposal(
    state: web::Data<AppState>,
    caller: MaybeCaller,
    path: web::Path<i64>,
    ReaderLanguages(wanted): ReaderLanguages,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let found = blocking::run(&state.pool, move |conn| {
        read::get_in(conn, id, caller.0.as_ref(), &wanted)
    })
    .await?;
    let mut answer = proposal_answer(&found);
    let headers = answer.headers_mut();
    headers.insert(
        header::CONTENT_LANGUAGE,
        header::HeaderValue::from_static(found.language.as_str()),
    );
    headers.insert(
        header::VARY,
        header::HeaderValue::from_static("Accept-Language"),
    );
    Ok(answer)
}

/// Earlier versions of a submitted proposal, oldest first.
#[utoipa::path(
    tag = "proposals",
    params(("id" = i64, Path, description = "proposal id")),
    responses((status = 200, description = "every version, oldest first", body = Vec<ProposalVersion>), (status = 404, description = "no such proposal"))
)]
#[get("/proposals/{id}/versions")]
pub async fn list_proposal_versions(
    state: web::Data<AppState>,
    caller: MaybeCaller,
    path: web::Path<i64>,
) -> ApiResult<web::Json<Vec<ProposalVersion>>> {
    let id = path.into_inner();
    let versions = blocking::run(&state.pool, move |conn| {
        read::versions(conn, id, caller.0.as_ref())
    })
    .await?;
    Ok(web::Json(versions))
}

/// Submit a draft (its authors, in the ideas phase); the edition's rules are checked.
#[utoipa::path(
    tag = "proposals",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "proposal id")),
    responses(
        (status = 200, description = "the proposal", body = ProposalView),
        (status = 403, description = "not an author, or not a verified resident"),
        (status = 404, description = "no such proposal"),
        (status = 409, description = "not the ideas phase, or not a draft"),
        (status = 422, description = "the edition's rules are not met"),
    )
)]
#[post("/proposals/{id}/submit")]
pub async fn submit_proposal(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
) -> ApiResult<web::Json<ProposalView>> {
    let id = path.into_inner();
    let public_url = state.config.public_url.clone();
    let updated = blocking::run(&state.pool, move |conn| {
        let p = service::submit(conn, &caller, id, &public_url)?;
        read::view(conn, p, Some(&caller))
    })
    .await?;
    Ok(web::Json(updated))
}

/// Withdraw a proposal that is not on a ballot yet (its authors).
#[utoipa::path(
    tag = "proposals",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "proposal id")),
    responses(
        (status = 200, description = "the proposal", body = ProposalView),
        (status = 403, description = "not an author"),
        (status = 404, description = "no such proposal"),
        (status = 409, description = "can no longer be withdrawn"),
    )
)]
#[post("/proposals/{id}/withdraw")]
pub async fn withdraw_proposal(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
) -> ApiResult<web::Json<ProposalView>> {
    let id = path.into_inner();
    let public_url = state.config.public_url.clone();
    let updated = blocking::run(&state.pool, move |conn| {
        let p = service::withdraw(conn, &caller, id, None, &public_url)?;
        read::view(conn, p, Some(&caller))
    })
    .await?;
    Ok(web::Json(updated))
}

#[derive(Serialize, ToSchema)]
pub struct SupportResult {
    pub support_count: i64,
    pub supported_by_me: bool,
}

/// Co-sign a proposal (verified residents of its area, in the support phase). Doing it twice
/// changes nothing: `201` the first time, `200` after.
#[utoipa::path(
    tag = "proposals",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "proposal id")),
    responses(
        (status = 201, description = "created: the support, counted", body = SupportResult),
        (status = 200, description = "already co-signed", body = SupportResult),
        (status = 403, description = "not a verified resident of the area"),
        (status = 404, description = "no such proposal"),
        (status = 409, description = "not the support phase"),
    )
)]
#[post("/proposals/{id}/support")]
pub async fn support_proposal(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let (added, count) = blocking::run(&state.pool, move |conn| {
        service::support_and_count(conn, &caller, id)
    })
    .await?;
    let body = SupportResult {
        support_count: count,
        supported_by_me: true,
    };
    Ok(if added {
        HttpResponse::Created().json(body)
    } else {
        HttpResponse::Ok().json(body)
    })
}

/// Withdraw one's co-signature (in the support phase).
#[utoipa::path(
    tag = "proposals",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "proposal id")),
    responses(
        (status = 204, description = "withdrawn"),
        (status = 404, description = "no such proposal or no support"),
        (status = 409, description = "not the support phase"),
    )
)]
#[delete("/proposals/{id}/support")]
pub async fn withdraw_support(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    blocking::run(&state.pool, move |conn| {
        service::withdraw_support(conn, &caller, id)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignmentRequest {
    /// The department that checks feasibility.
    #[schema(min_length = 1, max_length = 80, pattern = r"\S")]
    pub department: String,
}

/// Send a proposal to a department for the feasibility review (administrators only, review phase).
#[utoipa::path(
    tag = "proposals",
    security(("bearer" = [])),
    request_body = AssignmentRequest,
    params(("id" = i64, Path, description = "proposal id")),
    responses(
        (status = 204, description = "assigned"),
        (status = 403, description = "not an administrator"),
        (status = 404, description = "no such proposal"),
        (status = 409, description = "not the review phase, or not reviewable"),
    )
)]
#[post("/proposals/{id}/assignment")]
pub async fn assign_review(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<i64>,
    body: Json<AssignmentRequest>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let department = body.into_inner()?.department;
    blocking::run(&state.pool, move |conn| {
        service::assign_review(conn, &caller, id, &department)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, ToSchema, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Feasible,
    Infeasible,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    pub verdict: Verdict,
    /// Shown to residents; required.
    #[schema(min_length = 1, max_length = 5000, pattern = r"\S")]
    pub public_explanation: String,
    /// The cost used on the ballot; required when feasible.
    pub reviewed_cost_cents: Option<i64>,
    /// The department's breakdown of the reviewed cost (at most 20 lines); the lines add up to
    /// `reviewed_cost_cents`. Public, like the explanation.
    pub reviewed_cost_lines: Option<Vec<CostLine>>,
    /// Never shown to residents.
    pub internal_notes: Option<String>,
}

/// Record the feasibility verdict (a reviewer of the assigned department, review phase).
#[utoipa::path(
    tag = "proposals",
    security(("bearer" = [])),
    request_body = ReviewRequest,
    params(("id" = i64, Path, description = "proposal id")),
    responses(
        (status = 200, description = "the proposal", body = ProposalView),
        (status = 403, description = "not a reviewer of the assigned department"),
        (status = 404, description = "no such proposal"),
        (status = 409, description = "not the review phase, or not reviewable"),
        (status = 422, description = "missing explanation or cost"),
    )
)]
#[post("/proposals/{id}/reviews")]
pub async fn review_proposal(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<ReviewRequest>,
) -> ApiResult<web::Json<ProposalView>> {
    let desk = service::ReviewDesk::open(caller)?;
    let id = path.into_inner();
    let public_url = state.config.public_url.clone();
    let input = ReviewInput::from(body.into_inner()?);
    let updated = blocking::run(&state.pool, move |conn| {
        let p = service::review(conn, &desk, id, input, &public_url)?;
        read::view(conn, p, Some(desk.caller()))
    })
    .await?;
    Ok(web::Json(updated))
}

impl From<ReviewRequest> for ReviewInput {
    fn from(b: ReviewRequest) -> Self {
        Self {
            feasible: b.verdict == Verdict::Feasible,
            public_explanation: b.public_explanation,
            reviewed_cost_cents: b.reviewed_cost_cents,
            reviewed_cost_lines: b
                .reviewed_cost_lines
                .unwrap_or_default()
                .into_iter()
                .map(|line| (line.description, line.amount_cents))
                .collect(),
            internal_notes: b.internal_notes,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeRequest {
    /// The proposals that say the same as this one.
    #[schema(min_items = 1)]
    pub proposal_ids: Vec<i64>,
    #[schema(min_length = 1, max_length = 1000, pattern = r"\S")]
    pub reason: String,
}

/// Merge proposals into this one (administrators only): they point to it and their supports
/// count for it, each supporter once.
#[utoipa::path(
    tag = "proposals",
    security(("bearer" = [])),
    request_body = MergeRequest,
    params(("id" = i64, Path, description = "the proposal that remains")),
    responses(
        (status = 200, description = "the proposal", body = ProposalView),
        (status = 403, description = "not an administrator"),
        (status = 409, description = "cannot receive a merge"),
        (status = 422, description = "invalid list or no reason"),
    )
)]
#[post("/proposals/{id}/merge")]
pub async fn merge_proposals(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<i64>,
    body: Json<MergeRequest>,
) -> ApiResult<web::Json<ProposalView>> {
    let id = path.into_inner();
    let public_url = state.config.public_url.clone();
    let b = body.into_inner()?;
    let merged = blocking::run(&state.pool, move |conn| {
        let p = service::merge(conn, &caller, id, &b.proposal_ids, &b.reason, &public_url)?;
        read::view(conn, p, Some(&caller))
    })
    .await?;
    Ok(web::Json(merged))
}
