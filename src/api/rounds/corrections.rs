//! Correcting a round after it was announced: taking a project off an open ballot.

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
        (status = 200, body = RoundView),
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
