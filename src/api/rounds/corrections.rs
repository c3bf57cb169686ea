//! Correcting a round after it was announced: taking a project off an open ballot, and
//! cancelling or moving a round before its first ballot.

use super::*;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawalRequest {
    pub proposal_id: i64,
    /// Why the project leaves the ballot; shown on the round and in the proposal's history.
    #[schema(min_length = 1, max_length = 1000, pattern = r"\S")]
    pub reason: String,
}

/// Take a project off an open round's ballot, with a reason (administrators only). Ballots
/// already cast keep counting for their other choices; the proposal becomes `withdrawn` and
/// can then be hidden.
#[utoipa::path(
    tag = "rounds",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "round id")),
    request_body = WithdrawalRequest,
    responses(
        (status = 200, description = "the voting round", body = RoundView),
        (status = 403, description = "not an administrator"),
        (status = 404, description = "no such round"),
        (status = 409, description = "the round is not open, or this is its last project"),
        (status = 422, description = "no reason, or the proposal is not on the ballot"),
    )
)]
#[post("/rounds/{id}/withdrawals")]
pub async fn withdraw_project(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<i64>,
    body: Json<WithdrawalRequest>,
) -> ApiResult<web::Json<RoundView>> {
    let id = path.into_inner();
    let request = body.into_inner()?;
    let public_url = state.config.public_url.clone();
    let detail = blocking::run(&state.pool, move |conn| {
        service::withdraw_project(
            conn,
            &caller,
            id,
            request.proposal_id,
            &request.reason,
            &public_url,
        )
    })
    .await?;
    Ok(web::Json(round_view(detail)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelRequest {
    #[schema(min_length = 1, max_length = 1000, pattern = r"\S")]
    pub reason: String,
}

/// Cancel a round before its first ballot (administrators only; audited). Residents who were
/// told it opened are told it is called off; the envelope is free for a new round.
#[utoipa::path(
    tag = "rounds",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "round id")),
    request_body = CancelRequest,
    responses(
        (status = 200, description = "the voting round", body = RoundView),
        (status = 403, description = "not an administrator"),
        (status = 404, description = "no such round"),
        (status = 409, description = "someone voted already, or the round is closed"),
        (status = 422, description = "no reason"),
    )
)]
#[post("/rounds/{id}/cancel")]
pub async fn cancel_round(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<i64>,
    body: Json<CancelRequest>,
) -> ApiResult<web::Json<RoundView>> {
    let id = path.into_inner();
    let reason = body.into_inner()?.reason;
    let public_url = state.config.public_url.clone();
    let detail = blocking::run(&state.pool, move |conn| {
        service::cancel(conn, &caller, id, &reason, &public_url)
            .and_then(|round| service::with_ballot(conn, round))
    })
    .await?;
    Ok(web::Json(round_view(detail)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RescheduleRequest {
    /// Later than now.
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    #[schema(min_length = 1, max_length = 1000, pattern = r"\S")]
    pub reason: String,
}

/// Move a round that nobody voted in to a new window (administrators only; audited). An open
/// round goes back to scheduled, its projects back to feasible, and residents who were told it
/// opened hear when it opens again.
#[utoipa::path(
    tag = "rounds",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "round id")),
    request_body = RescheduleRequest,
    responses(
        (status = 200, description = "the voting round", body = RoundView),
        (status = 403, description = "not an administrator"),
        (status = 404, description = "no such round"),
        (status = 409, description = "someone voted already, or the round is closed"),
        (status = 422, description = "no reason, or a window that is past or inverted"),
    )
)]
#[post("/rounds/{id}/reschedule")]
pub async fn reschedule_round(
    state: web::Data<AppState>,
    Admin(caller): Admin,
    path: web::Path<i64>,
    body: Json<RescheduleRequest>,
) -> ApiResult<web::Json<RoundView>> {
    let id = path.into_inner();
    let request = body.into_inner()?;
    let window = (request.opens_at.naive_utc(), request.closes_at.naive_utc());
    let public_url = state.config.public_url.clone();
    let detail = blocking::run(&state.pool, move |conn| {
        service::reschedule(conn, &caller, id, window, &request.reason, &public_url)
            .and_then(|round| service::with_ballot(conn, round))
    })
    .await?;
    Ok(web::Json(round_view(detail)))
}
