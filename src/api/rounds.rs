//! Voting rounds, ballots, results and exports.

use std::collections::BTreeMap;

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, put, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::Encoding;
use crate::api::areas::read_csv_body;
use crate::api::blocking;
use crate::api::caller::{Admin, Caller, client_address};
use crate::api::extract::{Json, Query, nullable};
use crate::csv;
use crate::domain::ballot::{BallotType, Choices};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::service::ballots;
use crate::service::rounds::{self as service, RoundDetail, RoundInput, RoundResults};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct BallotProject {
    pub proposal_id: i64,
    pub title: String,
    /// The reviewed cost, used on the ballot.
    pub cost_cents: i64,
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
    /// `scheduled`, `open` or `closed`.
    pub status: String,
    /// The money the outcome spends: the envelope, fixed when the round opens.
    pub budget_cents: Option<i64>,
    /// The projects on the ballot (while scheduled: the feasible proposals that would be).
    pub projects: Vec<BallotProject>,
}

fn round_view(detail: RoundDetail) -> RoundView {
    let RoundDetail { round, projects } = detail;
    let listed = projects
        .into_iter()
        .map(|p| BallotProject {
            proposal_id: p.proposal_id,
            title: p.title,
            cost_cents: p.cost_cents,
        })
        .collect();
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
        budget_cents: round.budget_cents,
        projects: listed,
        name: round.name,
        rule: round.rule,
        status: round.status.as_str().to_string(),
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateRound {
    /// The envelope's area; absent for the city-wide envelope.
    pub area_id: Option<i64>,
    pub name: Option<String>,
    pub ballot_type: BallotType,
    pub min_choices: Option<i32>,
    pub max_choices: Option<i32>,
    pub budget_limit_cents: Option<i64>,
    pub min_spend_bp: Option<i32>,
    pub points: Option<i32>,
    pub max_points_per_project: Option<i32>,
    /// `greedy`, `greedy-threshold`, `greedy-no-skip`, `equalshares`, `equalshares/add1`,
    /// `equalshares/add1-comparison` or `phragmen`.
    pub rule: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub min_age: Option<i32>,
    #[serde(default)]
    pub uses_codes: bool,
}

/// Create the voting round of one envelope (administrators only).
#[utoipa::path(
    tag = "rounds",
    security(("bearer" = [])),
    request_body = CreateRound,
    params(("id" = i64, Path, description = "edition id")),
    responses(
        (status = 201, body = RoundView),
        (status = 403, description = "not an administrator", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "the envelope has a round", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "invalid field", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/editions/{id}/rounds")]
pub async fn create_round(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<i64>,
    body: Json<CreateRound>,
) -> ApiResult<HttpResponse> {
    let edition_id = path.into_inner();
    let b = body.into_inner()?;
    let input = RoundInput {
        name: b.name,
        ballot_type: Some(b.ballot_type),
        min_choices: Some(b.min_choices),
        max_choices: Some(b.max_choices),
        budget_limit_cents: Some(b.budget_limit_cents),
        min_spend_bp: Some(b.min_spend_bp),
        points: Some(b.points),
        max_points_per_project: Some(b.max_points_per_project),
        rule: Some(b.rule),
        opens_at: Some(b.opens_at.naive_utc()),
        closes_at: Some(b.closes_at.naive_utc()),
        min_age: Some(b.min_age),
        uses_codes: Some(b.uses_codes),
    };
    let detail = blocking::run(&state.pool, move |conn| {
        service::create(conn, &caller, edition_id, b.area_id, input)
            .and_then(|round| service::with_ballot(conn, round))
    })
    .await?;
    let view = round_view(detail);
    Ok(HttpResponse::Created().json(view))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateRound {
    pub name: Option<String>,
    pub ballot_type: Option<BallotType>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i32>)]
    pub min_choices: Option<Option<i32>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i32>)]
    pub max_choices: Option<Option<i32>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    pub budget_limit_cents: Option<Option<i64>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i32>)]
    pub min_spend_bp: Option<Option<i32>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i32>)]
    pub points: Option<Option<i32>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i32>)]
    pub max_points_per_project: Option<Option<i32>>,
    pub rule: Option<String>,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i32>)]
    pub min_age: Option<Option<i32>>,
    pub uses_codes: Option<bool>,
}

/// Change a round before it opens (administrators only); after opening `409 rules_frozen`.
#[utoipa::path(
    tag = "rounds",
    security(("bearer" = [])),
    request_body = UpdateRound,
    params(("id" = i64, Path, description = "round id")),
    responses(
        (status = 200, body = RoundView),
        (status = 403, description = "not an administrator", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "no such round", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "rules frozen", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "invalid field", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/rounds/{id}")]
pub async fn update_round(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<i64>,
    body: Json<UpdateRound>,
) -> ApiResult<web::Json<RoundView>> {
    let id = path.into_inner();
    let b = body.into_inner()?;
    let input = RoundInput {
        name: b.name,
        ballot_type: b.ballot_type,
        min_choices: b.min_choices,
        max_choices: b.max_choices,
        budget_limit_cents: b.budget_limit_cents,
        min_spend_bp: b.min_spend_bp,
        points: b.points,
        max_points_per_project: b.max_points_per_project,
        rule: b.rule,
        opens_at: b.opens_at.map(|d| d.naive_utc()),
        closes_at: b.closes_at.map(|d| d.naive_utc()),
        min_age: b.min_age,
        uses_codes: b.uses_codes,
    };
    let detail = blocking::run(&state.pool, move |conn| {
        service::update(conn, &caller, id, input)
            .and_then(|round| service::with_ballot(conn, round))
    })
    .await?;
    let view = round_view(detail);
    Ok(web::Json(view))
}

/// One round with the projects on its ballot (public).
#[utoipa::path(
    tag = "rounds",
    params(("id" = i64, Path, description = "round id")),
    responses((status = 200, body = RoundView), (status = 404, description = "no such round", body = crate::error::Problem, content_type = "application/problem+json"))
)]
#[get("/rounds/{id}")]
pub async fn get_round(
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> ApiResult<web::Json<RoundView>> {
    let id = path.into_inner();
    let detail = blocking::run(&state.pool, move |conn| service::detail(conn, id)).await?;
    Ok(web::Json(round_view(detail)))
}

/// The rounds of an edition (public).
#[utoipa::path(
    tag = "rounds",
    params(("id" = i64, Path, description = "edition id")),
    responses((status = 200, body = Vec<RoundView>), (status = 404, description = "no such edition", body = crate::error::Problem, content_type = "application/problem+json"))
)]
#[get("/editions/{id}/rounds")]
pub async fn list_rounds(
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> ApiResult<web::Json<Vec<RoundView>>> {
    let id = path.into_inner();
    let details = blocking::run(&state.pool, move |conn| service::of_edition(conn, id)).await?;
    Ok(web::Json(details.into_iter().map(round_view).collect()))
}

/// Open a round now (administrators only; the edition must be in the voting phase).
#[utoipa::path(
    tag = "rounds",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "round id")),
    responses(
        (status = 200, body = RoundView),
        (status = 403, description = "not an administrator", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "no such round", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "not scheduled, or not the voting phase", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/rounds/{id}/open")]
pub async fn open_round(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<i64>,
) -> ApiResult<web::Json<RoundView>> {
    let id = path.into_inner();
    let public_url = state.config.public_url.clone();
    let detail = blocking::run(&state.pool, move |conn| {
        service::open(conn, Some(&caller), id, &public_url)
            .and_then(|round| service::with_ballot(conn, round))
    })
    .await?;
    let view = round_view(detail);
    Ok(web::Json(view))
}

/// Close a round now and compute its outcome (administrators only).
#[utoipa::path(
    tag = "rounds",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "round id")),
    responses(
        (status = 200, body = RoundView),
        (status = 403, description = "not an administrator", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "no such round", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "not open", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/rounds/{id}/close")]
pub async fn close_round(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<i64>,
) -> ApiResult<web::Json<RoundView>> {
    let id = path.into_inner();
    let public_url = state.config.public_url.clone();
    let detail = blocking::run(&state.pool, move |conn| {
        service::close(conn, Some(&caller), id, &public_url)
            .and_then(|round| service::with_ballot(conn, round))
    })
    .await?;
    let view = round_view(detail);
    Ok(web::Json(view))
}

/// A ballot: `project_ids` for approval, knapsack and ranked ballots (order = rank), `points`
/// for cumulative ballots.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BallotBody {
    pub project_ids: Option<Vec<i64>>,
    /// Points per proposal id.
    pub points: Option<BTreeMap<String, i64>>,
}

impl BallotBody {
    fn choices(self) -> ApiResult<Choices> {
        match (self.project_ids, self.points) {
            (Some(ids), None) => Ok(Choices::ProjectIds(ids)),
            (None, Some(points)) => {
                let mut parsed = BTreeMap::new();
                let mut errors = Vec::new();
                for (key, n) in points {
                    match key.parse::<i64>() {
                        Ok(id) => {
                            parsed.insert(id, n);
                        }
                        Err(_) => errors.push(FieldError::new(
                            format!("points.{key}"),
                            "is not a project id",
                        )),
                    }
                }
                if errors.is_empty() {
                    Ok(Choices::Points(parsed))
                } else {
                    Err(ApiError::invalid_fields(errors))
                }
            }
            _ => Err(ApiError::invalid(
                "project_ids",
                "send either project_ids or points",
            )),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct BallotView {
    pub round_id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_ids: Option<Vec<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<BTreeMap<String, i64>>,
    /// Find this in the round's public export to check that the ballot was counted as cast.
    pub receipt: String,
    /// `online`, `code` or `paper`.
    pub channel: String,
}

fn ballot_view(round_id: i64, choices: Choices, receipt: String, channel: String) -> BallotView {
    let (project_ids, points) = match choices {
        Choices::ProjectIds(ids) => (Some(ids), None),
        Choices::Points(points) => (
            None,
            Some(
                points
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect(),
            ),
        ),
    };
    BallotView {
        round_id,
        project_ids,
        points,
        receipt,
        channel,
    }
}

/// Cast or replace one's ballot while the round is open (verified residents of the area).
#[utoipa::path(
    tag = "rounds",
    security(("bearer" = [])),
    request_body = BallotBody,
    params(("id" = i64, Path, description = "round id")),
    responses(
        (status = 201, description = "cast", body = BallotView),
        (status = 200, description = "replaced", body = BallotView),
        (status = 403, description = "not eligible", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "no such round", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "round not open, or voted on paper", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "breaks a rule of the ballot type (named in the message)", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[put("/rounds/{id}/ballot")]
pub async fn put_ballot(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<BallotBody>,
) -> ApiResult<HttpResponse> {
    let round_id = path.into_inner();
    let choices = body.into_inner()?.choices()?;
    let secret = state.config.pseudonym_secret.clone();
    let stored = choices.clone();
    let (receipt, created) = blocking::run(&state.pool, move |conn| {
        ballots::put(conn, &secret, &caller, round_id, choices)
    })
    .await?;
    let view = ballot_view(round_id, stored, receipt, "online".into());
    Ok(if created {
        HttpResponse::Created().json(view)
    } else {
        HttpResponse::Ok().json(view)
    })
}

/// One's own ballot in a round.
#[utoipa::path(
    tag = "rounds",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "round id")),
    responses((status = 200, body = BallotView), (status = 404, description = "no ballot", body = crate::error::Problem, content_type = "application/problem+json"))
)]
#[get("/rounds/{id}/ballot")]
pub async fn get_ballot(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
) -> ApiResult<web::Json<BallotView>> {
    let round_id = path.into_inner();
    let secret = state.config.pseudonym_secret.clone();
    let own = blocking::run(&state.pool, move |conn| {
        ballots::get(conn, &secret, &caller, round_id)
    })
    .await?;
    Ok(web::Json(ballot_view(
        round_id,
        own.choices,
        own.receipt,
        own.channel,
    )))
}

/// Withdraw one's online ballot while the round is open.
#[utoipa::path(
    tag = "rounds",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "round id")),
    responses(
        (status = 204, description = "withdrawn"),
        (status = 404, description = "no ballot", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "round not open", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/rounds/{id}/ballot")]
pub async fn delete_ballot(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let round_id = path.into_inner();
    let secret = state.config.pseudonym_secret.clone();
    blocking::run(&state.pool, move |conn| {
        ballots::delete(conn, &secret, &caller, round_id)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeBallotBody {
    /// The one-time code from the letter.
    pub code: String,
    pub project_ids: Option<Vec<i64>>,
    pub points: Option<BTreeMap<String, i64>>,
}

/// Cast a ballot with a one-time code from a letter (no account needed; each code works once).
#[utoipa::path(
    tag = "rounds",
    request_body = CodeBallotBody,
    params(("id" = i64, Path, description = "round id")),
    responses(
        (status = 201, body = BallotView),
        (status = 404, description = "no such round", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "round not open, or code used", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "unknown code, or breaks a rule of the ballot", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 429, description = "too many wrong codes", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[put("/rounds/{id}/code-ballot")]
pub async fn put_code_ballot(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    body: Json<CodeBallotBody>,
) -> ApiResult<HttpResponse> {
    let round_id = path.into_inner();
    let b = body.into_inner()?;
    let choices = BallotBody {
        project_ids: b.project_ids,
        points: b.points,
    }
    .choices()?;
    let client = client_address(&req, state.config.trust_forwarded_for);
    let secret = state.config.pseudonym_secret.clone();
    let stored = choices.clone();
    let receipt = blocking::run(&state.pool, move |conn| {
        ballots::put_with_code(conn, &secret, &client, round_id, &b.code, choices)
    })
    .await?;
    Ok(HttpResponse::Created().json(ballot_view(round_id, stored, receipt, "code".into())))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VotingCodeCount {
    /// How many codes, 1 to 100 000.
    #[schema(minimum = 1, maximum = 100000)]
    pub count: usize,
}

/// Generate one-time voting codes for letters (administrators only; rounds with
/// `uses_codes`). The codes are in this answer only, as CSV; the server keeps their hashes.
#[utoipa::path(
    tag = "rounds",
    security(("bearer" = [])),
    request_body = VotingCodeCount,
    params(("id" = i64, Path, description = "round id")),
    responses(
        (status = 201, description = "the codes, one per line", content_type = "text/csv", body = String),
        (status = 403, description = "not an administrator", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "round closed or without codes", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/rounds/{id}/voting-codes")]
pub async fn voting_codes(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<i64>,
    body: Json<VotingCodeCount>,
) -> ApiResult<HttpResponse> {
    let round_id = path.into_inner();
    let count = body.into_inner()?.count;
    let codes = blocking::run(&state.pool, move |conn| {
        ballots::generate_codes(conn, &caller, round_id, count)
    })
    .await?;
    let mut text = String::from("code\n");
    for code in codes {
        text.push_str(&code);
        text.push('\n');
    }
    Ok(HttpResponse::Created()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("cache-control", "no-store"))
        .body(text))
}

#[derive(Serialize, ToSchema)]
pub struct ImportedBallots {
    pub imported: usize,
}

/// Import paper ballots (administrators only, while the round is open): CSV with `code` or
/// `user_id`, and `choices` (project ids separated by spaces; `id:points` for cumulative
/// rounds). Nothing is written when any row is wrong; a voter who voted online is refused.
#[utoipa::path(
    tag = "rounds",
    security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv"),
    params(("id" = i64, Path, description = "round id")),
    responses(
        (status = 200, body = ImportedBallots),
        (status = 403, description = "not an administrator", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "round not open", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "rows with errors; nothing was written", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/rounds/{id}/paper-ballots")]
pub async fn paper_ballots(
    req: HttpRequest,
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<i64>,
    body: web::Payload,
) -> ApiResult<web::Json<ImportedBallots>> {
    let round_id = path.into_inner();
    let text = read_csv_body(&req, body, crate::api::areas::IMPORT_LIMIT).await?;
    let secret = state.config.pseudonym_secret.clone();
    let imported = blocking::run(&state.pool, move |conn| {
        ballots::import_paper(conn, &secret, &caller, round_id, &text)
    })
    .await?;
    Ok(web::Json(ImportedBallots { imported }))
}

#[derive(Serialize, ToSchema)]
pub struct ProjectResultView {
    pub proposal_id: i64,
    pub title: String,
    pub cost_cents: i64,
    pub votes: i64,
    /// Points or rank scores; the same as votes for approval and knapsack ballots.
    pub score: i64,
    pub selected: bool,
}

#[derive(Serialize, ToSchema)]
pub struct ResultsView {
    pub round_id: i64,
    pub rule: String,
    pub engine_version: String,
    /// Funded proposals in the order the rule chose them.
    pub selected: Vec<i64>,
    pub projects: Vec<ProjectResultView>,
    pub budget_cents: i64,
    pub spent_cents: i64,
    pub left_over_cents: i64,
    pub ballots: i64,
    /// Voters who could vote (residents, or codes issued).
    pub eligible: i64,
    /// Ballots / eligible voters.
    pub turnout: Option<f64>,
    pub population: Option<i64>,
    /// Ballots as a share of the population.
    pub share_of_population: Option<f64>,
    /// SHA-256 over the sorted canonical ballots.
    pub ballots_hash: String,
    /// The audit chain's head when the round closed.
    pub audit_head_hash: String,
    pub closed_at: Option<DateTime<Utc>>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ResultsFormat {
    /// `json` (default) or `csv`.
    pub format: Option<Encoding>,
}

/// The outcome of a closed round (public): per project votes and cost, what was funded, the
/// money left, turnout. `?format=csv` gives the projects as CSV.
#[utoipa::path(
    tag = "rounds",
    params(("id" = i64, Path, description = "round id"), ResultsFormat),
    responses(
        (status = 200, description = "the results; with `format=csv`, the projects as CSV", content((ResultsView = "application/json"), (String = "text/csv"))),
        (status = 404, description = "no such round", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "not closed yet", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/rounds/{id}/results")]
pub async fn results(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: Query<ResultsFormat>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let csv_wanted = query.into_inner()?.format == Some(Encoding::Csv);
    let RoundResults {
        round,
        outcome,
        turnout,
        titles,
    } = blocking::run(&state.pool, move |conn| service::results(conn, id)).await?;
    let view = {
        let mut projects = Vec::with_capacity(outcome.projects.len());
        for (p, title) in outcome.projects.iter().zip(titles) {
            projects.push(ProjectResultView {
                proposal_id: p.proposal_id,
                title,
                cost_cents: p.cost_cents,
                votes: p.votes,
                score: p.score,
                selected: p.selected,
            });
        }
        ResultsView {
            round_id: id,
            rule: outcome.rule,
            engine_version: outcome.engine_version,
            selected: outcome.selected,
            projects,
            budget_cents: outcome.budget_cents,
            spent_cents: outcome.total_cost_cents,
            left_over_cents: outcome.budget_cents - outcome.total_cost_cents,
            ballots: turnout.ballots,
            eligible: turnout.eligible,
            turnout: (turnout.eligible > 0)
                .then(|| turnout.ballots as f64 / turnout.eligible as f64),
            population: turnout.population,
            share_of_population: turnout.share_of_population,
            ballots_hash: round.ballots_hash.unwrap_or_default(),
            audit_head_hash: round.audit_head_hash.unwrap_or_default(),
            closed_at: round.closed_at.map(|t| t.and_utc()),
        }
    };
    if csv_wanted {
        let mut text = csv::line(
            &[
                "proposal_id",
                "title",
                "cost_cents",
                "votes",
                "score",
                "selected",
            ]
            .map(String::from),
            ',',
        );
        for p in &view.projects {
            text.push_str(&csv::line(
                &[
                    p.proposal_id.to_string(),
                    csv::cell(&p.title, ','),
                    csv::number_cell(p.cost_cents),
                    p.votes.to_string(),
                    p.score.to_string(),
                    u8::from(p.selected).to_string(),
                ],
                ',',
            ));
        }
        return Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .body(text));
    }
    Ok(HttpResponse::Ok().json(view))
}

/// The closed round as a pabulib `.pb` file with anonymised ballots (public), from which
/// `wijkbudget tally` recomputes the stored outcome.
#[utoipa::path(
    tag = "rounds",
    params(("id" = i64, Path, description = "round id")),
    responses(
        (status = 200, description = "the pabulib file", content_type = "text/plain", body = String),
        (status = 404, description = "no such round", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "not closed yet", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/rounds/{id}/export.pb")]
pub async fn export_pb(
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let text = blocking::run(&state.pool, move |conn| service::export(conn, id)).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header((
            "content-disposition",
            format!("attachment; filename=\"round-{id}.pb\""),
        ))
        .body(text))
}
