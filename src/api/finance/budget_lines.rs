//! Budget lines: create, list, change, import and bind to an edition.

use super::*;

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
    #[schema(minimum = 0, maximum = 10_000_000_000_000_i64)]
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

pub(super) fn line_view(l: BudgetLine) -> BudgetLineView {
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
    responses((status = 201, description = "created: the budget line", body = BudgetLineView), (status = 403, description = "not finance"), (status = 409, description = "the line exists"), (status = 422, description = "invalid field")))]
#[post("/budget-lines")]
pub async fn create_budget_line(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<CreateBudgetLine>,
) -> ApiResult<HttpResponse> {
    let desk = service::FinanceDesk::open(caller)?;
    let b = body.into_inner()?;
    let line = blocking::run(&state.pool, move |conn| {
        service::add_line(conn, &desk, service::LineInput::from(b))
    })
    .await?;
    Ok(HttpResponse::Created().json(line_view(line)))
}

impl From<CreateBudgetLine> for service::LineInput {
    fn from(b: CreateBudgetLine) -> Self {
        Self {
            plan_version_id: b.plan_version_id,
            fiscal_year: b.fiscal_year,
            action_id: b.action_id,
            policy_field_code: b.policy_field_code,
            ledger_account_code: b.ledger_account_code,
            planned_cents: b.planned_cents,
        }
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct LineFilter {
    pub plan_version_id: Option<i64>,
    pub fiscal_year: Option<i32>,
}

/// Budget lines (finance, council, administrators).
#[utoipa::path(tag = "finance", security(("bearer" = [])), params(LineFilter), responses((status = 200, description = "the budget lines", body = Vec<BudgetLineView>), (status = 403, description = "not allowed")))]
#[get("/budget-lines")]
pub async fn list_budget_lines(
    state: web::Data<AppState>,
    caller: Caller,
    query: Query<LineFilter>,
) -> ApiResult<web::Json<Vec<BudgetLineView>>> {
    let reader = service::BookReader::open(caller)?;
    let q = query.into_inner()?;
    let lines = blocking::run(&state.pool, move |conn| {
        service::lines(conn, &reader, q.plan_version_id, q.fiscal_year)
    })
    .await?;
    Ok(web::Json(lines.into_iter().map(line_view).collect()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LineChange {
    #[schema(minimum = 0, maximum = 10_000_000_000_000_i64)]
    pub planned_cents: Option<i64>,
    /// This and the next three only while no funding is booked on the line.
    pub fiscal_year: Option<i32>,
    pub action_id: Option<i64>,
    #[schema(pattern = "^[0-9]{4}$")]
    pub policy_field_code: Option<String>,
    #[schema(pattern = "^[0-9]{2,10}$")]
    pub ledger_account_code: Option<String>,
    /// Why, kept in the line's revisions (`GET /revisions?entity_type=budget_line`).
    #[schema(max_length = 1000)]
    pub reason: Option<String>,
}

/// Change a budget line (finance), kept as a revision: its planned amount at any time but never
/// below what is funded on it; its year, action, policy field and account only while no funding
/// is booked on it.
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body = LineChange, params(("id" = i64, Path, description = "budget line id")),
    responses((status = 200, description = "the budget line", body = BudgetLineView), (status = 403, description = "not finance"), (status = 404, description = "no such line"), (status = 409, description = "below what is funded, used by fundings, or the same as another line"), (status = 422, description = "invalid field")))]
#[patch("/budget-lines/{id}")]
pub async fn update_budget_line(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<LineChange>,
) -> ApiResult<web::Json<BudgetLineView>> {
    let desk = service::FinanceDesk::open(caller)?;
    let id = path.into_inner();
    let b = body.into_inner()?;
    let change = service::LineChange {
        planned_cents: b.planned_cents,
        fiscal_year: b.fiscal_year,
        action_id: b.action_id,
        policy_field_code: b.policy_field_code,
        ledger_account_code: b.ledger_account_code,
        reason: b.reason,
    };
    let line = blocking::run(&state.pool, move |conn| {
        service::edit_line(conn, &desk, id, change)
    })
    .await?;
    Ok(web::Json(line_view(line)))
}

/// Import budget lines from CSV with the columns `plan_version_id, fiscal_year, action_id,
/// policy_field_code, ledger_account_code, planned_cents` (finance). A row for an existing line
/// sets its planned amount, never below what is funded on it; each line appears once per file.
/// Every row is checked first; nothing is written when any row is wrong, or with
/// `check_only=true`.
#[utoipa::path(tag = "finance", security(("bearer" = [])), request_body(content = String, content_type = "application/octet-stream", description = "The CSV file as UTF-8 text; sent as `text/csv` or `application/octet-stream`",
        example = json!("plan_version_id,fiscal_year,action_id,policy_field_code,ledger_account_code,planned_cents\n1,2027,4,0680,2240000,20000000\n1,2028,4,0680,2240000,22000000\n")),
    params(ImportQuery),
    responses((status = 200, description = "the budget lines imported (or, checked only, that would be)", body = ImportResult), (status = 403, description = "not finance"), (status = 422, description = "rows with errors; nothing was written")))]
#[post("/budget-lines/import")]
pub async fn import_budget_lines(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    query: Query<ImportQuery>,
    body: web::Payload,
) -> ApiResult<web::Json<ImportResult>> {
    let desk = service::FinanceDesk::open(caller)?;
    let check_only = query.into_inner()?.check_only.unwrap_or(false);
    let text = read_csv_body(&req, body, IMPORT_LIMIT).await?;
    let (created, updated) = blocking::run(&state.pool, move |conn| {
        service::import_lines(conn, &desk, &text, check_only)
    })
    .await?;
    Ok(web::Json(ImportResult {
        created,
        updated,
        checked_only: check_only,
    }))
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
    responses((status = 200, description = "the budget lines bound to the edition", body = BaseResult), (status = 403, description = "not finance"), (status = 409, description = "rules frozen"), (status = 422, description = "unknown line")))]
#[put("/editions/{id}/base-lines")]
pub async fn bind_base_lines(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<i64>,
    body: Json<BaseLines>,
) -> ApiResult<web::Json<BaseResult>> {
    let binder = service::BaseBinder::open(caller)?;
    let id = path.into_inner();
    let lines = body.into_inner()?.budget_line_ids;
    let base_cents = blocking::run(&state.pool, move |conn| {
        service::bind_edition(conn, &binder, id, &lines)
    })
    .await?;
    Ok(web::Json(BaseResult { base_cents }))
}
