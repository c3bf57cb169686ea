//! Reversal entries: corrections on the books that never edit or delete what was booked.

use super::*;
use crate::service::finance::{Book, Reversal, ReversalInput};

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReversalRequest {
    /// How much of the entry to take back (the reversal books it as a negative amount).
    #[schema(minimum = 1, maximum = 10_000_000_000_000_i64)]
    pub amount_cents: i64,
    #[schema(min_length = 1, max_length = 1000, pattern = r"\S")]
    pub reason: String,
}

async fn reverse(
    state: web::Data<AppState>,
    caller: Caller,
    (book, id): (Book, i64),
    body: Json<ReversalRequest>,
) -> ApiResult<HttpResponse> {
    let desk = service::FinanceDesk::open(caller)?;
    let request = body.into_inner()?;
    let input = ReversalInput {
        amount_cents: request.amount_cents,
        reason: request.reason,
    };
    let reversal = blocking::run(&state.pool, move |conn| {
        service::reverse(conn, &desk, book, id, input)
    })
    .await?;
    let mut created = HttpResponse::Created();
    Ok(match reversal {
        Reversal::Funding(f) => created.json(funding_view(f)),
        Reversal::Commitment(c) => created.json(commitment_view(c)),
        Reversal::Expenditure(e) => created.json(expenditure_view(e)),
    })
}

/// Reverse (part of) a funding (finance): a negative funding naming this one, with a reason.
/// Its commitments must be reversed first.
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = ReversalRequest, params(("id" = i64, Path, description = "funding id")),
    responses((status = 201, description = "created: the funding", body = FundingView), (status = 403, description = "not finance"), (status = 404, description = "no such funding"), (status = 409, description = "a reversal itself, or commitments still under it"), (status = 422, description = "more than is left, or no reason")))]
#[post("/fundings/{id}/reversals")]
pub async fn reverse_funding(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<ReversalRequest>,
) -> ApiResult<HttpResponse> {
    reverse(state, caller, (Book::Fundings, path.into_inner()), body).await
}

/// Reverse (part of) a commitment (finance): a negative commitment naming this one, with a
/// reason. Its expenditures must be reversed first.
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = ReversalRequest, params(("id" = i64, Path, description = "commitment id")),
    responses((status = 201, description = "created: the commitment", body = CommitmentView), (status = 403, description = "not finance"), (status = 404, description = "no such commitment"), (status = 409, description = "a reversal itself, or expenditures still under it"), (status = 422, description = "more than is left, or no reason")))]
#[post("/commitments/{id}/reversals")]
pub async fn reverse_commitment(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<ReversalRequest>,
) -> ApiResult<HttpResponse> {
    reverse(state, caller, (Book::Commitments, path.into_inner()), body).await
}

/// Reverse (part of) an expenditure (finance): a negative expenditure naming this one, with a
/// reason. An invoice reversed in full may be booked again.
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = ReversalRequest, params(("id" = i64, Path, description = "expenditure id")),
    responses((status = 201, description = "created: the expenditure", body = ExpenditureView), (status = 403, description = "not finance"), (status = 404, description = "no such expenditure"), (status = 409, description = "a reversal itself"), (status = 422, description = "more than is left, or no reason")))]
#[post("/expenditures/{id}/reversals")]
pub async fn reverse_expenditure(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<ReversalRequest>,
) -> ApiResult<HttpResponse> {
    reverse(state, caller, (Book::Expenditures, path.into_inner()), body).await
}
