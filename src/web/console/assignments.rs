//! Administrators send an edition's proposals to the departments that review them: each
//! proposal that reached its threshold (or was reviewed and goes back) with its department
//! chosen from the list, through the same service as the API's assignment.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use askama::Template;
use serde::Deserialize;

use super::editions::administrator;
use super::listing::{Listing, SortColumn, by_text, listing};
use crate::api::blocking;
use crate::error::ApiError;
use crate::service::proposals::{assign_review, reviewable};
use crate::service::{departments, editions};
use crate::state::AppState;
use crate::web::page::{ErrorItem, Page, see_other};
use crate::web::rounds::failure;

struct Assignable {
    id: i64,
    title: String,
    state: String,
    /// The department's code, or empty.
    department: String,
    /// The department's name in words, or "not sent yet".
    department_name: String,
}

fn columns() -> Vec<SortColumn<Assignable>> {
    vec![
        SortColumn {
            key: "department",
            label: t!("site-assign-department"),
            number: false,
            compare: |a, b| by_text(&a.department_name, &b.department_name),
        },
        SortColumn {
            key: "title",
            label: t!("site-round-project"),
            number: false,
            compare: |a, b| by_text(&a.title, &b.title),
        },
        SortColumn {
            key: "state",
            label: t!("site-finance-state"),
            number: false,
            compare: |a, b| by_text(&a.state, &b.state),
        },
    ]
}

#[derive(Template)]
#[template(path = "console_assignments.html")]
struct AssignmentsPage {
    page: Page,
    edition_id: i64,
    edition_name: String,
    listing: Listing<Assignable>,
    departments: Vec<(String, String)>,
    done: Option<String>,
    errors: Vec<ErrorItem>,
}

async fn render(
    req: &HttpRequest,
    state: &AppState,
    page: &Page,
    edition_id: i64,
    (done, status, errors): (Option<String>, StatusCode, Vec<ErrorItem>),
) -> HttpResponse {
    let caller = match administrator(req, state, page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let found = blocking::run(&state.pool, move |conn| {
        let edition = editions::get(conn, edition_id)?;
        let proposals = reviewable(conn, &caller, edition_id)?;
        let departments = departments::list(conn)?;
        Ok((edition.edition.name, proposals, departments))
    })
    .await;
    let (edition_name, proposals, departments) = match found {
        Ok(found) => found,
        Err(error) => return failure(page, &error),
    };
    let name_of = |code: &str| {
        departments
            .iter()
            .find(|d| d.code == code)
            .map_or_else(|| code.to_string(), |d| d.name.clone())
    };
    let rows = proposals
        .into_iter()
        .map(|r| Assignable {
            id: r.proposal.id,
            title: r.proposal.title,
            state: page.say(&t!("proposal-state", name = r.proposal.state.as_str())),
            department_name: r
                .department
                .as_deref()
                .map_or_else(|| page.t("site-assign-none"), name_of),
            department: r.department.unwrap_or_default(),
        })
        .collect();
    page.render_with(
        status,
        &AssignmentsPage {
            page: page.clone(),
            edition_id,
            edition_name,
            listing: listing(req, page, rows, &columns()).with_plain(page.t("site-assign-send")),
            departments: departments.into_iter().map(|d| (d.code, d.name)).collect(),
            done,
            errors,
        },
    )
}

#[derive(Deserialize)]
pub struct DoneQuery {
    sent: Option<i64>,
}

pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: web::Query<DoneQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    let done = query.sent.map(|_| page.t("site-assign-sent"));
    let shown = (done, StatusCode::OK, vec![]);
    render(&req, &state, &page, path.into_inner(), shown).await
}

#[derive(Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    proposal: String,
    #[serde(default)]
    department: String,
    #[serde(default)]
    csrf_token: String,
}

pub async fn assign(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<AssignForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let edition_id = path.into_inner();
    let form = form.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let caller = match administrator(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let Ok(proposal) = form.proposal.trim().parse::<i64>() else {
        let refusal = ApiError::invalid("proposal", t!("site-finance-choose"));
        let shown = (None, refusal.status_code(), page.errors(&refusal, &[]));
        return render(&req, &state, &page, edition_id, shown).await;
    };
    let department = form.department.clone();
    let sent = blocking::run(&state.pool, move |conn| {
        let of_edition = reviewable(conn, &caller, edition_id)?
            .iter()
            .any(|r| r.proposal.id == proposal);
        if !of_edition {
            return Err(ApiError::invalid(
                "proposal",
                t!("site-assign-not-this-edition"),
            ));
        }
        assign_review(conn, &caller, proposal, &department)
    })
    .await;
    match sent {
        Ok(()) => see_other(&format!(
            "/console/editions/{edition_id}/assignments?sent={proposal}"
        ))
        .finish(),
        Err(error) => {
            let errors = page
                .errors(&error, &[])
                .into_iter()
                .map(|item| ErrorItem {
                    anchor: Some(format!("department-{proposal}")),
                    ..item
                })
                .collect();
            let shown = (None, error.status_code(), errors);
            render(&req, &state, &page, edition_id, shown).await
        }
    }
}
