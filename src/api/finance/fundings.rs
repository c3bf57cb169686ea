//! Fundings, the move into implementation, commitments and expenditures.

use super::*;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateFunding {
    pub budget_line_id: i64,
    #[schema(minimum = 1, maximum = 10_000_000_000_000_i64)]
    pub amount_cents: i64,
    pub kind: FundingKind,
}

#[derive(Serialize, ToSchema)]
pub struct FundingView {
    pub id: i64,
    pub proposal_id: i64,
    pub budget_line_id: i64,
    pub amount_cents: i64,
    #[schema(value_type = crate::domain::finance::FundingKind)]
    pub kind: String,
    pub created_at: DateTime<Utc>,
    #[serde(flatten)]
    pub correction: Correction,
}

/// On a reversal (a negative entry): the entry it corrects and why.
#[derive(Serialize, ToSchema)]
pub struct Correction {
    pub corrects_id: Option<i64>,
    pub correction_reason: Option<String>,
}

pub(super) fn funding_view(f: service::Funding) -> FundingView {
    FundingView {
        id: f.id,
        proposal_id: f.proposal_id,
        budget_line_id: f.budget_line_id,
        amount_cents: f.amount_cents,
        kind: f.kind.as_str().to_string(),
        created_at: f.created_at.and_utc(),
        correction: Correction {
            corrects_id: f.corrects_id,
            correction_reason: f.correction_reason,
        },
    }
}

/// Fund an approved proposal from a budget line (finance). The fundings on a line never exceed
/// its planned amount: `409 exceeds_budget_line` says by how much.
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = CreateFunding, params(("id" = i64, Path, description = "proposal id")),
    responses((status = 201, description = "created: the funding", body = FundingView), (status = 403, description = "not finance"), (status = 409, description = "exceeds the line, or not approved"), (status = 422, description = "invalid amount")))]
#[post("/proposals/{id}/fundings")]
pub async fn create_funding(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<CreateFunding>,
) -> ApiResult<HttpResponse> {
    let desk = service::FinanceDesk::open(caller)?;
    let id = path.into_inner();
    let b = body.into_inner()?;
    let funding = blocking::run(&state.pool, move |conn| {
        service::fund(conn, &desk, id, b.budget_line_id, b.amount_cents, b.kind)
    })
    .await?;
    Ok(HttpResponse::Created().json(funding_view(funding)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Advance {
    pub state: ImplementationStep,
}

/// The states of implementation finance moves a proposal through.
#[derive(Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImplementationStep {
    Funded,
    InProgress,
    Completed,
}

/// Move a proposal along its implementation (finance): `funded` needs fundings that add up to
/// its approved cost.
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = Advance, params(("id" = i64, Path, description = "proposal id")),
    responses((status = 204, description = "moved"), (status = 403, description = "not finance"), (status = 409, description = "not possible now")))]
#[post("/proposals/{id}/implementation")]
pub async fn advance_implementation(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<Advance>,
) -> ApiResult<HttpResponse> {
    let desk = service::FinanceDesk::open(caller)?;
    let id = path.into_inner();
    let to = ProposalState::from(body.into_inner()?.state);
    blocking::run(&state.pool, move |conn| {
        service::advance(conn, &desk, id, to)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCommitment {
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    pub erp_reference: String,
    /// `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub date: String,
    #[schema(minimum = 1, maximum = 10_000_000_000_000_i64)]
    pub amount_cents: i64,
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub third_party: String,
    /// Needed to commit more than the funding.
    pub overrun_reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CommitmentView {
    pub id: i64,
    pub funding_id: i64,
    pub erp_reference: String,
    pub date: String,
    pub amount_cents: i64,
    pub third_party: String,
    pub overrun_reason: Option<String>,
    #[serde(flatten)]
    pub correction: Correction,
}

pub(super) fn commitment_view(c: service::Commitment) -> CommitmentView {
    CommitmentView {
        id: c.id,
        funding_id: c.funding_id,
        erp_reference: c.erp_reference,
        date: c.committed_on,
        amount_cents: c.amount_cents,
        third_party: c.third_party,
        overrun_reason: c.overrun_reason,
        correction: Correction {
            corrects_id: c.corrects_id,
            correction_reason: c.correction_reason,
        },
    }
}

/// Record a commitment (vastlegging) under a funding (finance).
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = CreateCommitment, params(("id" = i64, Path, description = "funding id")),
    responses((status = 201, description = "created: the commitment", body = CommitmentView), (status = 403, description = "not finance"), (status = 409, description = "more than funded without a reason"), (status = 422, description = "invalid field")))]
#[post("/fundings/{id}/commitments")]
pub async fn create_commitment(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<CreateCommitment>,
) -> ApiResult<HttpResponse> {
    let desk = service::FinanceDesk::open(caller)?;
    let id = path.into_inner();
    let b = body.into_inner()?;
    let created = blocking::run(&state.pool, move |conn| {
        service::commit(conn, &desk, id, service::CommitmentInput::from(b))
    })
    .await?;
    Ok(HttpResponse::Created().json(commitment_view(created)))
}

impl From<CreateCommitment> for service::CommitmentInput {
    fn from(b: CreateCommitment) -> Self {
        Self {
            erp_reference: b.erp_reference,
            date: b.date,
            amount_cents: b.amount_cents,
            third_party: b.third_party,
            overrun_reason: b.overrun_reason,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateExpenditure {
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    pub reference: String,
    /// `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub date: String,
    #[schema(minimum = 1, maximum = 10_000_000_000_000_i64)]
    pub amount_cents: i64,
    /// Needed to spend more than committed.
    pub overrun_reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ExpenditureView {
    pub id: i64,
    pub commitment_id: i64,
    pub reference: String,
    pub date: String,
    pub amount_cents: i64,
    pub overrun_reason: Option<String>,
    #[serde(flatten)]
    pub correction: Correction,
}

pub(super) fn expenditure_view(e: service::Expenditure) -> ExpenditureView {
    ExpenditureView {
        id: e.id,
        commitment_id: e.commitment_id,
        reference: e.reference,
        date: e.spent_on,
        amount_cents: e.amount_cents,
        overrun_reason: e.overrun_reason,
        correction: Correction {
            corrects_id: e.corrects_id,
            correction_reason: e.correction_reason,
        },
    }
}

/// Record an expenditure (aanrekening) under a commitment (finance).
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = CreateExpenditure, params(("id" = i64, Path, description = "commitment id")),
    responses((status = 201, description = "created: the expenditure", body = ExpenditureView), (status = 403, description = "not finance"), (status = 409, description = "more than committed without a reason"), (status = 422, description = "invalid field")))]
#[post("/commitments/{id}/expenditures")]
pub async fn create_expenditure(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<CreateExpenditure>,
) -> ApiResult<HttpResponse> {
    let desk = service::FinanceDesk::open(caller)?;
    let id = path.into_inner();
    let b = body.into_inner()?;
    let created = blocking::run(&state.pool, move |conn| {
        service::spend(conn, &desk, id, service::ExpenditureInput::from(b))
    })
    .await?;
    Ok(HttpResponse::Created().json(expenditure_view(created)))
}

impl From<CreateExpenditure> for service::ExpenditureInput {
    fn from(b: CreateExpenditure) -> Self {
        Self {
            reference: b.reference,
            date: b.date,
            amount_cents: b.amount_cents,
            overrun_reason: b.overrun_reason,
        }
    }
}
