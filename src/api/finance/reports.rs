//! The proposal report and the budget report (JSON and CSV).

use super::*;

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
    responses((status = 200, description = "the report, counted", body = ProposalReport), (status = 404, description = "no such proposal")))]
#[get("/proposals/{id}/report")]
pub async fn get_proposal_report(
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

/// Planned, allocated, committed and spent per budget line, action, objective, policy field and
/// edition (finance, council, administrators). `?format=csv&group=…` gives one of them as CSV.
#[utoipa::path(tag = "finance", security(("bearer" = [])), params(ReportQuery),
    responses((status = 200, description = "the report; with `format=csv`, the chosen grouping as CSV", content((BudgetReport = "application/json"), (String = "text/csv", example = json!("key,planned_cents,allocated_cents,committed_cents,spent_cents\n1 2027 0680 2240000,20000000,2360000,2360000,1180000\n")))), (status = 403, description = "not allowed"), (status = 422, description = "invalid format or group")))]
#[get("/reports/budget-lines")]
pub async fn get_budget_report(
    state: web::Data<AppState>,
    caller: Caller,
    query: Query<ReportQuery>,
) -> ApiResult<HttpResponse> {
    let reader = service::BookReader::open(caller)?;
    let q = query.into_inner()?;
    let csv_wanted = q.format == Some(Encoding::Csv);
    let grouping = q.group.unwrap_or_default();
    let report = blocking::run(&state.pool, move |conn| {
        service::budget_report(conn, &reader, q.plan_version_id, q.fiscal_year)
    })
    .await?;
    if !csv_wanted {
        return Ok(HttpResponse::Ok().json(report));
    }
    let text = service::totals_csv(&report.rows(grouping));
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .body(text))
}
