//! Editions, their envelopes and phases: public to read, administrators change them.

mod statistics;

pub use statistics::*;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, patch, post, put, web};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::blocking;
use crate::api::caching::{IfMatch, versioned};
use crate::api::caller::Admin;
use crate::api::extract::{Json, Query, ReaderLanguages, comma_list, nullable};
use crate::api::pagination::{Page, PageQuery};
use crate::domain::area::deprivation_index;
use crate::domain::envelope::{Allocation, pot_cents};
use crate::domain::locale::Locale;
use crate::domain::phase::Phase;
use crate::domain::translation::Translatable;
use crate::error::Thing;
use crate::error::{ApiError, ApiResult};
use crate::service::editions::{self, EditionDetail, EditionInput, Schedule};
use crate::service::envelopes as envelope_service;
use crate::service::translations;
use crate::state::AppState;

#[derive(Serialize, Deserialize, ToSchema, Default, Clone)]
#[serde(deny_unknown_fields)]
pub struct ScheduleView {
    pub ideas: Option<DateTime<Utc>>,
    pub support: Option<DateTime<Utc>>,
    pub review: Option<DateTime<Utc>>,
    pub voting: Option<DateTime<Utc>>,
    pub decision: Option<DateTime<Utc>>,
    pub implementation: Option<DateTime<Utc>>,
    pub closed: Option<DateTime<Utc>>,
}

impl From<ScheduleView> for Schedule {
    fn from(s: ScheduleView) -> Self {
        let naive = |d: Option<DateTime<Utc>>| d.map(|d| d.naive_utc());
        Schedule {
            ideas: naive(s.ideas),
            support: naive(s.support),
            review: naive(s.review),
            voting: naive(s.voting),
            decision: naive(s.decision),
            implementation: naive(s.implementation),
            closed: naive(s.closed),
        }
    }
}

#[derive(Serialize, Deserialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct CategoryView {
    pub code: String,
    pub name: String,
}

#[derive(Serialize, ToSchema)]
pub struct EditionView {
    pub id: i64,
    /// In the first language of `Accept-Language` it has, else in its own.
    pub name: String,
    /// The language of `name`.
    pub language: Locale,
    pub fiscal_year: i32,
    /// The budget the percentage applies to, in cents.
    pub base_cents: i64,
    /// Share of the base reserved for residents, in basis points (10000 = 100%).
    pub reserved_bp: i32,
    /// `floor(base_cents × reserved_bp / 10000)`.
    pub pot_cents: i64,
    /// Share of the pot for the city-wide envelope, in basis points.
    pub citywide_bp: i32,
    pub allocation: Allocation,
    /// Weight of deprivation for `needs_weighted`.
    pub alpha: f64,
    /// Every area gets at least this much.
    pub floor_cents: i64,
    pub phase: Phase,
    pub phase_changed_at: DateTime<Utc>,
    /// True once voting started: base, percentage, allocation, areas and envelopes are fixed.
    pub rules_frozen: bool,
    pub area_ids: Vec<i64>,
    pub categories: Vec<CategoryView>,
    pub min_cost_cents: i64,
    pub max_cost_cents: Option<i64>,
    /// Supports a proposal needs to go on to review.
    pub support_threshold: i32,
    pub max_proposals_per_resident: Option<i32>,
    /// Open reports that hide a proposal until a moderator decides; absent: reports never hide.
    pub report_threshold: Option<i32>,
    /// Votes a project needs to be selectable in this edition's rounds; absent: any number.
    pub min_votes: Option<i32>,
    /// When each phase is planned to start.
    pub schedule: ScheduleView,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn utc(d: Option<NaiveDateTime>) -> Option<DateTime<Utc>> {
    d.map(|d| d.and_utc())
}

impl From<EditionDetail> for EditionView {
    fn from(d: EditionDetail) -> Self {
        let e = d.edition;
        Self {
            id: e.id,
            pot_cents: pot_cents(e.base_cents, e.reserved_bp),
            allocation: e.allocation,
            phase: e.phase,
            name: e.name,
            language: e.language,
            fiscal_year: e.fiscal_year,
            base_cents: e.base_cents,
            reserved_bp: e.reserved_bp,
            citywide_bp: e.citywide_bp,
            alpha: e.alpha_ppm as f64 / 1_000_000.0,
            floor_cents: e.floor_cents,
            phase_changed_at: e.phase_changed_at.and_utc(),
            rules_frozen: e.rules_frozen_at.is_some(),
            area_ids: d.area_ids,
            categories: d
                .categories
                .into_iter()
                .map(|(code, name)| CategoryView { code, name })
                .collect(),
            min_cost_cents: e.min_cost_cents,
            max_cost_cents: e.max_cost_cents,
            support_threshold: e.support_threshold,
            max_proposals_per_resident: e.max_proposals_per_resident,
            report_threshold: e.report_threshold,
            min_votes: e.min_votes,
            schedule: ScheduleView {
                ideas: utc(e.ideas_at),
                support: utc(e.support_at),
                review: utc(e.review_at),
                voting: utc(e.voting_at),
                decision: utc(e.decision_at),
                implementation: utc(e.implementation_at),
                closed: utc(e.closed_at),
            },
            created_at: e.created_at.and_utc(),
            updated_at: e.updated_at.and_utc(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateEdition {
    #[schema(example = "Wijkbudget 2027")]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
    #[schema(minimum = 2000, maximum = 2200)]
    pub fiscal_year: i32,
    #[schema(minimum = 0, maximum = 100000000000000_i64)]
    pub base_cents: i64,
    #[schema(minimum = 1, maximum = 10000)]
    pub reserved_bp: i32,
    #[serde(default)]
    #[schema(minimum = 0, maximum = 10000)]
    pub citywide_bp: i32,
    pub allocation: Allocation,
    #[serde(default)]
    pub alpha: f64,
    #[serde(default)]
    #[schema(minimum = 0)]
    pub floor_cents: i64,
    /// The participating areas.
    #[schema(min_items = 1)]
    pub area_ids: Vec<i64>,
    #[serde(default)]
    pub categories: Vec<CategoryView>,
    #[serde(default)]
    #[schema(minimum = 0)]
    pub min_cost_cents: i64,
    pub max_cost_cents: Option<i64>,
    #[serde(default)]
    #[schema(minimum = 0)]
    pub support_threshold: i32,
    #[schema(minimum = 1)]
    pub max_proposals_per_resident: Option<i32>,
    /// Open reports that hide a proposal until a moderator decides; absent: reports never hide.
    #[schema(minimum = 1)]
    pub report_threshold: Option<i32>,
    /// Votes a project needs to be selectable in this edition's rounds; absent: any number.
    #[schema(minimum = 1)]
    pub min_votes: Option<i32>,
    pub schedule: Option<ScheduleView>,
}

fn categories(list: Vec<CategoryView>) -> Vec<(String, String)> {
    list.into_iter()
        .map(|c| (c.code.trim().to_string(), c.name.trim().to_string()))
        .collect()
}

/// Create an edition (administrators only); its envelopes are computed at once.
#[utoipa::path(
    tag = "editions",
    security(("bearer" = [])),
    request_body = CreateEdition,
    responses(
        (status = 201, description = "created: the edition", body = EditionView),
        (status = 403, description = "not an administrator"),
        (status = 422, description = "invalid field"),
    )
)]
#[post("/editions")]
pub async fn create_edition(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    body: Json<CreateEdition>,
) -> ApiResult<HttpResponse> {
    let input = EditionInput::from(body.into_inner()?);
    let detail = blocking::run(&state.pool, move |conn| {
        editions::create(conn, &caller, input)
    })
    .await?;
    Ok(HttpResponse::Created().json(EditionView::from(detail)))
}

impl From<CreateEdition> for EditionInput {
    fn from(b: CreateEdition) -> Self {
        Self {
            read_version: None,
            name: Some(b.name),
            fiscal_year: Some(b.fiscal_year),
            base_cents: Some(b.base_cents),
            reserved_bp: Some(b.reserved_bp),
            citywide_bp: Some(b.citywide_bp),
            allocation: Some(b.allocation),
            alpha: Some(b.alpha),
            floor_cents: Some(b.floor_cents),
            area_ids: Some(b.area_ids),
            categories: Some(categories(b.categories)),
            min_cost_cents: Some(b.min_cost_cents),
            max_cost_cents: Some(b.max_cost_cents),
            support_threshold: Some(b.support_threshold),
            max_proposals_per_resident: Some(b.max_proposals_per_resident),
            report_threshold: Some(b.report_threshold),
            min_votes: Some(b.min_votes),
            schedule: b.schedule.map(Schedule::from),
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateEdition {
    pub name: Option<String>,
    pub fiscal_year: Option<i32>,
    pub base_cents: Option<i64>,
    pub reserved_bp: Option<i32>,
    pub citywide_bp: Option<i32>,
    pub allocation: Option<Allocation>,
    pub alpha: Option<f64>,
    pub floor_cents: Option<i64>,
    pub area_ids: Option<Vec<i64>>,
    pub categories: Option<Vec<CategoryView>>,
    pub min_cost_cents: Option<i64>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    pub max_cost_cents: Option<Option<i64>>,
    pub support_threshold: Option<i32>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i32>)]
    pub max_proposals_per_resident: Option<Option<i32>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i32>)]
    pub report_threshold: Option<Option<i32>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i32>)]
    pub min_votes: Option<Option<i32>>,
    pub schedule: Option<ScheduleView>,
}

/// Change an edition (administrators only). The money rules (base, percentage, allocation,
/// floor, areas) are frozen once voting starts: `409 rules_frozen`.
#[utoipa::path(
    tag = "editions",
    security(("bearer" = [])),
    request_body = UpdateEdition,
    params(
        ("id" = i64, Path, description = "edition id"),
        ("If-Match" = Option<String>, Header, nullable = false, pattern = r#"^(\*|(W/)?"v[0-9]+-[0-9a-f]+")$"#, description = "The `ETag` of the edition as read: the change is refused with `412` when someone changed it since (`422` when it is not a tag this server gave)."),
    ),
    responses(
        (status = 200, description = "the edition", body = EditionView),
        (status = 403, description = "not an administrator"),
        (status = 404, description = "no such edition"),
        (status = 409, description = "rules frozen"),
        (status = 422, description = "invalid field"),
        (status = 412, description = "changed since the version named in If-Match"),
    )
)]
#[patch("/editions/{id}")]
pub async fn update_edition(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<i64>,
    IfMatch(read_version): IfMatch,
    body: Json<UpdateEdition>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let input = EditionInput {
        read_version,
        ..EditionInput::from(body.into_inner()?)
    };
    let detail = blocking::run(&state.pool, move |conn| {
        editions::update(conn, &caller, id, input)
    })
    .await?;
    Ok(edition_answer(detail.into()))
}

/// An edition, tagged with its version for `If-Match`.
fn edition_answer(view: EditionView) -> HttpResponse {
    let version = view.updated_at.naive_utc();
    versioned(StatusCode::OK, &view, version)
}

impl From<UpdateEdition> for EditionInput {
    fn from(b: UpdateEdition) -> Self {
        Self {
            read_version: None,
            name: b.name,
            fiscal_year: b.fiscal_year,
            base_cents: b.base_cents,
            reserved_bp: b.reserved_bp,
            citywide_bp: b.citywide_bp,
            allocation: b.allocation,
            alpha: b.alpha,
            floor_cents: b.floor_cents,
            area_ids: b.area_ids,
            categories: b.categories.map(categories),
            min_cost_cents: b.min_cost_cents,
            max_cost_cents: b.max_cost_cents,
            support_threshold: b.support_threshold,
            max_proposals_per_resident: b.max_proposals_per_resident,
            report_threshold: b.report_threshold,
            min_votes: b.min_votes,
            schedule: b.schedule.map(Schedule::from),
        }
    }
}

/// One edition (public).
#[utoipa::path(
    tag = "editions",
    params(("id" = i64, Path, description = "edition id")),
    responses((status = 200, description = "the edition", body = EditionView), (status = 404, description = "no such edition"))
)]
#[get("/editions/{id}")]
pub async fn get_edition(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    ReaderLanguages(wanted): ReaderLanguages,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let mut views = blocking::run(&state.pool, move |conn| {
        let detail = editions::get(conn, id)?;
        in_language(conn, vec![detail], &wanted)
    })
    .await?;
    let mut answer = edition_answer(views.remove(0));
    answer.headers_mut().insert(
        actix_web::http::header::VARY,
        actix_web::http::header::HeaderValue::from_static("Accept-Language"),
    );
    Ok(answer)
}

/// Editions as the API shows them, each name in the reader's language.
fn in_language(
    conn: &mut crate::db::DbConnection,
    found: Vec<EditionDetail>,
    wanted: &[Locale],
) -> ApiResult<Vec<EditionView>> {
    let mut views = Vec::new();
    for detail in found {
        let mut view = EditionView::from(detail);
        let place = (Translatable::Edition, view.id, view.language);
        view.language = translations::name_in(conn, place, &mut view.name, wanted)?;
        views.push(view);
    }
    Ok(views)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct EditionSearch {
    /// One phase or several, separated by commas (`support,voting`).
    #[param(value_type = Option<String>, pattern = r"^(draft|ideas|support|review|voting|decision|implementation|closed)(,(draft|ideas|support|review|voting|decision|implementation|closed))*$", example = "voting")]
    pub phase: Option<String>,
    pub fiscal_year: Option<i32>,
    /// Only editions changed at or after this time (for keeping a copy in step).
    pub updated_since: Option<DateTime<Utc>>,
    /// Items per page, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// List editions, newest first (public).
#[utoipa::path(tag = "editions", params(EditionSearch), responses((status = 200, description = "a page of editions", body = Page<EditionView>)))]
#[get("/editions")]
pub async fn list_editions(
    state: web::Data<AppState>,
    query: Query<EditionSearch>,
    ReaderLanguages(wanted): ReaderLanguages,
) -> ApiResult<web::Json<Page<EditionView>>> {
    let query = query.into_inner()?;
    let page = PageQuery {
        limit: query.limit,
        cursor: query.cursor,
    };
    let filter = editions::EditionFilter {
        phases: comma_list(
            "phase",
            query.phase.as_deref(),
            Phase::parse,
            Phase::ALL.map(Phase::as_str),
        )?,
        fiscal_year: query.fiscal_year,
        updated_since: query.updated_since.map(|t| t.naive_utc()),
        after_id: page.after_id()?,
        limit: page.limit()?,
    };
    let limit = filter.limit;
    let items = blocking::run(&state.pool, move |conn| {
        let found = editions::list(conn, &filter)?;
        in_language(conn, found, &wanted)
    })
    .await?;
    Ok(web::Json(Page::from_items(
        items,
        limit,
        |e: &EditionView| e.id.to_string(),
    )))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PhaseChange {
    pub phase: Phase,
    /// Required when going back a phase.
    pub reason: Option<String>,
}

/// Move the edition one phase forward, or one back with a reason (administrators only; audited).
#[utoipa::path(
    tag = "editions",
    security(("bearer" = [])),
    request_body = PhaseChange,
    params(("id" = i64, Path, description = "edition id")),
    responses(
        (status = 200, description = "the edition", body = EditionView),
        (status = 403, description = "not an administrator"),
        (status = 404, description = "no such edition"),
        (status = 409, description = "not one step forward or back"),
        (status = 422, description = "going back without a reason"),
    )
)]
#[post("/editions/{id}/phase")]
pub async fn change_phase(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<i64>,
    body: Json<PhaseChange>,
) -> ApiResult<web::Json<EditionView>> {
    let id = path.into_inner();
    let body = body.into_inner()?;
    let public_url = state.config.public_url.clone();
    let detail = blocking::run(&state.pool, move |conn| {
        editions::change_phase(
            conn,
            &caller,
            id,
            body.phase,
            body.reason.as_deref(),
            &public_url,
        )
    })
    .await?;
    Ok(web::Json(detail.into()))
}

#[derive(Serialize, ToSchema)]
pub struct EnvelopeView {
    /// Absent for the city-wide envelope.
    pub area_id: Option<i64>,
    pub code: Option<String>,
    pub name: Option<String>,
    pub population: Option<i64>,
    pub deprivation_index: Option<f64>,
    /// The exact weight (an integer; for `needs_weighted` scaled by 10^12).
    pub weight: Option<String>,
    /// The floor every area gets first.
    pub floor_cents: Option<i64>,
    /// `floor(rest × weight / total_weight)`.
    pub share_floor_cents: Option<i64>,
    /// `rest × weight mod total_weight`: the larger, the earlier a leftover cent.
    pub remainder: Option<String>,
    /// 1 when a leftover cent went to this area.
    pub extra_cent: Option<i64>,
    pub computed_cents: i64,
    pub override_cents: Option<i64>,
    pub override_reason: Option<String>,
    /// What the envelope holds: the override when set, else the computed amount.
    pub amount_cents: i64,
}

#[derive(Serialize, ToSchema)]
pub struct EnvelopesView {
    pub edition_id: i64,
    pub base_cents: i64,
    pub reserved_bp: i32,
    pub pot_cents: i64,
    pub citywide_bp: i32,
    pub allocation: Allocation,
    pub alpha: f64,
    pub floor_cents: i64,
    /// Sum of the weights of all areas.
    pub total_weight: String,
    /// What is split by weight: pot − city-wide − floors.
    pub weighted_rest_cents: i64,
    pub citywide: Option<EnvelopeView>,
    pub areas: Vec<EnvelopeView>,
    /// Sum of `amount_cents` of every envelope.
    pub total_cents: i64,
    /// `total_cents − pot_cents`: zero unless overrides changed it.
    pub difference_from_pot_cents: i64,
}

/// Each envelope with the inputs and weights that produced it, so it can be checked by hand
/// (public).
#[utoipa::path(
    tag = "editions",
    params(("id" = i64, Path, description = "edition id")),
    responses((status = 200, description = "every area's envelope and why it has this amount", body = EnvelopesView), (status = 404, description = "no such edition"))
)]
#[get("/editions/{id}/envelopes")]
pub async fn get_envelopes(
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> ApiResult<web::Json<EnvelopesView>> {
    let id = path.into_inner();
    let envelope_service::EnvelopeSheet {
        edition,
        envelopes: rows,
        areas,
    } = blocking::run(&state.pool, move |conn| {
        envelope_service::envelope_sheet(conn, id)
    })
    .await?;
    let pot = pot_cents(edition.base_cents, edition.reserved_bp);
    let mut citywide = None;
    let mut area_views = Vec::new();
    let mut total_weight = "0".to_string();
    let mut weighted_rest = 0;
    for row in &rows {
        let explanation: serde_json::Value =
            serde_json::from_str(&row.explanation).unwrap_or_default();
        let text = |key: &str| {
            explanation
                .get(key)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let number = |key: &str| explanation.get(key).and_then(|v| v.as_i64());
        let area = row.area_id.and_then(|id| areas.iter().find(|a| a.id == id));
        if let Some(t) = text("total_weight") {
            total_weight = t;
        }
        let view = EnvelopeView {
            area_id: row.area_id,
            code: area.map(|a| a.code.clone()),
            name: area.map(|a| a.name.clone()),
            population: number("population"),
            deprivation_index: number("deprivation_ppm").map(deprivation_index),
            weight: text("weight"),
            floor_cents: number("floor_cents"),
            share_floor_cents: number("share_floor_cents"),
            remainder: text("remainder"),
            extra_cent: number("extra_cent"),
            computed_cents: row.computed_cents,
            override_cents: row.override_cents,
            override_reason: row.override_reason.clone(),
            amount_cents: row.amount_cents(),
        };
        if row.area_id.is_some() {
            weighted_rest += view.share_floor_cents.unwrap_or(0) + view.extra_cent.unwrap_or(0);
            area_views.push(view);
        } else {
            citywide = Some(view);
        }
    }
    area_views.sort_by(|a, b| a.code.cmp(&b.code));
    let total: i64 = rows.iter().map(|r| r.amount_cents()).sum();
    Ok(web::Json(EnvelopesView {
        edition_id: edition.id,
        base_cents: edition.base_cents,
        reserved_bp: edition.reserved_bp,
        pot_cents: pot,
        citywide_bp: edition.citywide_bp,
        allocation: edition.allocation,
        alpha: edition.alpha_ppm as f64 / 1_000_000.0,
        floor_cents: edition.floor_cents,
        total_weight,
        weighted_rest_cents: weighted_rest,
        citywide,
        areas: area_views,
        total_cents: total,
        difference_from_pot_cents: total - pot,
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EnvelopeOverride {
    /// The amount the envelope gets instead of the computed one; `null` removes the override.
    #[schema(minimum = 0)]
    pub amount_cents: Option<i64>,
    /// Why (required; audited and shown publicly).
    #[schema(min_length = 1, max_length = 1000, pattern = r"\S")]
    pub reason: String,
}

#[derive(Deserialize, IntoParams)]
pub struct EnvelopePath {
    /// Edition id.
    pub id: i64,
    /// An area id, or `citywide`.
    pub scope: String,
}

/// Override one envelope, or remove the override (administrators only; audited). The other
/// envelopes do not change; the difference with the pot is shown in the envelope list.
#[utoipa::path(
    tag = "editions",
    security(("bearer" = [])),
    request_body = EnvelopeOverride,
    params(EnvelopePath),
    responses(
        (status = 204, description = "saved"),
        (status = 403, description = "not an administrator"),
        (status = 404, description = "no such envelope"),
        (status = 409, description = "rules frozen"),
        (status = 422, description = "no reason or negative amount"),
    )
)]
#[put("/editions/{id}/envelopes/{scope}/override")]
pub async fn override_envelope(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<EnvelopePath>,
    body: Json<EnvelopeOverride>,
) -> ApiResult<HttpResponse> {
    let path = path.into_inner();
    let area_id = match path.scope.as_str() {
        "citywide" => None,
        other => Some(
            other
                .parse::<i64>()
                .map_err(|_| ApiError::not_found(Thing::Envelope))?,
        ),
    };
    let body = body.into_inner()?;
    blocking::run(&state.pool, move |conn| {
        envelope_service::override_envelope(
            conn,
            &caller,
            path.id,
            area_id,
            body.amount_cents,
            &body.reason,
        )
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
