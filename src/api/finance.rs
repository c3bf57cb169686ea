//! The strategic-cycle budget module: plans, budget lines, fundings, commitments,
//! expenditures, milestones and reports.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, put, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::Encoding;
use crate::api::areas::{IMPORT_LIMIT, read_csv_body};
use crate::api::blocking;
use crate::api::caller::Caller;
use crate::api::extract::{Json, Query};
use crate::csv;
use crate::domain::finance::{FundingKind, LedgerCategory, MilestoneStatus, category_of};
use crate::domain::proposal::ProposalState;
use crate::error::ApiResult;
use crate::service::finance::{
    self as service, BudgetLine, BudgetReport, GroupTotals, Level, Totals,
};
use crate::state::AppState;

const PROBLEM: &str = "application/problem+json";

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePlan {
    /// `mjp` (meerjarenplan) or `amjp` (aanpassing).
    #[schema(pattern = "^(mjp|amjp)$")]
    pub kind: String,
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
    pub first_year: i32,
    pub last_year: i32,
    /// `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub council_decision_date: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PlanItemView {
    pub id: i64,
    pub parent_id: i64,
    pub code: String,
    pub title: String,
    /// For actions: a priority action.
    pub priority: bool,
}

#[derive(Serialize, ToSchema)]
pub struct PlanView {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub first_year: i32,
    pub last_year: i32,
    pub sequence: i32,
    pub council_decision_date: Option<String>,
    pub objectives: Vec<PlanItemView>,
    pub action_plans: Vec<PlanItemView>,
    pub actions: Vec<PlanItemView>,
}

fn items(list: Vec<service::PlanItem>) -> Vec<PlanItemView> {
    list.into_iter()
        .map(|i| PlanItemView {
            id: i.id,
            parent_id: i.parent_id,
            code: i.code,
            title: i.title,
            priority: i.priority,
        })
        .collect()
}

fn plan_view(tree: service::PlanTree) -> PlanView {
    PlanView {
        id: tree.plan.id,
        kind: tree.plan.kind.as_str().to_string(),
        name: tree.plan.name,
        first_year: tree.plan.first_year,
        last_year: tree.plan.last_year,
        sequence: tree.plan.sequence,
        council_decision_date: tree.plan.council_decision_date,
        objectives: items(tree.objectives),
        action_plans: items(tree.action_plans),
        actions: items(tree.actions),
    }
}

/// Add a plan version: the multi-year plan or an amendment (finance).
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = CreatePlan,
    responses((status = 201, body = PlanView), (status = 403, description = "not finance", body = crate::error::Problem, content_type = PROBLEM), (status = 422, description = "invalid field", body = crate::error::Problem, content_type = PROBLEM)))]
#[post("/plans")]
pub async fn create_plan(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<CreatePlan>,
) -> ApiResult<HttpResponse> {
    service::require_finance(&caller)?;
    let b = body.into_inner()?;
    let view = blocking::run(&state.pool, move |conn| {
        let plan = service::create_plan(
            conn,
            &caller,
            service::PlanInput {
                kind: b.kind,
                name: b.name,
                first_year: b.first_year,
                last_year: b.last_year,
                council_decision_date: b.council_decision_date,
            },
        )?;
        service::plan_tree(conn, plan).map(plan_view)
    })
    .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Plan versions with their objectives, action plans and actions (finance, council, administrators).
#[utoipa::path(tag = "finance", security(("bearer" = [])),
    responses((status = 200, body = Vec<PlanView>), (status = 403, description = "not allowed", body = crate::error::Problem, content_type = PROBLEM)))]
#[get("/plans")]
pub async fn list_plans(
    state: web::Data<AppState>,
    caller: Caller,
) -> ApiResult<web::Json<Vec<PlanView>>> {
    let plans = blocking::run(&state.pool, move |conn| service::plans(conn, &caller)).await?;
    Ok(web::Json(plans.into_iter().map(plan_view).collect()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePlanItem {
    #[schema(min_length = 1, max_length = 32, pattern = r"\S")]
    pub code: String,
    #[schema(min_length = 1, max_length = 300, pattern = r"\S")]
    pub title: String,
    /// Actions only: a priority action.
    #[serde(default)]
    pub priority: bool,
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    pub id: i64,
}

async fn add_item(
    state: web::Data<AppState>,
    caller: Caller,
    level: Level,
    parent: i64,
    body: Json<CreatePlanItem>,
) -> ApiResult<HttpResponse> {
    service::require_finance(&caller)?;
    let b = body.into_inner()?;
    let id = blocking::run(&state.pool, move |conn| {
        service::add_plan_item(conn, &caller, level, parent, &b.code, &b.title, b.priority)
    })
    .await?;
    Ok(HttpResponse::Created().json(Created { id }))
}

/// Add a policy objective (beleidsdoelstelling) to a plan version (finance).
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = CreatePlanItem, params(("id" = i64, Path, description = "plan version id")),
    responses((status = 201, body = Created), (status = 403, description = "not finance", body = crate::error::Problem, content_type = PROBLEM), (status = 404, description = "no such plan version", body = crate::error::Problem, content_type = PROBLEM), (status = 409, description = "the code is taken under this parent", body = crate::error::Problem, content_type = PROBLEM), (status = 422, description = "invalid field", body = crate::error::Problem, content_type = PROBLEM)))]
#[post("/plans/{id}/objectives")]
pub async fn create_objective(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<CreatePlanItem>,
) -> ApiResult<HttpResponse> {
    add_item(state, caller, Level::Objective, path.into_inner(), body).await
}

/// Add an action plan (actieplan) to an objective (finance).
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = CreatePlanItem, params(("id" = i64, Path, description = "objective id")),
    responses((status = 201, body = Created), (status = 403, description = "not finance", body = crate::error::Problem, content_type = PROBLEM), (status = 404, description = "no such objective", body = crate::error::Problem, content_type = PROBLEM), (status = 409, description = "the code is taken under this parent", body = crate::error::Problem, content_type = PROBLEM), (status = 422, description = "invalid field", body = crate::error::Problem, content_type = PROBLEM)))]
#[post("/objectives/{id}/action-plans")]
pub async fn create_action_plan(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<CreatePlanItem>,
) -> ApiResult<HttpResponse> {
    add_item(state, caller, Level::ActionPlan, path.into_inner(), body).await
}

/// Add an action (actie) to an action plan (finance).
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = CreatePlanItem, params(("id" = i64, Path, description = "action plan id")),
    responses((status = 201, body = Created), (status = 403, description = "not finance", body = crate::error::Problem, content_type = PROBLEM), (status = 404, description = "no such action plan", body = crate::error::Problem, content_type = PROBLEM), (status = 409, description = "the code is taken under this parent", body = crate::error::Problem, content_type = PROBLEM), (status = 422, description = "invalid field", body = crate::error::Problem, content_type = PROBLEM)))]
#[post("/action-plans/{id}/actions")]
pub async fn create_action(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<CreatePlanItem>,
) -> ApiResult<HttpResponse> {
    add_item(state, caller, Level::Action, path.into_inner(), body).await
}

/// A policy field (beleidsveld).
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyField {
    #[schema(pattern = "^[0-9]{4}$")]
    pub code: String,
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LedgerAccountInput {
    /// The first digit is the class: 1 or 4 financing, 2 investment, 6 or 7 operating.
    #[schema(pattern = "^[12467][0-9]{1,9}$")]
    pub code: String,
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
}

#[derive(Serialize, ToSchema)]
pub struct LedgerAccountView {
    pub code: String,
    pub name: String,
    /// Decided by the account's class.
    pub category: Option<LedgerCategory>,
}

/// Policy fields (beleidsvelden), with the national list as seed data (finance, council, administrators).
#[utoipa::path(tag = "finance", security(("bearer" = [])), responses((status = 200, body = Vec<PolicyField>), (status = 403, description = "not allowed", body = crate::error::Problem, content_type = PROBLEM)))]
#[get("/policy-fields")]
pub async fn list_policy_fields(
    state: web::Data<AppState>,
    caller: Caller,
) -> ApiResult<web::Json<Vec<PolicyField>>> {
    let fields = blocking::run(&state.pool, move |conn| {
        service::policy_fields(conn, &caller)
    })
    .await?;
    Ok(web::Json(
        fields
            .into_iter()
            .map(|(code, name)| PolicyField { code, name })
            .collect(),
    ))
}

/// Add or rename a policy field (finance).
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = PolicyField,
    responses((status = 204, description = "saved"), (status = 403, description = "not finance", body = crate::error::Problem, content_type = PROBLEM), (status = 422, description = "not a 4-digit code", body = crate::error::Problem, content_type = PROBLEM)))]
#[post("/policy-fields")]
pub async fn upsert_policy_field(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<PolicyField>,
) -> ApiResult<HttpResponse> {
    service::require_finance(&caller)?;
    let b = body.into_inner()?;
    blocking::run(&state.pool, move |conn| {
        service::add_policy_field(conn, &caller, &b.code, &b.name)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Ledger accounts (algemene rekeningen) with their category (finance, council, administrators).
#[utoipa::path(tag = "finance", security(("bearer" = [])), responses((status = 200, body = Vec<LedgerAccountView>), (status = 403, description = "not allowed", body = crate::error::Problem, content_type = PROBLEM)))]
#[get("/ledger-accounts")]
pub async fn list_ledger_accounts(
    state: web::Data<AppState>,
    caller: Caller,
) -> ApiResult<web::Json<Vec<LedgerAccountView>>> {
    let accounts = blocking::run(&state.pool, move |conn| {
        service::ledger_accounts(conn, &caller)
    })
    .await?;
    Ok(web::Json(
        accounts
            .into_iter()
            .map(|(code, name)| LedgerAccountView {
                category: category_of(&code).ok(),
                code,
                name,
            })
            .collect(),
    ))
}

/// Add or rename a ledger account (finance); its class decides operating, investment or financing.
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = LedgerAccountInput,
    responses((status = 201, body = LedgerAccountView), (status = 403, description = "not finance", body = crate::error::Problem, content_type = PROBLEM), (status = 422, description = "invalid code", body = crate::error::Problem, content_type = PROBLEM)))]
#[post("/ledger-accounts")]
pub async fn upsert_ledger_account(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<LedgerAccountInput>,
) -> ApiResult<HttpResponse> {
    service::require_finance(&caller)?;
    let b = body.into_inner()?;
    let (code, name) = (b.code.clone(), b.name.clone());
    let category = blocking::run(&state.pool, move |conn| {
        service::add_ledger_account(conn, &caller, &b.code, &b.name)
    })
    .await?;
    Ok(HttpResponse::Created().json(LedgerAccountView {
        code,
        name: name.trim().to_string(),
        category: Some(category),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateBudgetLine {
    pub plan_version_id: i64,
    pub fiscal_year: i32,
    pub action_id: i64,
    #[schema(pattern = "^[0-9]{4}$")]
    pub policy_field_code: String,
    #[schema(pattern = "^[0-9]{2,10}$")]
    pub ledger_account_code: String,
    #[schema(minimum = 0)]
    pub planned_cents: i64,
}

#[derive(Serialize, ToSchema)]
pub struct BudgetLineView {
    pub id: i64,
    pub plan_version_id: i64,
    pub fiscal_year: i32,
    pub action_id: i64,
    pub policy_field_code: String,
    pub ledger_account_code: String,
    pub category: Option<LedgerCategory>,
    pub planned_cents: i64,
}

fn line_view(l: BudgetLine) -> BudgetLineView {
    BudgetLineView {
        id: l.id,
        plan_version_id: l.plan_version_id,
        fiscal_year: l.fiscal_year,
        action_id: l.action_id,
        category: category_of(&l.ledger_account_code).ok(),
        policy_field_code: l.policy_field_code,
        ledger_account_code: l.ledger_account_code,
        planned_cents: l.planned_cents,
    }
}

/// Add a budget line: (plan version, year, action, policy field, ledger account, planned amount) (finance).
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = CreateBudgetLine,
    responses((status = 201, body = BudgetLineView), (status = 403, description = "not finance", body = crate::error::Problem, content_type = PROBLEM), (status = 409, description = "the line exists", body = crate::error::Problem, content_type = PROBLEM), (status = 422, description = "invalid field", body = crate::error::Problem, content_type = PROBLEM)))]
#[post("/budget-lines")]
pub async fn create_budget_line(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<CreateBudgetLine>,
) -> ApiResult<HttpResponse> {
    service::require_finance(&caller)?;
    let b = body.into_inner()?;
    let line = blocking::run(&state.pool, move |conn| {
        service::add_line(
            conn,
            &caller,
            service::LineInput {
                plan_version_id: b.plan_version_id,
                fiscal_year: b.fiscal_year,
                action_id: b.action_id,
                policy_field_code: b.policy_field_code,
                ledger_account_code: b.ledger_account_code,
                planned_cents: b.planned_cents,
            },
        )
    })
    .await?;
    Ok(HttpResponse::Created().json(line_view(line)))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct LineFilter {
    pub plan_version_id: Option<i64>,
    pub fiscal_year: Option<i32>,
}

/// Budget lines (finance, council, administrators).
#[utoipa::path(tag = "finance", security(("bearer" = [])), params(LineFilter), responses((status = 200, body = Vec<BudgetLineView>), (status = 403, description = "not allowed", body = crate::error::Problem, content_type = PROBLEM)))]
#[get("/budget-lines")]
pub async fn list_budget_lines(
    state: web::Data<AppState>,
    caller: Caller,
    query: Query<LineFilter>,
) -> ApiResult<web::Json<Vec<BudgetLineView>>> {
    let q = query.into_inner()?;
    let lines = blocking::run(&state.pool, move |conn| {
        service::lines(conn, &caller, q.plan_version_id, q.fiscal_year)
    })
    .await?;
    Ok(web::Json(lines.into_iter().map(line_view).collect()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlannedAmount {
    #[schema(minimum = 0)]
    pub planned_cents: i64,
}

/// Change a line's planned amount (finance); never below what is funded on it.
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = PlannedAmount, params(("id" = i64, Path, description = "budget line id")),
    responses((status = 200, body = BudgetLineView), (status = 403, description = "not finance", body = crate::error::Problem, content_type = PROBLEM), (status = 404, description = "no such line", body = crate::error::Problem, content_type = PROBLEM), (status = 409, description = "below what is funded", body = crate::error::Problem, content_type = PROBLEM)))]
#[patch("/budget-lines/{id}")]
pub async fn update_budget_line(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<PlannedAmount>,
) -> ApiResult<web::Json<BudgetLineView>> {
    service::require_finance(&caller)?;
    let id = path.into_inner();
    let planned = body.into_inner()?.planned_cents;
    let line = blocking::run(&state.pool, move |conn| {
        service::set_planned(conn, &caller, id, planned)
    })
    .await?;
    Ok(web::Json(line_view(line)))
}

#[derive(Serialize, ToSchema)]
pub struct LineImport {
    pub created: usize,
    pub updated: usize,
}

/// Import budget lines from CSV with the columns `plan_version_id, fiscal_year, action_id,
/// policy_field_code, ledger_account_code, planned_cents` (finance). A row for an existing line
/// sets its planned amount, never below what is funded on it; each line appears once per file.
/// Every row is checked first; nothing is written when any row is wrong.
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = LineImport), (status = 403, description = "not finance", body = crate::error::Problem, content_type = PROBLEM), (status = 422, description = "rows with errors; nothing was written", body = crate::error::Problem, content_type = PROBLEM)))]
#[post("/budget-lines/import")]
pub async fn import_budget_lines(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Payload,
) -> ApiResult<web::Json<LineImport>> {
    service::require_finance(&caller)?;
    let text = read_csv_body(&req, body, IMPORT_LIMIT).await?;
    let (created, updated) = blocking::run(&state.pool, move |conn| {
        service::import_lines(conn, &caller, &text)
    })
    .await?;
    Ok(web::Json(LineImport { created, updated }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BaseLines {
    #[schema(min_items = 1)]
    pub budget_line_ids: Vec<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct BaseResult {
    /// The edition's base: the planned total of the lines.
    pub base_cents: i64,
}

/// Bind an edition's base to budget lines (finance or administrators, until voting starts).
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = BaseLines, params(("id" = i64, Path, description = "edition id")),
    responses((status = 200, body = BaseResult), (status = 403, description = "not finance", body = crate::error::Problem, content_type = PROBLEM), (status = 409, description = "rules frozen", body = crate::error::Problem, content_type = PROBLEM), (status = 422, description = "unknown line", body = crate::error::Problem, content_type = PROBLEM)))]
#[put("/editions/{id}/base-lines")]
pub async fn bind_base_lines(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<BaseLines>,
) -> ApiResult<web::Json<BaseResult>> {
    if !caller.is_admin() {
        service::require_finance(&caller)?;
    }
    let id = path.into_inner();
    let lines = body.into_inner()?.budget_line_ids;
    let base_cents = blocking::run(&state.pool, move |conn| {
        service::bind_edition(conn, &caller, id, &lines)
    })
    .await?;
    Ok(web::Json(BaseResult { base_cents }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateFunding {
    pub budget_line_id: i64,
    #[schema(minimum = 1)]
    pub amount_cents: i64,
    pub kind: FundingKind,
}

#[derive(Serialize, ToSchema)]
pub struct FundingView {
    pub id: i64,
    pub proposal_id: i64,
    pub budget_line_id: i64,
    pub amount_cents: i64,
    pub kind: String,
    pub created_at: DateTime<Utc>,
}

fn funding_view(f: service::Funding) -> FundingView {
    FundingView {
        id: f.id,
        proposal_id: f.proposal_id,
        budget_line_id: f.budget_line_id,
        amount_cents: f.amount_cents,
        kind: f.kind.as_str().to_string(),
        created_at: f.created_at.and_utc(),
    }
}

/// Fund an approved proposal from a budget line (finance). The fundings on a line never exceed
/// its planned amount: `409 exceeds_budget_line` says by how much.
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = CreateFunding, params(("id" = i64, Path, description = "proposal id")),
    responses((status = 201, body = FundingView), (status = 403, description = "not finance", body = crate::error::Problem, content_type = PROBLEM), (status = 409, description = "exceeds the line, or not approved", body = crate::error::Problem, content_type = PROBLEM), (status = 422, description = "invalid amount", body = crate::error::Problem, content_type = PROBLEM)))]
#[post("/proposals/{id}/fundings")]
pub async fn create_funding(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<CreateFunding>,
) -> ApiResult<HttpResponse> {
    service::require_finance(&caller)?;
    let id = path.into_inner();
    let b = body.into_inner()?;
    let funding = blocking::run(&state.pool, move |conn| {
        service::fund(conn, &caller, id, b.budget_line_id, b.amount_cents, b.kind)
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

impl From<ImplementationStep> for ProposalState {
    fn from(step: ImplementationStep) -> Self {
        match step {
            ImplementationStep::Funded => ProposalState::Funded,
            ImplementationStep::InProgress => ProposalState::InProgress,
            ImplementationStep::Completed => ProposalState::Completed,
        }
    }
}

/// Move a proposal along its implementation (finance): `funded` needs fundings that add up to
/// its approved cost.
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = Advance, params(("id" = i64, Path, description = "proposal id")),
    responses((status = 204, description = "moved"), (status = 403, description = "not finance", body = crate::error::Problem, content_type = PROBLEM), (status = 409, description = "not possible now", body = crate::error::Problem, content_type = PROBLEM)))]
#[post("/proposals/{id}/implementation")]
pub async fn advance(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<Advance>,
) -> ApiResult<HttpResponse> {
    service::require_finance(&caller)?;
    let id = path.into_inner();
    let to = ProposalState::from(body.into_inner()?.state);
    blocking::run(&state.pool, move |conn| {
        service::advance(conn, &caller, id, to)
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
    #[schema(minimum = 1)]
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
}

fn commitment_view(c: service::Commitment) -> CommitmentView {
    CommitmentView {
        id: c.id,
        funding_id: c.funding_id,
        erp_reference: c.erp_reference,
        date: c.committed_on,
        amount_cents: c.amount_cents,
        third_party: c.third_party,
        overrun_reason: c.overrun_reason,
    }
}

/// Record a commitment (vastlegging) under a funding (finance).
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = CreateCommitment, params(("id" = i64, Path, description = "funding id")),
    responses((status = 201, body = CommitmentView), (status = 403, description = "not finance", body = crate::error::Problem, content_type = PROBLEM), (status = 409, description = "more than funded without a reason", body = crate::error::Problem, content_type = PROBLEM), (status = 422, description = "invalid field", body = crate::error::Problem, content_type = PROBLEM)))]
#[post("/fundings/{id}/commitments")]
pub async fn create_commitment(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<CreateCommitment>,
) -> ApiResult<HttpResponse> {
    service::require_finance(&caller)?;
    let id = path.into_inner();
    let b = body.into_inner()?;
    let created = blocking::run(&state.pool, move |conn| {
        service::commit(
            conn,
            &caller,
            id,
            service::CommitmentInput {
                erp_reference: b.erp_reference,
                date: b.date,
                amount_cents: b.amount_cents,
                third_party: b.third_party,
                overrun_reason: b.overrun_reason,
            },
        )
    })
    .await?;
    Ok(HttpResponse::Created().json(commitment_view(created)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateExpenditure {
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    pub reference: String,
    /// `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub date: String,
    #[schema(minimum = 1)]
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
}

fn expenditure_view(e: service::Expenditure) -> ExpenditureView {
    ExpenditureView {
        id: e.id,
        commitment_id: e.commitment_id,
        reference: e.reference,
        date: e.spent_on,
        amount_cents: e.amount_cents,
        overrun_reason: e.overrun_reason,
    }
}

/// Record an expenditure (aanrekening) under a commitment (finance).
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = CreateExpenditure, params(("id" = i64, Path, description = "commitment id")),
    responses((status = 201, body = ExpenditureView), (status = 403, description = "not finance", body = crate::error::Problem, content_type = PROBLEM), (status = 409, description = "more than committed without a reason", body = crate::error::Problem, content_type = PROBLEM), (status = 422, description = "invalid field", body = crate::error::Problem, content_type = PROBLEM)))]
#[post("/commitments/{id}/expenditures")]
pub async fn create_expenditure(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<CreateExpenditure>,
) -> ApiResult<HttpResponse> {
    service::require_finance(&caller)?;
    let id = path.into_inner();
    let b = body.into_inner()?;
    let created = blocking::run(&state.pool, move |conn| {
        service::spend(
            conn,
            &caller,
            id,
            service::ExpenditureInput {
                reference: b.reference,
                date: b.date,
                amount_cents: b.amount_cents,
                overrun_reason: b.overrun_reason,
            },
        )
    })
    .await?;
    Ok(HttpResponse::Created().json(expenditure_view(created)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateMilestone {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: String,
    pub status: MilestoneStatus,
    #[schema(minimum = 0, maximum = 100)]
    pub progress_pct: i32,
    /// `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub date: Option<String>,
    pub note: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct MilestoneView {
    pub id: i64,
    pub title: String,
    pub status: String,
    pub progress_pct: i32,
    pub date: Option<String>,
    pub note: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

fn milestone_view(m: service::Milestone) -> MilestoneView {
    MilestoneView {
        id: m.id,
        title: m.title,
        status: m.status.as_str().to_string(),
        progress_pct: m.progress_pct,
        date: m.due_on,
        note: m.note,
        recorded_at: m.created_at.and_utc(),
    }
}

/// Record an implementation milestone of a funded proposal (finance).
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = CreateMilestone, params(("id" = i64, Path, description = "proposal id")),
    responses((status = 201, body = MilestoneView), (status = 403, description = "not finance", body = crate::error::Problem, content_type = PROBLEM), (status = 409, description = "not funded", body = crate::error::Problem, content_type = PROBLEM), (status = 422, description = "invalid field", body = crate::error::Problem, content_type = PROBLEM)))]
#[post("/proposals/{id}/milestones")]
pub async fn create_milestone(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<CreateMilestone>,
) -> ApiResult<HttpResponse> {
    service::require_finance(&caller)?;
    let id = path.into_inner();
    let b = body.into_inner()?;
    let created = blocking::run(&state.pool, move |conn| {
        service::add_milestone(
            conn,
            &caller,
            id,
            service::MilestoneInput {
                title: b.title,
                status: b.status,
                progress_pct: b.progress_pct,
                date: b.date,
                note: b.note,
            },
        )
    })
    .await?;
    Ok(HttpResponse::Created().json(milestone_view(created)))
}

/// The milestones of a proposal (public).
#[utoipa::path(tag = "finance", params(("id" = i64, Path, description = "proposal id")),
    responses((status = 200, body = Vec<MilestoneView>), (status = 404, description = "no such proposal", body = crate::error::Problem, content_type = PROBLEM)))]
#[get("/proposals/{id}/milestones")]
pub async fn list_milestones(
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> ApiResult<web::Json<Vec<MilestoneView>>> {
    let id = path.into_inner();
    let list = blocking::run(&state.pool, move |conn| service::milestones(conn, id)).await?;
    Ok(web::Json(list.into_iter().map(milestone_view).collect()))
}

#[derive(Serialize, ToSchema)]
pub struct ProposalReport {
    pub proposal_id: i64,
    pub title: String,
    pub state: ProposalState,
    pub support_count: i64,
    /// The cost on the ballot, which the council approved.
    pub approved_cost_cents: i64,
    pub fundings: Vec<FundingView>,
    pub commitments: Vec<CommitmentView>,
    pub expenditures: Vec<ExpenditureView>,
    pub milestones: Vec<MilestoneView>,
    #[serde(flatten)]
    pub totals: Totals,
}

/// One proposal from vote to spend (public): its fundings, commitments, expenditures and milestones.
#[utoipa::path(tag = "finance", params(("id" = i64, Path, description = "proposal id")),
    responses((status = 200, body = ProposalReport), (status = 404, description = "no such proposal", body = crate::error::Problem, content_type = PROBLEM)))]
#[get("/proposals/{id}/report")]
pub async fn proposal_report(
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> ApiResult<web::Json<ProposalReport>> {
    let id = path.into_inner();
    let (p, money) =
        blocking::run(&state.pool, move |conn| service::proposal_report(conn, id)).await?;
    let report = {
        let totals = money.totals();
        ProposalReport {
            proposal_id: p.id,
            state: p.state,
            title: p.title,
            support_count: p.support_count,
            approved_cost_cents: money.approved_cost_cents,
            fundings: money.fundings.into_iter().map(funding_view).collect(),
            commitments: money.commitments.into_iter().map(commitment_view).collect(),
            expenditures: money
                .expenditures
                .into_iter()
                .map(expenditure_view)
                .collect(),
            milestones: money.milestones.into_iter().map(milestone_view).collect(),
            totals,
        }
    };
    Ok(web::Json(report))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReportQuery {
    pub plan_version_id: Option<i64>,
    pub fiscal_year: Option<i32>,
    /// `json` (default) or `csv`.
    pub format: Option<Encoding>,
    /// For CSV: the rows (default `line`).
    pub group: Option<ReportGrouping>,
}

/// What one row of the CSV report totals.
#[derive(Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportGrouping {
    #[default]
    Line,
    Action,
    Objective,
    PolicyField,
    Edition,
}

/// Planned, allocated, committed and spent per budget line, action, objective, policy field and
/// edition (finance, council, administrators). `?format=csv&group=…` gives one of them as CSV.
#[utoipa::path(tag = "finance", security(("bearer" = [])), params(ReportQuery),
    responses((status = 200, description = "the report; with `format=csv`, the chosen grouping as CSV", content((BudgetReport = "application/json"), (String = "text/csv"))), (status = 403, description = "not allowed", body = crate::error::Problem, content_type = PROBLEM), (status = 422, description = "invalid format or group", body = crate::error::Problem, content_type = PROBLEM)))]
#[get("/reports/budget-lines")]
pub async fn budget_report(
    state: web::Data<AppState>,
    caller: Caller,
    query: Query<ReportQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.into_inner()?;
    let csv_wanted = q.format == Some(Encoding::Csv);
    let grouping = q.group.unwrap_or_default();
    let report = blocking::run(&state.pool, move |conn| {
        service::budget_report(conn, &caller, q.plan_version_id, q.fiscal_year)
    })
    .await?;
    if !csv_wanted {
        return Ok(HttpResponse::Ok().json(report));
    }
    let header = [
        "key",
        "planned_cents",
        "allocated_cents",
        "committed_cents",
        "spent_cents",
    ]
    .map(String::from);
    let rows: Vec<GroupTotals> = match grouping {
        ReportGrouping::Action => report.by_action,
        ReportGrouping::Objective => report.by_objective,
        ReportGrouping::PolicyField => report.by_policy_field,
        ReportGrouping::Edition => report.by_edition,
        ReportGrouping::Line => report
            .lines
            .iter()
            .map(|l| GroupTotals {
                key: format!(
                    "{} {} {} {}",
                    l.budget_line_id, l.fiscal_year, l.policy_field_code, l.ledger_account_code
                ),
                totals: l.totals,
            })
            .collect(),
    };
    let mut text = csv::line(&header, ',');
    for row in rows {
        text.push_str(&csv::line(
            &[
                csv::cell(&row.key, ','),
                csv::number_cell(row.totals.planned_cents),
                csv::number_cell(row.totals.allocated_cents),
                csv::number_cell(row.totals.committed_cents),
                csv::number_cell(row.totals.spent_cents),
            ],
            ',',
        ));
    }
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .body(text))
}
