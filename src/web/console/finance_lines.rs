//! Budget lines: the lines of the multi-year plan the participatory budget is funded from, by
//! plan and year, sorted like every console list; finance adds one from lists, or imports a
//! CSV file that is checked row by row and shown before anything is written.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use askama::Template;
use serde::Deserialize;

use super::finance::{desk, keeps_books, reader};
use super::listing::{Listing, SortColumn, by_text, listing};
use crate::api::blocking;
use crate::error::{ApiError, FieldError};
use crate::service::finance::{self, LineInput};
use crate::state::AppState;
use crate::web::page::{ErrorItem, Field, Page, see_other};
use crate::web::rounds::failure;
use crate::web::upload;
use crate::web::write::cents;

struct LineRow {
    id: i64,
    plan: String,
    fiscal_year: i32,
    action: String,
    policy_field: String,
    ledger_account: String,
    planned_cents: i64,
    planned: String,
}

fn columns() -> Vec<SortColumn<LineRow>> {
    vec![
        SortColumn {
            key: "year",
            label: t!("site-line-year"),
            number: true,
            compare: |a, b| a.fiscal_year.cmp(&b.fiscal_year).then(a.id.cmp(&b.id)),
        },
        SortColumn {
            key: "action",
            label: t!("site-line-action"),
            number: false,
            compare: |a, b| by_text(&a.action, &b.action),
        },
        SortColumn {
            key: "plan",
            label: t!("site-line-plan"),
            number: false,
            compare: |a, b| by_text(&a.plan, &b.plan),
        },
        SortColumn {
            key: "policy_field",
            label: t!("site-line-policy-field"),
            number: false,
            compare: |a, b| by_text(&a.policy_field, &b.policy_field),
        },
        SortColumn {
            key: "ledger_account",
            label: t!("site-line-ledger-account"),
            number: false,
            compare: |a, b| by_text(&a.ledger_account, &b.ledger_account),
        },
        SortColumn {
            key: "planned",
            label: t!("site-line-planned"),
            number: true,
            compare: |a, b| a.planned_cents.cmp(&b.planned_cents),
        },
    ]
}

/// The list's filters, from the address.
#[derive(Deserialize, Default)]
pub struct LinesQuery {
    plan: Option<String>,
    year: Option<String>,
    created: Option<usize>,
    updated: Option<usize>,
}

#[derive(Deserialize, Default)]
pub struct LineForm {
    #[serde(default)]
    plan_version_id: String,
    #[serde(default)]
    fiscal_year: String,
    #[serde(default)]
    action_id: String,
    #[serde(default)]
    policy_field_code: String,
    #[serde(default)]
    ledger_account_code: String,
    #[serde(default)]
    planned: String,
    #[serde(default)]
    csrf_token: String,
}

/// A checked file waiting to be imported: its text and what it would do in a sentence.
struct CheckedFile {
    text: String,
    summary: String,
}

#[derive(Template)]
#[template(path = "console_finance_lines.html")]
struct LinesPage {
    page: Page,
    listing: Listing<LineRow>,
    /// Choices for the filters and the form: (value, label).
    plans: Vec<(String, String)>,
    actions: Vec<(String, String)>,
    policy_fields: Vec<(String, String)>,
    ledger_accounts: Vec<(String, String)>,
    plan_filter: String,
    year_filter: String,
    may_book: bool,
    form: LineForm,
    checked: Option<CheckedFile>,
    done: Option<String>,
    errors: Vec<ErrorItem>,
}

async fn render(
    req: &HttpRequest,
    state: &AppState,
    page: &Page,
    form: LineForm,
    (checked, done): (Option<CheckedFile>, Option<String>),
    (status, errors): (StatusCode, Vec<ErrorItem>),
) -> HttpResponse {
    let reader = match reader(req, state, page).await {
        Ok(reader) => reader,
        Err(answer) => return answer,
    };
    let may_book = keeps_books(reader.caller());
    let query = web::Query::<LinesQuery>::from_query(req.query_string())
        .map(web::Query::into_inner)
        .unwrap_or_default();
    let plan_filter = query.plan.clone().unwrap_or_default();
    let year_filter = query.year.clone().unwrap_or_default();
    let (plan_id, year) = (plan_filter.parse().ok(), year_filter.parse().ok());
    let found = blocking::run(&state.pool, move |conn| {
        let lines = finance::lines(conn, &reader, plan_id, year)?;
        let plans = finance::plans(conn, &reader)?;
        let fields = finance::policy_fields(conn, &reader)?;
        let accounts = finance::ledger_accounts(conn, &reader)?;
        Ok((lines, plans, fields, accounts))
    })
    .await;
    let (lines, plans, fields, accounts) = match found {
        Ok(found) => found,
        Err(error) => return failure(page, &error),
    };
    let plan_names: HashMap<i64, String> = plans
        .iter()
        .map(|t| (t.plan.id, t.plan.name.clone()))
        .collect();
    let action_name = |id: i64| {
        plans
            .iter()
            .flat_map(|t| &t.actions)
            .find(|a| a.id == id)
            .map_or_else(|| format!("#{id}"), |a| format!("{} {}", a.code, a.title))
    };
    let actions: Vec<(String, String)> = plans
        .iter()
        .flat_map(|t| t.actions.iter().map(move |a| (t, a)))
        .map(|(t, a)| {
            let label = format!("{} {} – {} (#{})", a.code, a.title, t.plan.name, a.id);
            (a.id.to_string(), label)
        })
        .collect();
    let rows = lines
        .iter()
        .map(|l| LineRow {
            id: l.id,
            plan: plan_names
                .get(&l.plan_version_id)
                .cloned()
                .unwrap_or_default(),
            fiscal_year: l.fiscal_year,
            action: action_name(l.action_id),
            policy_field: l.policy_field_code.clone(),
            ledger_account: l.ledger_account_code.clone(),
            planned_cents: l.planned_cents,
            planned: page.money(l.planned_cents),
        })
        .collect();
    let labelled = |list: Vec<(String, String)>| {
        list.into_iter()
            .map(|(code, name)| (code.clone(), format!("{code} {name}")))
            .collect()
    };
    page.render_with(
        status,
        &LinesPage {
            page: page.clone(),
            listing: listing(req, page, rows, &columns()),
            plans: plans
                .iter()
                .map(|t| {
                    (
                        t.plan.id.to_string(),
                        format!("{} (#{})", t.plan.name, t.plan.id),
                    )
                })
                .collect(),
            actions,
            policy_fields: labelled(fields),
            ledger_accounts: labelled(accounts),
            plan_filter,
            year_filter,
            may_book,
            form,
            checked,
            done,
            errors,
        },
    )
}

pub async fn lines(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<LinesQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    let done = match (query.created, query.updated) {
        (Some(created), Some(updated)) => Some(page.say(&t!(
            "site-areas-imported",
            created = created,
            updated = updated
        ))),
        _ => None,
    };
    let shown = (None, done);
    render(
        &req,
        &state,
        &page,
        LineForm::default(),
        shown,
        (StatusCode::OK, vec![]),
    )
    .await
}

fn fields() -> [Field; 6] {
    [
        Field::input("plan_version_id", t!("site-line-plan")),
        Field::input("fiscal_year", t!("site-line-year")),
        Field::input("action_id", t!("site-line-action")),
        Field::input("policy_field_code", t!("site-line-policy-field")),
        Field::input("ledger_account_code", t!("site-line-ledger-account")),
        Field {
            name: "planned_cents",
            label: t!("site-line-planned"),
            input: Some("planned"),
        },
    ]
}

fn line_input(form: &LineForm) -> Result<LineInput, ApiError> {
    let mut errors = Vec::new();
    let mut number = |typed: &str, field: &str| -> i64 {
        typed.trim().parse().unwrap_or_else(|_| {
            errors.push(FieldError::new(field, t!("site-finance-choose")));
            0
        })
    };
    let plan_version_id = number(&form.plan_version_id, "plan_version_id");
    let action_id = number(&form.action_id, "action_id");
    let fiscal_year = form.fiscal_year.trim().parse().unwrap_or_else(|_| {
        errors.push(FieldError::new("fiscal_year", t!("must-be-a-whole-number")));
        0
    });
    let planned_cents = cents(&form.planned).unwrap_or_else(|| {
        errors.push(FieldError::new(
            "planned_cents",
            t!("site-write-cost-words"),
        ));
        0
    });
    if !errors.is_empty() {
        return Err(ApiError::invalid_fields(errors));
    }
    Ok(LineInput {
        plan_version_id,
        fiscal_year,
        action_id,
        policy_field_code: form.policy_field_code.clone(),
        ledger_account_code: form.ledger_account_code.clone(),
        planned_cents,
    })
}

pub async fn add_line(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<LineForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let form = form.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let desk = match desk(&req, &state, &page).await {
        Ok(desk) => desk,
        Err(answer) => return answer,
    };
    let added = match line_input(&form) {
        Ok(input) => {
            blocking::run(&state.pool, move |conn| {
                finance::add_line(conn, &desk, input)
            })
            .await
        }
        Err(error) => Err(error),
    };
    match added {
        Ok(_) => see_other("/console/finance/lines?created=1&updated=0").finish(),
        Err(error) => {
            let shown = (error.status_code(), page.errors(&error, &fields()));
            render(&req, &state, &page, form, (None, None), shown).await
        }
    }
}

/// Checks an uploaded file row by row and shows what importing it would do; nothing is written.
pub async fn check_file(
    req: HttpRequest,
    state: web::Data<AppState>,
    payload: web::Payload,
) -> HttpResponse {
    let page = Page::of(&req);
    let desk = match desk(&req, &state, &page).await {
        Ok(desk) => desk,
        Err(answer) => return answer,
    };
    let blank = LineForm::default();
    let text = match upload::file_to_check(&req, &state, &page, payload).await {
        Ok(Ok(text)) => text,
        Ok(Err(no_file)) => {
            return render(&req, &state, &page, blank, (None, None), no_file).await;
        }
        Err(answer) => return answer,
    };
    let csv = text.clone();
    let checked = blocking::run(&state.pool, move |conn| {
        finance::import_lines(conn, &desk, &csv, true)
    })
    .await;
    match checked {
        Ok((created, updated)) => {
            let file = CheckedFile {
                text,
                summary: page.say(&t!(
                    "site-areas-ready",
                    created = created,
                    updated = updated
                )),
            };
            let ok = (StatusCode::OK, vec![]);
            render(&req, &state, &page, blank, (Some(file), None), ok).await
        }
        Err(error) => {
            let shown = (error.status_code(), upload::row_errors(&page, &error));
            render(&req, &state, &page, blank, (None, None), shown).await
        }
    }
}

/// Imports the file checked before (its text came back with the form), checked again.
pub async fn import(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<upload::CheckedFileForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let form = form.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let desk = match desk(&req, &state, &page).await {
        Ok(desk) => desk,
        Err(answer) => return answer,
    };
    let imported = blocking::run(&state.pool, move |conn| {
        finance::import_lines(conn, &desk, &form.csv, false)
    })
    .await;
    match imported {
        Ok((created, updated)) => see_other(&format!(
            "/console/finance/lines?created={created}&updated={updated}"
        ))
        .finish(),
        Err(error) => {
            let shown = (error.status_code(), upload::row_errors(&page, &error));
            let blank = LineForm::default();
            render(&req, &state, &page, blank, (None, None), shown).await
        }
    }
}
