//! Ballots: the caller's own, code ballots, voting codes and paper ballots.

use super::*;

/// A ballot: `project_ids` for approval, knapsack and ranked ballots (order = rank), `points`
/// for cumulative ballots.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"project_ids": [31, 33, 34]}))]
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
                            t!("is-not-a-project-id"),
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
                t!("send-either-project-ids-or-points"),
            )),
        }
    }
}

#[derive(Serialize, ToSchema)]
#[schema(example = json!({
    "round_id": 3,
    "project_ids": [31, 33, 34],
    "receipt": "7c1e4a0f9b2d3e8a",
    "channel": "online"
}))]
pub struct BallotView {
    pub round_id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_ids: Option<Vec<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<BTreeMap<String, i64>>,
    /// Find this in the round's public export to check that the ballot was counted as cast.
    pub receipt: String,
    #[schema(value_type = crate::domain::round::Channel)]
    pub channel: String,
}

pub(crate) fn ballot_view(
    round_id: i64,
    choices: Choices,
    receipt: String,
    channel: String,
) -> BallotView {
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
        (status = 403, description = "not eligible"),
        (status = 404, description = "no such round"),
        (status = 409, description = "round not open, or voted on paper"),
        (status = 422, description = "breaks a rule of the ballot type (named in the message)"),
    )
)]
#[put("/rounds/{id}/ballot")]
pub async fn cast_ballot(
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
    responses((status = 200, description = "the ballot and its receipt", body = BallotView), (status = 404, description = "no ballot"))
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
        (status = 404, description = "no ballot"),
        (status = 409, description = "round not open"),
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
#[schema(example = json!({"code": "K7QD-M2XW-9PTA-HV3C", "project_ids": [32, 34]}))]
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
        (status = 201, description = "created: the ballot and its receipt", body = BallotView),
        (status = 404, description = "no such round"),
        (status = 409, description = "round not open, or code used"),
        (status = 422, description = "unknown code, or breaks a rule of the ballot"),
        (status = 429, description = "too many wrong codes"),
    )
)]
#[put("/rounds/{id}/code-ballot")]
pub async fn cast_code_ballot(
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
        (status = 201, description = "the codes, one per line", content_type = "text/csv", body = String,
            example = json!("code\nK7QD-M2XW-9PTA-HV3C\nR4NB-8WJE-TC2Y-5KFU\n")),
        (status = 403, description = "not an administrator"),
        (status = 409, description = "round closed or without codes"),
    )
)]
#[post("/rounds/{id}/voting-codes")]
pub async fn issue_voting_codes(
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
    /// How many ballots were written (with `check_only`: how many would be).
    pub imported: usize,
    /// True when the file was only checked and nothing was written.
    pub checked_only: bool,
}

/// Import paper ballots (an area worker of the round's area or an administrator, while the
/// round is open): CSV with `code` or `user_id`, and `choices` (project ids separated by
/// spaces; `id:points` for cumulative rounds). Nothing is written when any row is wrong, or
/// with `check_only=true`; a voter who voted online is refused.
#[utoipa::path(
    tag = "rounds",
    security(("bearer" = [])),
    request_body(content = String, content_type = "application/octet-stream", description = "The CSV file as UTF-8 text; sent as `text/csv` or `application/octet-stream`",
        example = json!("code,choices\nK7QD-M2XW-9PTA-HV3C,31;33;34\nR4NB-8WJE-TC2Y-5KFU,32\n")),
    params(("id" = i64, Path, description = "round id"), ImportQuery),
    responses(
        (status = 200, description = "the paper ballots imported, or checked", body = ImportedBallots),
        (status = 403, description = "neither an area worker of the round's area nor an administrator"),
        (status = 409, description = "round not open"),
        (status = 422, description = "rows with errors; nothing was written"),
    )
)]
#[post("/rounds/{id}/paper-ballots")]
pub async fn import_paper_ballots(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    query: Query<ImportQuery>,
    body: web::Payload,
) -> ApiResult<web::Json<ImportedBallots>> {
    let round_id = path.into_inner();
    ballots::may_enter_paper_ballots(&caller)?;
    let checked_only = query.into_inner()?.check_only.unwrap_or(false);
    let text = read_csv_body(&req, body, crate::api::areas::IMPORT_LIMIT).await?;
    let secret = state.config.pseudonym_secret.clone();
    let imported = blocking::run(&state.pool, move |conn| {
        ballots::import_paper(conn, &secret, &caller, round_id, &text, checked_only)
    })
    .await?;
    Ok(web::Json(ImportedBallots {
        imported,
        checked_only,
    }))
}
