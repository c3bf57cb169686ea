//! Voting rounds, ballots, results and exports.

mod corrections;
mod outcome;
mod setup;
mod voting;
pub use corrections::*;
pub use outcome::*;
pub use setup::*;
pub use voting::*;

use std::collections::BTreeMap;

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, put, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::Encoding;
use crate::api::areas::{ImportQuery, read_csv_body};
use crate::api::blocking;
use crate::api::caching::versioned;
use crate::api::caller::{Admin, Caller, client_address};
use crate::api::extract::{Json, Query, comma_list, nullable};
use crate::csv;
use crate::domain::ballot::{BallotType, Choices};
use crate::domain::round::RoundStatus;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::service::ballots;
use crate::service::rounds::{self as service, RoundDetail, RoundInput, RoundResults};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct BallotProject {
    pub proposal_id: i64,
    pub title: String,
    pub summary: String,
    /// Absent for a city-wide proposal.
    pub area_id: Option<i64>,
    pub category: Option<String>,
    /// The reviewed cost, used on the ballot.
    pub cost_cents: i64,
}

crate::domain::text_enum! {
    /// Where a round is in its life, as residents see it.
    pub enum RoundState {
        /// Being set up; its rules can still change.
        Scheduled => "scheduled",
        /// Taking ballots.
        Open => "open",
        /// Counted; the results are published.
        Closed => "closed",
        /// Called off before anyone voted (`status_reason` says why); it has no outcome.
        Cancelled => "cancelled",
    }
}

pub fn round_state(round: &service::RoundRecord) -> RoundState {
    match (round.cancelled_at, round.status) {
        (Some(_), _) => RoundState::Cancelled,
        (None, RoundStatus::Scheduled) => RoundState::Scheduled,
        (None, RoundStatus::Open) => RoundState::Open,
        (None, RoundStatus::Closed) => RoundState::Closed,
    }
}

#[derive(Serialize, ToSchema)]
pub struct RoundView {
    pub id: i64,
    pub edition_id: i64,
    /// Absent for the city-wide round.
    pub area_id: Option<i64>,
    pub name: String,
    pub ballot_type: BallotType,
    pub min_choices: Option<i32>,
    pub max_choices: Option<i32>,
    /// Knapsack: the most the chosen projects may cost (the envelope unless set).
    pub budget_limit_cents: Option<i64>,
    pub min_spend_bp: Option<i32>,
    /// Cumulative: the points each voter spreads.
    pub points: Option<i32>,
    pub max_points_per_project: Option<i32>,
    pub rule: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub min_age: Option<i32>,
    /// Voters use one-time codes from a letter instead of an account.
    pub uses_codes: bool,
    /// An empty ballot counts as taking part without choosing.
    pub allows_abstention: bool,
    pub status: RoundState,
    /// When it started taking ballots.
    pub opened_at: Option<DateTime<Utc>>,
    /// When it was counted, or cancelled.
    pub closed_at: Option<DateTime<Utc>>,
    /// When its settings or state last changed.
    pub updated_at: DateTime<Utc>,
    /// Why the round was closed before its time, or cancelled.
    pub status_reason: Option<String>,
    /// The money the outcome spends: the envelope, fixed when the round opens.
    pub budget_cents: Option<i64>,
    /// The projects on the ballot (while scheduled: the feasible proposals that would be).
    pub projects: Vec<BallotProject>,
    /// Projects taken off the ballot after it opened; ballots naming them count for their
    /// other choices.
    pub withdrawn: Vec<WithdrawnProject>,
}

#[derive(Serialize, ToSchema)]
pub struct WithdrawnProject {
    pub proposal_id: i64,
    pub title: String,
    pub cost_cents: i64,
    pub withdrawn_at: DateTime<Utc>,
    pub reason: String,
}

fn round_view(detail: RoundDetail) -> RoundView {
    let RoundDetail {
        round,
        projects,
        withdrawn,
    } = detail;
    let listed = projects
        .into_iter()
        .map(|p| BallotProject {
            proposal_id: p.proposal_id,
            title: p.title,
            summary: p.summary,
            area_id: p.area_id,
            category: p.category,
            cost_cents: p.cost_cents,
        })
        .collect();
    let status = round_state(&round);
    RoundView {
        id: round.id,
        edition_id: round.edition_id,
        area_id: round.area_id,
        ballot_type: round.ballot_type,
        min_choices: round.min_choices,
        max_choices: round.max_choices,
        budget_limit_cents: round.budget_limit_cents,
        min_spend_bp: round.min_spend_bp,
        points: round.points,
        max_points_per_project: round.max_points_per_project,
        opens_at: round.opens_at.and_utc(),
        closes_at: round.closes_at.and_utc(),
        min_age: round.min_age,
        uses_codes: round.uses_codes,
        allows_abstention: round.allows_abstention,
        budget_cents: round.budget_cents,
        projects: listed,
        withdrawn: withdrawn
            .into_iter()
            .map(|(w, title)| WithdrawnProject {
                proposal_id: w.proposal_id,
                title,
                cost_cents: w.cost_cents,
                withdrawn_at: w.withdrawn_at.and_utc(),
                reason: w.withdrawn_reason,
            })
            .collect(),
        name: round.name,
        rule: round.rule,
        status,
        status_reason: round.status_reason,
        opened_at: round.opened_at.map(|at| at.and_utc()),
        updated_at: round.updated_at.and_utc(),
        closed_at: round
            .closed_at
            .or(round.cancelled_at)
            .map(|at| at.and_utc()),
    }
}

/// One round with the projects on its ballot (public).
#[utoipa::path(
    tag = "rounds",
    params(("id" = i64, Path, description = "round id")),
    responses((status = 200, description = "the voting round", body = RoundView), (status = 404, description = "no such round"))
)]
#[get("/rounds/{id}")]
pub async fn get_round(
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let detail = blocking::run(&state.pool, move |conn| service::detail(conn, id)).await?;
    Ok(round_answer(round_view(detail)))
}

/// A round, tagged with its version for `If-Match`.
pub fn round_answer(view: RoundView) -> HttpResponse {
    let version = view.updated_at.naive_utc();
    versioned(actix_web::http::StatusCode::OK, &view, version)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RoundSearch {
    /// One state or several, separated by commas (`open,closed`).
    #[param(value_type = Option<String>, pattern = r"^(scheduled|open|closed|cancelled)(,(scheduled|open|closed|cancelled))*$", example = "open")]
    pub status: Option<String>,
    /// Only rounds changed at or after this time (for keeping a copy in step).
    pub updated_since: Option<DateTime<Utc>>,
}

/// The rounds of an edition, oldest first (public; an edition has a handful, so one list).
#[utoipa::path(
    tag = "rounds",
    params(("id" = i64, Path, description = "edition id"), RoundSearch),
    responses((status = 200, description = "the voting rounds", body = Vec<RoundView>), (status = 404, description = "no such edition"))
)]
#[get("/editions/{id}/rounds")]
pub async fn list_rounds(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: Query<RoundSearch>,
) -> ApiResult<web::Json<Vec<RoundView>>> {
    let id = path.into_inner();
    let query = query.into_inner()?;
    let wanted = comma_list(
        "status",
        query.status.as_deref(),
        RoundState::parse,
        RoundState::ALL.iter().map(|s| s.as_str()),
    )?;
    let details = blocking::run(&state.pool, move |conn| service::of_edition(conn, id)).await?;
    Ok(web::Json(
        details
            .into_iter()
            .map(round_view)
            .filter(|round| wanted.is_empty() || wanted.contains(&round.status))
            .filter(|round| {
                query
                    .updated_since
                    .is_none_or(|since| round.updated_at >= since)
            })
            .collect(),
    ))
}
