//! Creating, changing, opening and closing rounds (administrators).

use super::*;
use crate::api::caching::IfMatch;

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
    /// `equalshares/add1-comparison`, `phragmen` or our extension
    /// `wijkbudget:exact-equal-shares/add-opt` (approval and knapsack ballots).
    pub rule: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub min_age: Option<i32>,
    #[serde(default)]
    pub uses_codes: bool,
    /// An empty ballot counts as taking part without choosing (default: refused).
    #[serde(default)]
    pub allows_abstention: bool,
}

/// Create the voting round of one envelope (administrators only).
#[utoipa::path(
    tag = "rounds",
    security(("bearer" = [])),
    request_body = CreateRound,
    params(("id" = i64, Path, description = "edition id")),
    responses(
        (status = 201, description = "created: the voting round", body = RoundView),
        (status = 403, description = "not an administrator"),
        (status = 409, description = "the envelope has a round"),
        (status = 422, description = "invalid field"),
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
    let area_id = b.area_id;
    let input = RoundInput::from(b);
    let detail = blocking::run(&state.pool, move |conn| {
        service::create(conn, &caller, edition_id, area_id, input)
            .and_then(|round| service::with_ballot(conn, round))
    })
    .await?;
    let view = round_view(detail);
    Ok(HttpResponse::Created().json(view))
}

impl From<CreateRound> for RoundInput {
    fn from(b: CreateRound) -> Self {
        Self {
            read_version: None,
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
            allows_abstention: Some(b.allows_abstention),
        }
    }
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
    pub allows_abstention: Option<bool>,
}

/// Change a round before it opens (administrators only); after opening `409 rules_frozen`.
#[utoipa::path(
    tag = "rounds",
    security(("bearer" = [])),
    request_body = UpdateRound,
    params(
        ("id" = i64, Path, description = "round id"),
        ("If-Match" = Option<String>, Header, nullable = false, pattern = r#"^(\*|(W/)?"v[0-9]+-[0-9a-f]+")$"#, description = "The `ETag` of the round as read: the change is refused with `412` when someone changed it since (`422` when it is not a tag this server gave)."),
    ),
    responses(
        (status = 200, description = "the voting round", body = RoundView),
        (status = 403, description = "not an administrator"),
        (status = 404, description = "no such round"),
        (status = 409, description = "rules frozen"),
        (status = 422, description = "invalid field"),
        (status = 412, description = "changed since the version named in If-Match"),
    )
)]
#[patch("/rounds/{id}")]
pub async fn update_round(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<i64>,
    IfMatch(read_version): IfMatch,
    body: Json<UpdateRound>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let input = RoundInput {
        read_version,
        ..RoundInput::from(body.into_inner()?)
    };
    let detail = blocking::run(&state.pool, move |conn| {
        service::update(conn, &caller, id, input)
            .and_then(|round| service::with_ballot(conn, round))
    })
    .await?;
    Ok(round_answer(round_view(detail)))
}

impl From<UpdateRound> for RoundInput {
    fn from(b: UpdateRound) -> Self {
        Self {
            read_version: None,
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
            allows_abstention: b.allows_abstention,
        }
    }
}

/// Open a round now (administrators only; the edition must be in the voting phase). A round
/// opened before its `opens_at` opens now, and its `opens_at` says so. A round without a
/// feasible project, or whose closing time has passed, does not open.
#[utoipa::path(
    tag = "rounds",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "round id")),
    responses(
        (status = 200, description = "the voting round", body = RoundView),
        (status = 403, description = "not an administrator"),
        (status = 404, description = "no such round"),
        (status = 409, description = "not scheduled, not the voting phase, no project, or past its closing time"),
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

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseRequest {
    /// Required before the round's closing time: why it closes early (shown on the round).
    #[schema(max_length = 1000)]
    pub reason: Option<String>,
}

/// Close a round now and compute its outcome (administrators only). Before its closing time
/// this needs a `reason`.
#[utoipa::path(
    tag = "rounds",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "round id")),
    request_body = CloseRequest,
    responses(
        (status = 200, description = "the voting round", body = RoundView),
        (status = 403, description = "not an administrator"),
        (status = 404, description = "no such round"),
        (status = 409, description = "not open"),
        (status = 422, description = "closing early without a reason"),
    )
)]
#[post("/rounds/{id}/close")]
pub async fn close_round(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<i64>,
    body: Json<CloseRequest>,
) -> ApiResult<web::Json<RoundView>> {
    let id = path.into_inner();
    let reason = body.into_inner()?.reason;
    let public_url = state.config.public_url.clone();
    let secret = state.config.pseudonym_secret.clone();
    let detail = blocking::run(&state.pool, move |conn| {
        service::close(
            conn,
            &secret,
            Some(&caller),
            (id, reason.as_deref()),
            &public_url,
        )
        .and_then(|round| service::with_ballot(conn, round))
    })
    .await?;
    let view = round_view(detail);
    Ok(web::Json(view))
}

/// A ballot type with what a round of it may be set up with.
#[derive(Serialize, ToSchema)]
pub struct BallotTypeView {
    pub ballot_type: BallotType,
    /// The outcome rules that can count it (the `rule` of a round).
    pub rules: Vec<String>,
    /// The round settings that shape its ballots.
    pub settings: Vec<String>,
}

/// The ballot types, each with the outcome rules that fit it and its settings (public), so a
/// form can offer only valid choices instead of learning them from a 422.
#[utoipa::path(
    tag = "rounds",
    responses((status = 200, description = "every ballot type", body = Vec<BallotTypeView>))
)]
#[get("/ballot-types")]
pub async fn list_ballot_types() -> web::Json<Vec<BallotTypeView>> {
    web::Json(
        BallotType::ALL
            .into_iter()
            .map(|ballot_type| BallotTypeView {
                ballot_type,
                rules: crate::tally::Rule::ALL
                    .into_iter()
                    .filter(|rule| ballot_type.counts_with(*rule))
                    .map(|rule| rule.label().to_string())
                    .collect(),
                settings: ballot_type
                    .settings()
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            })
            .collect(),
    )
}
