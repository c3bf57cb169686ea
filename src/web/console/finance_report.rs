//! The budget report in the console: per line, action, objective, policy field or edition, as
//! a table, an SVG chart and a CSV download, for finance and the council.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::finance::{MoneyColumns, reader};
use crate::api::blocking;
use crate::service::finance::{self, ReportGrouping};
use crate::state::AppState;
use crate::web::page::Page;
use crate::web::rounds::failure;

/// One row of the report: its key in words and its money.
struct ReportRow {
    key: String,
    money: MoneyColumns,
    /// Bar lengths for the chart, in the chart's units.
    planned_width: i64,
    allocated_width: i64,
    committed_width: i64,
    spent_width: i64,
    top: i64,
}

#[derive(Template)]
#[template(path = "console_finance_report.html")]
struct ReportPage {
    page: Page,
    grouping: &'static str,
    groupings: Vec<(&'static str, String, bool)>,
    rows: Vec<ReportRow>,
    total: MoneyColumns,
    chart_height: i64,
}

/// The chart's drawing width for the largest amount.
const CHART_BAR: i64 = 480;
/// The height of one row's four bars in the chart.
const CHART_ROW: i64 = 64;

#[derive(serde::Deserialize)]
pub struct ReportQuery {
    group: Option<String>,
}

fn grouping_of(query: &ReportQuery) -> ReportGrouping {
    ReportGrouping::ALL
        .into_iter()
        .find(|g| query.group.as_deref() == Some(g.as_str()))
        .unwrap_or_default()
}

/// The budget report for a reader of the books, with the grouping the query asks for.
async fn budget_report(
    req: &HttpRequest,
    state: &AppState,
    page: &Page,
    query: &ReportQuery,
) -> Result<(ReportGrouping, finance::BudgetReport), HttpResponse> {
    let reader = reader(req, state, page).await?;
    let found = blocking::run(&state.pool, move |conn| {
        finance::budget_report(conn, &reader, None, None)
    })
    .await;
    match found {
        Ok(report) => Ok((grouping_of(query), report)),
        Err(error) => Err(failure(page, &error)),
    }
}

pub async fn report(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<ReportQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    let (grouping, report) = match budget_report(&req, &state, &page, &query).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let total = MoneyColumns::of(&page, &report.total);
    let rows = report.rows(grouping);
    let largest = rows
        .iter()
        .flat_map(|r| {
            [
                r.totals.planned_cents,
                r.totals.allocated_cents,
                r.totals.committed_cents,
                r.totals.spent_cents,
            ]
        })
        .max()
        .unwrap_or(0)
        .max(1);
    let width = |cents: i64| (cents.max(0) * CHART_BAR / largest).max(1);
    let rows: Vec<ReportRow> = rows
        .into_iter()
        .enumerate()
        .map(|(index, row)| ReportRow {
            money: MoneyColumns::of(&page, &row.totals),
            planned_width: width(row.totals.planned_cents),
            allocated_width: width(row.totals.allocated_cents),
            committed_width: width(row.totals.committed_cents),
            spent_width: width(row.totals.spent_cents),
            top: index as i64 * CHART_ROW,
            key: row.key,
        })
        .collect();
    page.render(&ReportPage {
        grouping: grouping.as_str(),
        groupings: ReportGrouping::ALL
            .into_iter()
            .map(|g| {
                (
                    g.as_str(),
                    page.say(&t!("site-finance-grouping", group = g.as_str())),
                    g == grouping,
                )
            })
            .collect(),
        chart_height: rows.len() as i64 * CHART_ROW + 8,
        rows,
        total,
        page: page.clone(),
    })
}

/// The report's rows as a CSV file to download.
pub async fn report_csv(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<ReportQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    match budget_report(&req, &state, &page, &query).await {
        Ok((grouping, report)) => HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                "Content-Disposition",
                format!(
                    "attachment; filename=\"budget-report-{}.csv\"",
                    grouping.as_str()
                ),
            ))
            .insert_header(("Cache-Control", "no-store"))
            .body(finance::totals_csv(&report.rows(grouping))),
        Err(answer) => answer,
    }
}
