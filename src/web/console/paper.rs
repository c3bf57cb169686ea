//! Paper ballots, entered by an area worker of the round's area (or an administrator) while the
//! round is open: one at a time from the form, or a CSV file that is checked row by row and
//! shown before anything is saved, through the same service as the API's import.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use askama::Template;

use super::staff;
use crate::api::blocking;
use crate::auth::caller::Caller;
use crate::domain::ballot::BallotType;
use crate::error::ApiError;
use crate::service::ballots;
use crate::service::rounds;
use crate::state::AppState;
use crate::web::page::{ErrorItem, Page, see_other};
use crate::web::rounds::failure;
use crate::web::upload;

/// A staff member who enters paper ballots somewhere (else the readable 403 page).
async fn paper_staff(
    req: &HttpRequest,
    state: &AppState,
    page: &Page,
) -> Result<Caller, HttpResponse> {
    let caller = staff(req, state, page).await?;
    ballots::may_enter_paper_ballots(&caller).map_err(|refusal| failure(page, &refusal))?;
    Ok(caller)
}

/// What the page was sent with, to show it again.
#[derive(Default)]
struct Typed {
    voter_kind: String,
    voter: String,
    ticked: Vec<i64>,
    choices: String,
}

#[derive(Template)]
#[template(path = "console_paper.html")]
struct PaperPage {
    page: Page,
    id: i64,
    name: String,
    /// Approval and knapsack ballots are ticked; points and rankings are typed.
    ticks: bool,
    choices_hint: String,
    projects: Vec<(i64, String, String)>,
    typed: Typed,
    /// A checked file ready to import: its text, and how many ballots it holds in a sentence.
    checked: Option<(String, String)>,
    done: Option<String>,
    errors: Vec<ErrorItem>,
}

struct Shown {
    typed: Typed,
    checked: Option<(String, usize)>,
    done: Option<String>,
}

async fn render(
    page: &Page,
    state: &AppState,
    caller: Caller,
    id: i64,
    shown: Shown,
    (status, errors): (StatusCode, Vec<ErrorItem>),
) -> HttpResponse {
    let found = blocking::run(&state.pool, move |conn| {
        let detail = rounds::detail(conn, id)?;
        if !ballots::enters_paper_ballots(&caller, &detail.round) {
            return Err(ApiError::forbidden(t!("paper-ballots-are-entered-by")));
        }
        Ok(detail)
    })
    .await;
    let detail = match found {
        Ok(detail) => detail,
        Err(error) => return failure(page, &error),
    };
    let ballot_type = detail.round.ballot_type;
    page.render_with(
        status,
        &PaperPage {
            page: page.clone(),
            id,
            name: detail.round.name.clone(),
            ticks: matches!(ballot_type, BallotType::Approval | BallotType::Knapsack),
            choices_hint: page.say(&t!(
                "site-paper-choices-hint",
                ballot = ballot_type.as_str()
            )),
            projects: detail
                .projects
                .iter()
                .map(|p| (p.proposal_id, p.title.clone(), page.money(p.cost_cents)))
                .collect(),
            typed: shown.typed,
            checked: shown
                .checked
                .map(|(text, count)| (text, page.say(&t!("site-paper-ready", count = count)))),
            done: shown.done,
            errors,
        },
    )
}

#[derive(serde::Deserialize)]
pub struct DoneQuery {
    entered: Option<usize>,
}

pub async fn form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: web::Query<DoneQuery>,
) -> HttpResponse {
    let page = Page::of(&req);
    let caller = match paper_staff(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let shown = Shown {
        typed: Typed {
            voter_kind: "code".into(),
            ..Typed::default()
        },
        checked: None,
        done: query
            .entered
            .map(|count| page.say(&t!("site-paper-entered", count = count))),
    };
    render(
        &page,
        &state,
        caller,
        path.into_inner(),
        shown,
        (StatusCode::OK, vec![]),
    )
    .await
}

/// The service's row errors as lines of the error summary; a single ballot from the form
/// links its problems to the form's fields instead.
fn row_errors(page: &Page, error: &ApiError, single: bool) -> Vec<ErrorItem> {
    if !single || error.errors.is_empty() {
        return upload::row_errors(page, error);
    }
    error
        .errors
        .iter()
        .map(|e| {
            let (_, column) = upload::row_and_column(&e.field);
            let anchor = if column.starts_with("choices") {
                "choices"
            } else {
                "voter"
            };
            ErrorItem {
                anchor: Some(anchor.into()),
                message: page.say(&e.message),
            }
        })
        .collect()
}

/// A CSV cell, quoted when it holds a separator or a quote.
fn cell(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// Enters one paper ballot from the form, as a one-row file through the same import.
pub async fn enter_one(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> HttpResponse {
    let page = Page::of(&req);
    let id = path.into_inner();
    let mut typed = Typed::default();
    let mut csrf = String::new();
    for (name, value) in form.into_inner() {
        match name.as_str() {
            "voter_kind" => typed.voter_kind = value,
            "voter" => typed.voter = value,
            "choices" => typed.choices = value,
            "project" => typed.ticked.extend(value.parse::<i64>().ok()),
            "csrf_token" => csrf = value,
            _ => {}
        }
    }
    if !page.came_from_this_site(&state, &csrf) {
        return page.refuse_form();
    }
    let caller = match paper_staff(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let column = if typed.voter_kind == "resident" {
        "user_id"
    } else {
        "code"
    };
    let choices = if typed.choices.trim().is_empty() {
        typed
            .ticked
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        typed.choices.clone()
    };
    let csv = format!(
        "{column},choices\n{},{}\n",
        cell(typed.voter.trim()),
        cell(&choices)
    );
    let secret = state.config.pseudonym_secret.clone();
    let acting = caller.clone();
    let entered = blocking::run(&state.pool, move |conn| {
        ballots::import_paper(conn, &secret, &acting, id, &csv, false)
    })
    .await;
    match entered {
        Ok(count) => see_other(&format!(
            "/console/rounds/{id}/paper-ballots?entered={count}"
        ))
        .finish(),
        Err(error) => {
            let errors = row_errors(&page, &error, true);
            let shown = Shown {
                typed,
                checked: None,
                done: None,
            };
            let status = error.status_code();
            render(&page, &state, caller, id, shown, (status, errors)).await
        }
    }
}

/// Checks an uploaded file row by row and shows the result; nothing is saved yet.
pub async fn check_file(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    payload: web::Payload,
) -> HttpResponse {
    let page = Page::of(&req);
    let id = path.into_inner();
    let caller = match paper_staff(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    let text = match upload::file_to_check(&req, &state, &page, payload).await {
        Ok(Ok(text)) => text,
        Ok(Err(no_file)) => {
            let shown = Shown {
                typed: Typed::default(),
                checked: None,
                done: None,
            };
            return render(&page, &state, caller, id, shown, no_file).await;
        }
        Err(answer) => return answer,
    };
    import_file(page, state, caller, id, text, true).await
}

/// Imports the file checked before (its text came back with the form).
pub async fn import(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<upload::CheckedFileForm>,
) -> HttpResponse {
    let page = Page::of(&req);
    let form = form.into_inner();
    if !page.came_from_this_site(&state, &form.csrf_token) {
        return page.refuse_form();
    }
    let caller = match paper_staff(&req, &state, &page).await {
        Ok(caller) => caller,
        Err(answer) => return answer,
    };
    import_file(page, state, caller, path.into_inner(), form.csv, false).await
}

async fn import_file(
    page: Page,
    state: web::Data<AppState>,
    caller: Caller,
    id: i64,
    text: String,
    check_only: bool,
) -> HttpResponse {
    let secret = state.config.pseudonym_secret.clone();
    let acting = caller.clone();
    let csv = text.clone();
    let done = blocking::run(&state.pool, move |conn| {
        ballots::import_paper(conn, &secret, &acting, id, &csv, check_only)
    })
    .await;
    let blank = || Typed {
        voter_kind: "code".into(),
        ..Typed::default()
    };
    match done {
        Ok(count) if check_only => {
            let shown = Shown {
                typed: blank(),
                checked: Some((text, count)),
                done: None,
            };
            render(&page, &state, caller, id, shown, (StatusCode::OK, vec![])).await
        }
        Ok(count) => see_other(&format!(
            "/console/rounds/{id}/paper-ballots?entered={count}"
        ))
        .finish(),
        Err(error) => {
            let errors = row_errors(&page, &error, false);
            let shown = Shown {
                typed: blank(),
                checked: None,
                done: None,
            };
            let status = error.status_code();
            render(&page, &state, caller, id, shown, (status, errors)).await
        }
    }
}
