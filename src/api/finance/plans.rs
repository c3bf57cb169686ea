//! Plan versions and their tree; policy fields and ledger accounts.

use super::*;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePlan {
    /// `mjp` (meerjarenplan) or `amjp` (aanpassing).
    #[schema(value_type = crate::domain::finance::PlanKind)]
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
    #[schema(value_type = crate::domain::finance::PlanKind)]
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

impl From<service::PlanItem> for PlanItemView {
    fn from(i: service::PlanItem) -> Self {
        Self {
            id: i.id,
            parent_id: i.parent_id,
            code: i.code,
            title: i.title,
            priority: i.priority,
        }
    }
}

pub(super) fn items(list: Vec<service::PlanItem>) -> Vec<PlanItemView> {
    list.into_iter().map(PlanItemView::from).collect()
}

pub(super) fn plan_view(tree: service::PlanTree) -> PlanView {
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
    responses((status = 201, description = "created: the plan", body = PlanView), (status = 403, description = "not finance"), (status = 422, description = "invalid field")))]
#[post("/plans")]
pub async fn create_plan(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<CreatePlan>,
) -> ApiResult<HttpResponse> {
    let desk = service::FinanceDesk::open(caller)?;
    let b = body.into_inner()?;
    let view = blocking::run(&state.pool, move |conn| {
        let plan = service::create_plan(conn, &desk, service::PlanInput::from(b))?;
        service::plan_tree(conn, plan).map(plan_view)
    })
    .await?;
    Ok(HttpResponse::Created().json(view))
}

impl From<CreatePlan> for service::PlanInput {
    fn from(b: CreatePlan) -> Self {
        Self {
            kind: b.kind,
            name: b.name,
            first_year: b.first_year,
            last_year: b.last_year,
            council_decision_date: b.council_decision_date,
        }
    }
}

/// Plan versions with their objectives, action plans and actions (finance, council, administrators).
#[utoipa::path(tag = "finance", security(("bearer" = [])),
    responses((status = 200, description = "the plans", body = Vec<PlanView>), (status = 403, description = "not allowed")))]
#[get("/plans")]
pub async fn list_plans(
    state: web::Data<AppState>,
    caller: Caller,
) -> ApiResult<web::Json<Vec<PlanView>>> {
    let reader = service::BookReader::open(caller)?;
    let plans = blocking::run(&state.pool, move |conn| service::plans(conn, &reader)).await?;
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
    let desk = service::FinanceDesk::open(caller)?;
    let b = body.into_inner()?;
    let id = blocking::run(&state.pool, move |conn| {
        service::add_plan_item(conn, &desk, level, parent, &b.code, &b.title, b.priority)
    })
    .await?;
    Ok(HttpResponse::Created().json(Created { id }))
}

/// Add a policy objective (beleidsdoelstelling) to a plan version (finance).
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = CreatePlanItem, params(("id" = i64, Path, description = "plan version id")),
    responses((status = 201, description = "created", body = Created), (status = 403, description = "not finance"), (status = 404, description = "no such plan version"), (status = 409, description = "the code is taken under this parent"), (status = 422, description = "invalid field")))]
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
    responses((status = 201, description = "created", body = Created), (status = 403, description = "not finance"), (status = 404, description = "no such objective"), (status = 409, description = "the code is taken under this parent"), (status = 422, description = "invalid field")))]
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
    responses((status = 201, description = "created", body = Created), (status = 403, description = "not finance"), (status = 404, description = "no such action plan"), (status = 409, description = "the code is taken under this parent"), (status = 422, description = "invalid field")))]
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
#[utoipa::path(tag = "finance", security(("bearer" = [])), responses((status = 200, description = "the policy fields", body = Vec<PolicyField>), (status = 403, description = "not allowed")))]
#[get("/policy-fields")]
pub async fn list_policy_fields(
    state: web::Data<AppState>,
    caller: Caller,
) -> ApiResult<web::Json<Vec<PolicyField>>> {
    let reader = service::BookReader::open(caller)?;
    let fields = blocking::run(&state.pool, move |conn| {
        service::policy_fields(conn, &reader)
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
    responses((status = 204, description = "saved"), (status = 403, description = "not finance"), (status = 422, description = "not a 4-digit code")))]
#[post("/policy-fields")]
pub async fn upsert_policy_field(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<PolicyField>,
) -> ApiResult<HttpResponse> {
    let desk = service::FinanceDesk::open(caller)?;
    let b = body.into_inner()?;
    blocking::run(&state.pool, move |conn| {
        service::add_policy_field(conn, &desk, &b.code, &b.name)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Ledger accounts (algemene rekeningen) with their category (finance, council, administrators).
#[utoipa::path(tag = "finance", security(("bearer" = [])), responses((status = 200, description = "the ledger accounts", body = Vec<LedgerAccountView>), (status = 403, description = "not allowed")))]
#[get("/ledger-accounts")]
pub async fn list_ledger_accounts(
    state: web::Data<AppState>,
    caller: Caller,
) -> ApiResult<web::Json<Vec<LedgerAccountView>>> {
    let reader = service::BookReader::open(caller)?;
    let accounts = blocking::run(&state.pool, move |conn| {
        service::ledger_accounts(conn, &reader)
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
    responses((status = 201, description = "created: the ledger account", body = LedgerAccountView), (status = 403, description = "not finance"), (status = 422, description = "invalid code")))]
#[post("/ledger-accounts")]
pub async fn upsert_ledger_account(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<LedgerAccountInput>,
) -> ApiResult<HttpResponse> {
    let desk = service::FinanceDesk::open(caller)?;
    let b = body.into_inner()?;
    let (code, name) = (b.code.clone(), b.name.clone());
    let category = blocking::run(&state.pool, move |conn| {
        service::add_ledger_account(conn, &desk, &b.code, &b.name)
    })
    .await?;
    Ok(HttpResponse::Created().json(LedgerAccountView {
        code,
        name: name.trim().to_string(),
        category: Some(category),
    }))
}
